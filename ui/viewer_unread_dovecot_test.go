package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
)

// TestDovecotNextUnreadBeyondTheWindow: against Dovecot, n in the viewer
// reaches unread messages far below the rows fetched, through UID SEARCH
// UNSEEN, in the list's order.
func TestDovecotNextUnreadBeyondTheWindow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 300, byUID)
	c := srv.Selected(t, "alice", "INBOX")
	store := func(op imap.StoreFlagsOp, set imap.UIDSet) {
		t.Helper()
		if err := c.Store(set, &imap.StoreFlags{Op: op, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
			t.Fatal(err)
		}
	}
	all := imap.UIDSet{imap.UIDRange{Start: 1, Stop: 300}}
	store(imap.StoreFlagsAdd, all)
	store(imap.StoreFlagsDel, imap.UIDSetNum(50, 4))
	tm, _ := liveFlow(t, srv)
	waitScreen(t, tm, "Plain message 300", "2 unseen")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 300.")
	send(tm, "n")
	waitScreen(t, tm, "Hello number 50.")
	send(tm, "n")
	waitScreen(t, tm, "Hello number 4.")
	send(tm, "n")
	waitScreen(t, tm, "no unread message after this one")
	send(tm, "esc", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}
