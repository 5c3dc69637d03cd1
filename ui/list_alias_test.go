package ui

import (
	"slices"
	"testing"
	"time"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// The arrival view reads the list's UIDs in place, so a message listed
// between others (a resync's newest window) must not be inserted into that
// array: the model from before the insert, which Bubble Tea may still
// hold, would change under it.
func TestAddRowsLeavesEarlierViewAlone(t *testing.T) {
	m := newListModel(keymap.DefaultKeyMap().List, themes.Default().List, nil, time.Now)
	m.height = 10
	m.mb, m.open = inbox, true
	m.rows, m.stale, m.arrived = map[imapsvc.UID]imapsvc.Row{}, map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	m.uids = append(make([]imapsvc.UID, 0, 16), 1, 2, 4, 5) // room to insert in place
	m.rederive()
	before := m
	after, added := m.addRows([]imapsvc.Row{{UID: 3}})
	if added != 1 || !slices.Equal(after.disp().Rows(), []imapsvc.UID{5, 4, 3, 2, 1}) {
		t.Fatalf("after: %d added, shown %v", added, after.disp().Rows())
	}
	if got := before.disp().Rows(); !slices.Equal(got, []imapsvc.UID{5, 4, 2, 1}) {
		t.Fatalf("the earlier model now shows %v", got)
	}
}
