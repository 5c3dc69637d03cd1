package ui

import (
	"reflect"
	"slices"
	"testing"

	"tern/imapsvc"
	"tern/ui/folderview"
	"tern/ui/pane"
)

func seq(from, to imapsvc.UID) []imapsvc.UID {
	var out []imapsvc.UID
	for u := from; u <= to; u++ {
		out = append(out, u)
	}
	return out
}

// rev lists uids newest first, as the list shows them in arrival order.
func rev(uids []imapsvc.UID) []imapsvc.UID {
	out := slices.Clone(uids)
	slices.Reverse(out)
	return out
}

// arrival is the arrival-order view of a folder, given newest first as
// the list shows it.
func arrival(newestFirst []imapsvc.UID) folderview.View {
	return folderview.Derive(folderview.Folder{UIDs: rev(newestFirst)}, folderview.Spec{})
}

// windowUIDs returns the UIDs of display rows [offset-margin,
// offset+height+margin), first shown first: what windowRange covers.
func windowUIDs(uids folderview.View, offset, height, margin int) []imapsvc.UID {
	lo, hi := windowRange(uids.Len(), offset, height, margin)
	out := make([]imapsvc.UID, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, uids.At(i))
	}
	return out
}

func TestWindowUIDs(t *testing.T) {
	uids := rev(seq(1, 10)) // row 0 shows UID 10
	tests := []struct {
		name                   string
		uids                   []imapsvc.UID
		offset, height, margin int
		want                   []imapsvc.UID
	}{
		{"top, no margin", uids, 0, 3, 0, []imapsvc.UID{10, 9, 8}},
		{"top, margin clipped above", uids, 0, 3, 2, []imapsvc.UID{10, 9, 8, 7, 6}},
		{"middle with margin", uids, 4, 2, 1, []imapsvc.UID{7, 6, 5, 4}},
		{"bottom clipped", uids, 8, 5, 1, []imapsvc.UID{3, 2, 1}},
		{"taller than folder", uids, 0, 50, 10, []imapsvc.UID{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"empty folder", nil, 0, 5, 5, []imapsvc.UID{}},
		{"offset past end", uids, 20, 3, 1, []imapsvc.UID{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := windowUIDs(arrival(tt.uids), tt.offset, tt.height, tt.margin)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v want %v", got, tt.want)
			}
		})
	}
}

func TestMissingUIDs(t *testing.T) {
	uids := rev([]imapsvc.UID{3, 7, 8, 20, 21, 22, 40, 41, 50, 51}) // gaps as after expunges
	have := func(h ...imapsvc.UID) func(imapsvc.UID) bool {
		m := map[imapsvc.UID]bool{}
		for _, u := range h {
			m[u] = true
		}
		return func(u imapsvc.UID) bool { return !m[u] }
	}
	tests := []struct {
		name                   string
		offset, height, margin int
		cached                 []imapsvc.UID
		want                   []imapsvc.UID
	}{
		{"nothing cached, top", 0, 2, 1, nil, []imapsvc.UID{51, 50, 41}},
		{"visible first, then below, then above", 3, 2, 2, nil, []imapsvc.UID{40, 22, 21, 20, 50, 41}},
		{"all cached", 0, 3, 0, []imapsvc.UID{51, 50, 41}, nil},
		{"holes only", 0, 4, 0, []imapsvc.UID{51, 41}, []imapsvc.UID{50, 40}},
		{"bottom", 8, 4, 1, nil, []imapsvc.UID{7, 3, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := missingUIDs(arrival(uids), tt.offset, tt.height, tt.margin, have(tt.cached...))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v want %v", got, tt.want)
			}
		})
	}
}

func TestMissingUIDsLargeFolder(t *testing.T) {
	uids := rev(seq(1, 200000))
	got := missingUIDs(arrival(uids), 100000, 20, 20, func(imapsvc.UID) bool { return true })
	if len(got) != 60 || got[0] != 100000 || got[19] != 99981 {
		t.Fatalf("got %d uids starting %v", len(got), got[:2])
	}
}

func TestClampScroll(t *testing.T) {
	tests := []struct {
		n, cursor, offset, height int
		wantC, wantO              int
	}{
		{0, 5, 5, 10, 0, 0},
		{100, 0, 0, 10, 0, 0},
		{100, 10, 0, 10, 10, 1},
		{100, 5, 8, 10, 5, 5},
		{100, 150, 0, 10, 99, 90},
		{100, -3, 4, 10, 0, 0},
		{5, 2, 3, 10, 2, 0},
		{100, 50, 95, 10, 50, 50},
	}
	for _, tt := range tests {
		c, o := pane.ClampScroll(tt.n, tt.cursor, tt.offset, tt.height)
		if c != tt.wantC || o != tt.wantO {
			t.Errorf("pane.ClampScroll(%d,%d,%d,%d) = %d,%d want %d,%d", tt.n, tt.cursor, tt.offset, tt.height, c, o, tt.wantC, tt.wantO)
		}
	}
}
