package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// warmByName is the fake backend with a header cache that holds the
// named folders only (none is the last one open).
type warmByName struct {
	*fakeBackend
	byName map[imapsvc.FolderName]imapsvc.Warmed
}

func (w warmByName) Warm(ctx context.Context, name imapsvc.FolderName, window int) (imapsvc.Warmed, bool, error) {
	v, ok := w.byName[name]
	return v, ok, nil
}

func (w warmByName) CachedFolders(ctx context.Context) (imapsvc.FolderList, bool, error) {
	return imapsvc.FolderList{}, false, nil
}

// TestSyncingFollowsTheList: at a folder switch the cache's rows of Sent
// show first, marked syncing; SELECT's answer then replaces them with
// the server's newest rows, and from that moment the status bar no
// longer says syncing, though the UID list is still on its way.
func TestSyncingFollowsTheList(t *testing.T) {
	f := quiet(20)
	sent := f.boxes["Sent"]
	cached := append([]imapsvc.Row(nil), sent.rows...)
	var uids []imapsvc.UID
	for i := range cached {
		cached[i].Subject = "As cached " + cached[i].Subject
		uids = append(uids, cached[i].UID)
	}
	w := warmByName{fakeBackend: f, byName: map[imapsvc.FolderName]imapsvc.Warmed{"Sent": {
		Selection: imapsvc.Selection{Mailbox: imapsvc.Mailbox{Name: "Sent", UIDValidity: sent.uidValidity},
			Exists: uint32(len(uids)), Newest: cached},
		UIDs: uids,
	}}}
	m := New(w, testOptions())
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 24}}, runCmd(m.Init())...)
	m = drive(t, m, msgs...).(Model)
	if s := screen(m); !strings.Contains(s, "Message number 20") || strings.Contains(s, "syncing") {
		t.Fatalf("INBOX not open from the server:\n%s", s)
	}

	// The cache's answer and SELECT's come in that order; the UID list
	// is held back until the end.
	m, cmd := m.openFolder("Sent", false)
	var sel selectedMsg
	var warm warmedMsg
	for _, msg := range runCmd(cmd) {
		switch msg := msg.(type) {
		case selectedMsg:
			sel = msg
		case warmedMsg:
			warm = msg
		}
	}
	if !warm.ok || sel.name != "Sent" {
		t.Fatalf("opening Sent asked the cache (ok=%v) and the server (%q)", warm.ok, sel.name)
	}
	next, _ := m.Update(warm)
	m = next.(Model)
	if s := screen(m); !m.list.warm || !strings.Contains(s, "As cached Message number 3") || !strings.Contains(s, "syncing") {
		t.Fatalf("cached rows of Sent not shown as syncing (warm=%v):\n%s", m.list.warm, s)
	}
	next, cmd = m.Update(sel)
	m = next.(Model)
	if s := screen(m); m.list.warm || strings.Contains(s, "As cached") || strings.Contains(s, "syncing") {
		t.Fatalf("after SELECT's answer the rows are the server's (warm=%v), yet:\n%s", m.list.warm, s)
	}
	m = drive(t, m, runCmd(cmd)...).(Model) // the UID list
	if s := screen(m); !strings.Contains(s, "unseen") || strings.Contains(s, "syncing") {
		t.Fatalf("after the UID list:\n%s", s)
	}
}
