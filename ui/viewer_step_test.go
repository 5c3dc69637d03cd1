package ui

import (
	"fmt"
	"strings"
	"testing"

	"tern/imapsvc"
)

// openUID is the UID the viewer shows, and where the list's cursor is.
func openUID(t *testing.T, m Model) (imapsvc.UID, imapsvc.UID) {
	t.Helper()
	open, ok := m.reader.Message()
	if !ok || !m.reader.Shown() {
		t.Fatalf("the viewer shows no message\n%s", screen(m))
	}
	cur, _ := m.list.selected()
	return open.UID, cur
}

func wantOpen(t *testing.T, m Model, f *fakeBackend, uid imapsvc.UID, seen bool) {
	t.Helper()
	open, cur := openUID(t, m)
	if open != uid || cur != uid {
		t.Fatalf("viewer on %d, list cursor on %d, want both on %d", open, cur, uid)
	}
	want := fmt.Sprintf("FETCH %d seen=%v", uid, seen)
	if got := lastCall(f, "FETCH "); got != want {
		t.Fatalf("last fetch %q, want %q as Enter sends (calls %v)", got, want, f.callLog())
	}
}

// TestViewerStepsThroughList: ctrl+n and ctrl+p open the next and the
// previous message of the list's order, n the next unread one; each opens
// it as Enter does (with \Seen) and moves the list's cursor there.
func TestViewerStepsThroughList(t *testing.T) {
	f := quiet(10) // UIDs 2,4,…,20; row 0 is UID 20, the only unseen one
	for i := range f.boxes["INBOX"].rows {
		if u := f.boxes["INBOX"].rows[i].UID; u == 14 || u == 6 {
			f.boxes["INBOX"].rows[i].Flags.Seen = false
		}
	}
	m := start(t, f, testOptions())
	m = drive(t, m, keys("enter")...).(Model)
	wantOpen(t, m, f, 20, true)
	m = drive(t, m, keys("ctrl+n")...).(Model)
	wantOpen(t, m, f, 18, true)
	m = drive(t, m, keys("ctrl+p")...).(Model)
	wantOpen(t, m, f, 20, true)
	m = drive(t, m, keys("ctrl+p")...).(Model)
	wantOpen(t, m, f, 20, true)
	if !strings.Contains(screen(m), "this is the first message") {
		t.Fatalf("ctrl+p on the first message did not say so\n%s", screen(m))
	}
	m = drive(t, m, keys("n")...).(Model)
	wantOpen(t, m, f, 14, true)
	m = drive(t, m, keys("n")...).(Model)
	wantOpen(t, m, f, 6, true)
	m = drive(t, m, keys("n")...).(Model)
	wantOpen(t, m, f, 6, true)
	if !strings.Contains(screen(m), "no unread message after this one") {
		t.Fatalf("n after the last unread did not say so\n%s", screen(m))
	}
	// Going back shows the list with the cursor on the message read last.
	m = drive(t, m, keys("esc")...).(Model)
	if u, _ := m.list.selected(); m.reader.Shown() || u != 6 {
		t.Fatalf("after Esc: viewer %v, cursor %d", m.reader.Shown(), u)
	}
}

// TestViewerStepsThroughHitsAndSort: after a search the viewer steps
// through the hits only (filtered or not), and in a sorted view in its
// order; in a read-only folder the message opens without \Seen.
func TestViewerStepsThroughHitsAndSort(t *testing.T) {
	f := quiet(12)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("/")...).(Model)
	m = drive(t, m, typed("subject:1")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)                           // hits 24, 22, 20, 2, shown alone
	for _, k := range []string{"enter", "ctrl+n", "ctrl+n", "ctrl+n"} { // each after the message before came
		m = drive(t, m, press(k)).(Model)
	}
	wantOpen(t, m, f, 2, true)
	m = drive(t, m, keys("esc", "esc")...).(Model) // back; the filter goes, the hits stay
	if m.list.disp().Len() != 12 {
		t.Fatalf("Esc kept the filter: %v", m.list.disp().Rows())
	}
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("ctrl+p")...).(Model)
	wantOpen(t, m, f, 20, true) // not UID 4, which is no hit
	m = drive(t, m, keys("esc", "esc")...).(Model)

	m = drive(t, m, typed(":sort subject")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("g")...).(Model)
	d := m.list.disp() // Message number 1, 10, 11, 12, 2, …
	if d.At(1) != 20 {
		t.Fatalf("sorted by subject: %v", d.Rows())
	}
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("ctrl+n")...).(Model)
	wantOpen(t, m, f, 20, true)

	m = drive(t, m, keys("esc")...).(Model)
	m = drive(t, m, typed(":examine INBOX")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("ctrl+n")...).(Model)
	if !m.list.readOnly {
		t.Fatal(":examine did not open INBOX read-only")
	}
	open, _ := openUID(t, m)
	wantOpen(t, m, f, open, false)
}
