package ui

import (
	"slices"
	"testing"

	"tern/imapsvc"
)

func TestUIDRanges(t *testing.T) {
	for _, tt := range []struct {
		uids  []imapsvc.UID
		limit int
		want  string
		ok    bool
	}{
		{[]imapsvc.UID{9, 3, 4, 5, 7, 6, 12}, 10, "3:7,9,12", true},
		{[]imapsvc.UID{1}, 10, "1", true},
		{[]imapsvc.UID{2, 2, 3}, 10, "2:3", true},
		{[]imapsvc.UID{1, 3, 5}, 2, "", false},
		{nil, 10, "", false},
	} {
		got, ok := uidRanges(tt.uids, tt.limit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("uidRanges(%v, %d) = %q, %v; want %q, %v", tt.uids, tt.limit, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNextUnreadAsksOnlyWhatItMust: the rows not fetched between the open
// message and the first unread fetched one are what the server is asked
// about; with its answer, the first unread in the view's order wins.
func TestNextUnreadAsksOnlyWhatItMust(t *testing.T) {
	f := quiet(10) // UIDs 20, 18, …, 2 from the top; all seen
	m := start(t, f, testOptions())
	l := m.list
	unseen := func(u imapsvc.UID) {
		r := l.rows[u]
		r.Flags.Seen = false
		l.rows[u] = r
	}
	unseen(10)
	if u, _, ok, ask := l.nextUnread(20, nil); !ok || u != 10 || ask != nil {
		t.Fatalf("all fetched: %d %v ask %v, want 10 without asking", u, ok, ask)
	}
	delete(l.rows, 16) // not fetched
	delete(l.rows, 8)
	u, _, ok, ask := l.nextUnread(20, nil)
	if ok || !slices.Equal(ask, []imapsvc.UID{16}) {
		t.Fatalf("16 not fetched: %d %v ask %v, want to ask about 16 only", u, ok, ask)
	}
	if u, i, ok, _ := l.nextUnread(20, []imapsvc.UID{8, 16}); !ok || u != 16 || i != 2 {
		t.Fatalf("16 unseen on the server: %d row %d %v", u, i, ok)
	}
	if u, _, ok, _ := l.nextUnread(20, []imapsvc.UID{}); !ok || u != 10 {
		t.Fatalf("16 seen on the server: %d %v, want the fetched unread 10", u, ok)
	}
	if u, _, ok, _ := l.nextUnread(10, []imapsvc.UID{8}); !ok || u != 8 {
		t.Fatalf("after 10: %d %v, want 8", u, ok)
	}
	if _, _, ok, ask := l.nextUnread(2, nil); ok || ask != nil {
		t.Fatalf("after the last row: ok %v ask %v", ok, ask)
	}
}
