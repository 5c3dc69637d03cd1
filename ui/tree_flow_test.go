package ui

import (
	"regexp"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
)

// memFlow runs the UI against the embedded server, logged in.
func memFlow(t *testing.T, srv *memtest.Server, opts Options) *teatest.TestModel {
	t.Helper()
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts.Account, opts.Password = "mem", srv.Password
	return runFlow(t, svc, opts)
}

// waitMatch waits until the output written from now on matches every
// one of res, in any order.
func waitMatch(t *testing.T, tm *teatest.TestModel, res ...string) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		for _, re := range res {
			if !regexp.MustCompile(re).Match(seen) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestTreeFlowDeleteLandsOnNeighbour: after D y deletes a folder, the
// folder cursor is on its next sibling, not on the open folder, so a
// second D asks about that sibling and never about INBOX.
func TestTreeFlowDeleteLandsOnNeighbour(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for _, n := range []string{"Alpha", "Beta", "Gamma"} {
		srv.Create(t, n)
	}
	srv.Append(t, "INBOX", plainMessage(1))
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 1", "Gamma")

	send(tm, "tab", "j", "j", "D") // INBOX, Alpha, Beta
	waitScreen(t, tm, "DELETE Beta and its 0 messages?")
	send(tm, "y")
	waitScreen(t, tm, "DELETE Beta: done")
	send(tm, "D")
	waitScreen(t, tm, "DELETE Gamma and its 0 messages?")
	// The last folder goes: the cursor takes the one before it.
	send(tm, "y")
	waitScreen(t, tm, "DELETE Gamma: done")
	send(tm, "D")
	waitScreen(t, tm, "DELETE Alpha and its 0 messages?")
	send(tm, "n", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestTreeFlowDeleteOpenFolder: deleting the open folder opens INBOX in
// its place, and the folder cursor still lands on the deleted folder's
// neighbour, not on INBOX.
func TestTreeFlowDeleteOpenFolder(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for _, n := range []string{"Alpha", "Beta", "Gamma"} {
		srv.Create(t, n)
	}
	srv.Append(t, "Beta", plainMessage(1))
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Gamma")
	sendLine(tm, "select Beta")
	waitScreen(t, tm, "Beta [READ-WRITE]", "Plain message 1")

	send(tm, "tab", "D") // the cursor went with the open folder
	waitScreen(t, tm, "DELETE Beta and its 1 messages?")
	send(tm, "y")
	waitScreen(t, tm, "DELETE Beta: done", "INBOX [READ-WRITE]")
	send(tm, "tab", "D") // opening INBOX focused the list
	waitScreen(t, tm, "DELETE Gamma and its 0 messages?")
	send(tm, "n", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestTreeFlowUndoRefreshesCounts: d moves a message to Trash and u
// takes it back; the folder pane then shows Trash empty again, from a
// STATUS asked after the undo.
func TestTreeFlowUndoRefreshesCounts(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Trash")
	for i := 1; i <= 3; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	opts := testOptions()
	opts.Trash = "Trash"
	tm := memFlow(t, srv, opts)
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 3", "3/3")

	send(tm, "d")
	waitMatch(t, tm, `deleted 1 message \(to Trash\) \(u undoes\)`, `Trash +1/1│`, `INBOX +2/2│`)
	send(tm, "u")
	waitMatch(t, tm, `undone: 1 message back in INBOX`, `Trash +0│`, `INBOX +3/3│`)
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestTreeFlowCloseClearsOpenMark: after :close no folder is open, and
// the folder pane stops marking the closed one as open.
func TestTreeFlowCloseClearsOpenMark(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Other")
	srv.Append(t, "Other", plainMessage(1))
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Other")
	sendLine(tm, "select Other")
	waitScreen(t, tm, "Other [READ-WRITE]", "Plain message 1")
	sendLine(tm, "close")
	waitScreen(t, tm, "CLOSE: Other is closed")
	send(tm, "q", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(Model)
	if a := fm.folders.Active(); a != "" {
		t.Fatalf("after :close the folder pane marks %q as open", a)
	}
}
