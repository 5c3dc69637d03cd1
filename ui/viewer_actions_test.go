package ui

import (
	"strings"
	"testing"

	"tern/imapsvc"
)

// TestViewerActions: in the viewer the action keys act on the open
// message only, whatever is marked in the list, and d closes the viewer.
func TestViewerActions(t *testing.T) {
	f := quiet(5)
	f.boxes["Trash"] = makeBox(13, 0)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("j", "t")...).(Model) // mark UID 8, cursor moves to UID 6
	m = drive(t, m, keys("enter")...).(Model)  // open UID 6
	if open, _ := m.reader.Message(); !m.reader.Shown() || open.UID != 6 {
		t.Fatalf("viewer open %v on UID %d, want UID 6", m.reader.Shown(), open.UID)
	}
	m = drive(t, m, keys("F")...).(Model)
	if got := lastCall(f, "STORE"); !strings.HasPrefix(got, `STORE 6 +FLAGS \Flagged`) {
		t.Fatalf("F in the viewer sent %q, want a store on the open message only (calls %v)", got, f.callLog())
	}
	m = drive(t, m, keys("d")...).(Model)
	if m.reader.Shown() {
		t.Fatal("d left the viewer open on a message that went to Trash")
	}
	if got := lastCall(f, "MOVE"); got != "MOVE 6 Trash" {
		t.Fatalf("d in the viewer sent %q (calls %v)", got, f.callLog())
	}
	if got := lastCall(f, "STATUS"); got != "STATUS Trash" {
		t.Fatalf("after the move the pane did not ask Trash's counts: %q (calls %v)", got, f.callLog())
	}
	if !m.list.look.marked[8] {
		t.Fatal("acting in the viewer cleared the list's marks")
	}
}

// TestMoveWithoutUIDPlusMarksDeleted: a fallback move that could not
// expunge leaves the rows, now \Deleted, with their other flags intact.
func TestMoveWithoutUIDPlusMarksDeleted(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	uid := m.list.uids[len(m.list.uids)-1]
	r := m.list.rows[uid]
	r.Flags.Flagged = true
	m.list.rows[uid] = r
	tr := imapsvc.Transfer{Source: m.list.mb, Dest: "Archive", UIDs: []imapsvc.UID{uid}, Move: true, LeftDeleted: true}
	m = drive(t, m, actionMsg{mb: m.list.mb, what: "move", transfer: &tr, acted: tr.UIDs}).(Model)
	got := m.list.rows[uid].Flags
	if !got.Deleted || !got.Flagged {
		t.Fatalf("flags after the fallback move = %+v, want Deleted and still Flagged", got)
	}
	if m.list.index(uid) < 0 {
		t.Fatal("the row went, but the server still has the message")
	}
}
