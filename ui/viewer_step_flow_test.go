package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/internal/memtest"
)

// TestFlowNextUnread: on the embedded server, n in the viewer opens the
// unread messages one after the other in the list's order and the server
// then holds them \Seen, as after Enter; after the last one the message
// line says so.
func TestFlowNextUnread(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= 5; i++ {
		var flags []imap.Flag
		if i%2 == 1 {
			flags = []imap.Flag{imap.FlagSeen}
		}
		srv.Append(t, "INBOX", plainMessage(i), flags...)
	}
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "Plain message 5", "2 unseen")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 5.")
	send(tm, "n")
	waitScreen(t, tm, "Hello number 4.")
	send(tm, "n")
	waitScreen(t, tm, "Hello number 2.", "0 unseen")
	send(tm, "n")
	waitScreen(t, tm, "no unread message after this one")
	send(tm, "ctrl+p")
	waitScreen(t, tm, "Hello number 3.")

	c := srv.Dial(t)
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n := res.AllSeqNums(); len(n) != 0 {
		t.Fatalf("messages %v are still unseen on the server", n)
	}
	send(tm, "esc", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestFlowNextUnreadBeyondTheWindow: in a folder far larger than the rows
// fetched around the screen, n in the viewer finds the unread messages
// the list has not fetched (the server answers UID SEARCH UNSEEN for
// them) and opens them in the list's order; a message another client
// marks read meanwhile is skipped; after the last one it says so.
func TestFlowNextUnreadBeyondTheWindow(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	const n = 300
	for i := 1; i <= n; i++ {
		var flags []imap.Flag
		if i != 40 && i != 7 && i != 3 {
			flags = []imap.Flag{imap.FlagSeen}
		}
		srv.Append(t, "INBOX", plainMessage(i), flags...)
	}
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "Plain message 300", "3 unseen")
	// Message 7 is read elsewhere before tern fetches its row.
	c := srv.Dial(t)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(7), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 300.")
	send(tm, "n") // newest first: 40 is row 260, far below the fetched rows
	waitScreen(t, tm, "Hello number 40.")
	send(tm, "n")
	waitScreen(t, tm, "Hello number 3.")
	send(tm, "n")
	waitScreen(t, tm, "no unread message after this one")
	send(tm, "esc", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
