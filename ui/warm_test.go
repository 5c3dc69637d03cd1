package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
)

// warmFake is the fake backend with a header cache in front: Warm
// answers INBOX as a previous run left it, one subject older than now.
type warmFake struct {
	*fakeBackend
	warm imapsvc.Warmed
}

func (w warmFake) Warm(ctx context.Context, name imapsvc.FolderName, window int) (imapsvc.Warmed, bool, error) {
	return w.warm, true, nil
}

func (w warmFake) CachedFolders(ctx context.Context) (imapsvc.FolderList, bool, error) {
	return imapsvc.FolderList{Folders: w.folders}, true, nil
}

// TestWarmRowsBeforeConnect: with the connection held back, the cached
// rows are on screen, marked syncing, and a write is refused; once the
// server has answered, the rows are the server's and the mark is gone.
func TestWarmRowsBeforeConnect(t *testing.T) {
	t.Run("Warm from the backend", func(t *testing.T) { warmRowsBeforeConnect(t, false) })
	t.Run("Options.Warm from main", func(t *testing.T) { warmRowsBeforeConnect(t, true) })
}

func warmRowsBeforeConnect(t *testing.T, fromMain bool) {
	f := newFake(40)
	f.connectGate = make(chan struct{})
	box := f.boxes["INBOX"]
	var uids []imapsvc.UID
	for _, r := range box.rows {
		uids = append(uids, r.UID)
	}
	newest := append([]imapsvc.Row(nil), box.rows[len(box.rows)-30:]...)
	newest[len(newest)-1].Subject = "Subject as cached"
	w := warmFake{fakeBackend: f, warm: imapsvc.Warmed{
		Selection: imapsvc.Selection{Mailbox: imapsvc.Mailbox{Name: "INBOX", UIDValidity: box.uidValidity},
			Exists: uint32(len(uids)), Newest: newest},
		UIDs: uids,
	}}
	var tm *teatest.TestModel
	if fromMain {
		opts := testOptions()
		opts.Warm = &w.warm
		tm = runFlow(t, f, opts) // a backend without Warm: main read the cache
	} else {
		tm = runFlow(t, w, testOptions())
	}
	waitScreen(t, tm, "Subject as cached", "syncing", "40 exists")
	send(tm, "d")
	waitScreen(t, tm, "not confirmed by the server yet")

	f.mu.Lock()
	close(f.connectGate)
	f.connectGate = nil // Connect reads it under the lock
	f.mu.Unlock()
	waitScreen(t, tm, "Message number 40", "unseen")
	send(tm, "q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	if m.list.warm {
		t.Fatal("still marked unconfirmed")
	}
	if r := m.list.rows[uids[len(uids)-1]]; r.Subject != "Message number 40" {
		t.Fatalf("newest row %q after the sync, want the server's", r.Subject)
	}
	if strings.Contains(m.status.view(100, "", "", m.list.warm), "syncing") {
		t.Fatal("the status bar still says syncing")
	}
}

// TestWarmUIDValidityChanged: the cache's rows are of an older
// UIDVALIDITY; the server's answer replaces them all and says why.
func TestWarmUIDValidityChanged(t *testing.T) {
	f := newFake(12)
	box := f.boxes["INBOX"]
	var uids []imapsvc.UID
	for _, r := range box.rows {
		uids = append(uids, r.UID)
	}
	old := append([]imapsvc.Row(nil), box.rows...)
	for i := range old {
		old[i].Subject = "Before the change"
	}
	opts := testOptions()
	opts.Warm = &imapsvc.Warmed{
		Selection: imapsvc.Selection{Mailbox: imapsvc.Mailbox{Name: "INBOX", UIDValidity: 3}, Exists: 12, Newest: old},
		UIDs:      uids,
	}
	tm := runFlow(t, f, opts)
	waitScreen(t, tm, "UIDVALIDITY of INBOX changed (3 → 7): folder reloaded", "Message number 12")
	send(tm, "q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	for u, r := range m.list.rows {
		if r.Subject == "Before the change" {
			t.Fatalf("row %d still from the old UIDVALIDITY", u)
		}
	}
	if m.list.mb.UIDValidity != 7 || m.list.warm {
		t.Fatalf("list %v warm=%v", m.list.mb, m.list.warm)
	}
}
