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
