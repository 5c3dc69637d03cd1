package ui

import (
	"fmt"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/imapsvc"
	"tern/internal/memtest"
)

// folderSizes counts messages per folder from a separate connection.
func folderSizes(t *testing.T, srv *memtest.Server, names ...string) map[string]uint32 {
	t.Helper()
	c := srv.Dial(t)
	out := map[string]uint32{}
	for _, n := range names {
		d, err := c.Status(n, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			t.Fatalf("STATUS %s: %v", n, err)
		}
		out[n] = *d.NumMessages
	}
	return out
}

// TestServerActionsFlow drives the keys and commands of acting on
// messages against the embedded server: mark and flag, delete to the
// configured Trash and undo, copy with the picker, move into a missing
// folder (TRYCREATE, create), expunge after a question, search, and a
// read-only folder refusing writes.
func TestServerActionsFlow(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Archive")
	srv.Create(t, "Bin")
	for i := 1; i <= 8; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password, opts.Trash = "mem", srv.Password, "Bin"
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Plain message 8", "8 exists")

	// Two marked messages get one UID STORE.
	send(tm, "t", "t", "F")
	waitScreen(t, tm, `UID STORE +FLAGS (\Flagged): 2 messages`)

	// d moves the cursor's message (8 -> Bin) and u takes it back.
	send(tm, "g", "d")
	waitScreen(t, tm, "deleted 1 message (to Bin) (u undoes)")
	if got := folderSizes(t, srv, "INBOX", "Bin"); got["Bin"] != 1 {
		t.Fatalf("after d: %v", got)
	}
	send(tm, "u")
	// The status line may not be repainted (same folder again): wait for
	// the notice and the message back in the reopened list, together.
	waitScreen(t, tm, "undone: 1 message back in INBOX", "Plain message 8")
	if got := folderSizes(t, srv, "INBOX", "Bin"); got["Bin"] != 0 || got["INBOX"] != 8 {
		t.Fatalf("after undo: %v", got)
	}

	// C copies with the fuzzy picker.
	send(tm, "C")
	waitScreen(t, tm, "Copy 1 message to:")
	send(tm, "a", "r", "c", "enter")
	waitScreen(t, tm, "copied 1 message to Archive")

	// A missing folder answers TRYCREATE; y creates it and moves.
	sendLine(tm, "move Later")
	waitScreen(t, tm, "Later does not exist (TRYCREATE). Create it and move 1 message there? [y/n]")
	send(tm, "y")
	waitScreen(t, tm, "moved 1 message to Later (u undoes)")

	// :store and $ with a question naming what goes.
	sendLine(tm, `store +flags \Deleted`)
	waitScreen(t, tm, `UID STORE +FLAGS (\Deleted): 1 message`)
	send(tm, "$")
	waitScreen(t, tm, "UID EXPUNGE removes 1 message for good:", "Expunge? [y/n]")
	send(tm, "y")
	waitScreen(t, tm, "expunged 1 message")

	// / searches on the server and filters; Esc shows all again.
	send(tm, "/")
	sendText(tm, `subject:"message 3"`)
	send(tm, "enter")
	waitScreen(t, tm, `1 message match SUBJECT "message 3"`)

	got := folderSizes(t, srv, "INBOX", "Archive", "Later", "Bin")
	want := map[string]uint32{"INBOX": 6, "Archive": 1, "Later": 1, "Bin": 0}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("folders = %v, want %v", got, want)
	}

	// A folder opened read-only refuses writes and says why.
	sendLine(tm, "examine INBOX")
	waitScreen(t, tm, "INBOX [READ-ONLY]")
	send(tm, "d")
	waitScreen(t, tm, "INBOX is open read-only (EXAMINE)")
	if got := folderSizes(t, srv, "INBOX"); got["INBOX"] != 6 {
		t.Fatalf("read-only INBOX changed: %v", got)
	}
}
