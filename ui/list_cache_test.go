package ui

import (
	"testing"

	"tern/imapsvc"
)

func TestTrimCache(t *testing.T) {
	uids := make([]imapsvc.UID, 100)
	for i := range uids {
		uids[i] = imapsvc.UID(100 - i) // shown newest first
	}
	full := func() map[imapsvc.UID]imapsvc.Row {
		rows := map[imapsvc.UID]imapsvc.Row{}
		for _, u := range uids {
			rows[u] = imapsvc.Row{UID: u}
		}
		return rows
	}
	tests := []struct {
		name                        string
		offset, height, keep, limit int
		wantLen                     int
		kept, dropped               []imapsvc.UID
	}{
		{"under the limit nothing goes", 0, 10, 5, 100, 100, []imapsvc.UID{1, 100}, nil},
		{"top of the list", 0, 10, 5, 20, 15, []imapsvc.UID{100, 86}, []imapsvc.UID{85, 1}},
		{"middle", 50, 10, 5, 20, 20, []imapsvc.UID{50, 41, 36}, []imapsvc.UID{56, 35}},
		{"bottom", 90, 10, 5, 20, 15, []imapsvc.UID{1, 15}, []imapsvc.UID{16, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := full()
			trimCache(rows, arrival(uids), tt.offset, tt.height, tt.keep, tt.limit)
			if len(rows) != tt.wantLen {
				t.Fatalf("%d rows kept, want %d", len(rows), tt.wantLen)
			}
			for _, u := range tt.kept {
				if _, ok := rows[u]; !ok {
					t.Errorf("UID %d dropped, want kept", u)
				}
			}
			for _, u := range tt.dropped {
				if _, ok := rows[u]; ok {
					t.Errorf("UID %d kept, want dropped", u)
				}
			}
		})
	}
}
