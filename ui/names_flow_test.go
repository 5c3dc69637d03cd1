package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
	"tern/notify"
	"tern/sanitize"
)

// hostileFolder retitles the terminal (OSC 0 ... BEL), starts a C1 CSI
// colour and reverses the text direction; the screen shows "EvilName".
const hostileFolder = "Evil\x1b]0;pwned\x07\u009b31m\u202eName"

// forbidden are what only a raw server string can put in the output:
// lipgloss styles with CSI (ESC [) and never writes OSC, BEL, the C1 CSI
// or a bidi override, and the OSC's payload is removed with it.
var forbidden = []string{"\x1b]", "\x07", "\u009b", "\u202e", "pwned"}

// waitClean is waitScreen that fails at once when the raw output (before
// any ANSI stripping) holds one of the forbidden sequences.
func waitClean(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var all []byte
	bad := ""
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		all = append(all, b...)
		for _, f := range forbidden {
			if bytes.Contains(all, []byte(f)) {
				bad = f
				return true
			}
		}
		for _, w := range want {
			if !bytes.Contains(all, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	if bad != "" {
		t.Fatalf("waiting for %q, the terminal got %q from a folder name:\n%q", want, bad, all)
	}
}

// readFIFO reads what one writer writes to a named pipe, or fails after a
// generous timeout.
func readFIFO(t *testing.T, path string) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(path) // blocks until the writer opens and closes it
		got <- string(b)
	}()
	select {
	case s := <-got:
		return s
	case <-time.After(30 * time.Second):
		t.Fatal("new_mail_cmd did not run")
		return ""
	}
}

// TestHostileFolderName drives every place the UI names a folder with a
// folder whose name holds terminal escapes, against the embedded server:
// the status bar, the move/copy picker, the copy, move, delete and undo
// notices, the new-mail notice and new_mail_cmd's TERN_FOLDER, the info
// panel, and the create and rename prefills; renaming through the prefill
// reaches the real folder.
func TestHostileFolderName(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, hostileFolder)
	srv.Create(t, "Plain")
	srv.Append(t, hostileFolder, plainMessage(50))
	for i := 1; i <= 4; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	fifo := filepath.Join(t.TempDir(), "folder")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}

	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "mem", srv.Password
	opts.Trash = hostileFolder // "d" moves there
	// The refresh ends IDLE now and then, which makes the embedded server
	// announce mail that came while it was starting IDLE.
	opts.StatusInterval = 100 * time.Millisecond
	opts.Notify = notify.Notifier{Command: `printf '%s' "$TERN_FOLDER" > '` + fifo + `'`}
	tm, w := runWatched(t, New(svc, opts))
	// The folder pane lists it: the picker has the folders from then on.
	waitClean(t, tm, "INBOX [READ-WRITE]", "Plain message 4", "EvilName")

	// From INBOX: copy, move and delete (to Trash) into the folder.
	send(tm, "C")
	waitClean(t, tm, "Copy 1 message to:", "EvilName")
	send(tm, "e", "v", "i", "l", "enter")
	waitClean(t, tm, "copied 1 message to EvilName")
	send(tm, "m")
	waitClean(t, tm, "Move 1 message to:", "EvilName")
	send(tm, "e", "v", "i", "l", "enter")
	waitClean(t, tm, "moved 1 message to EvilName (u undoes)")
	send(tm, "d")
	waitClean(t, tm, "deleted 1 message (to EvilName) (u undoes)")

	// Open it from the tree: the status bar names it.
	send(tm, "tab", "j", "enter")
	waitClean(t, tm, "EvilName [READ-WRITE]", "4 exists")
	// A move out of it, undone, names it as the source.
	send(tm, "m")
	waitClean(t, tm, "Move 1 message to:", "INBOX", "Plain")
	send(tm, "p", "l", "a", "i", "n", "enter")
	waitClean(t, tm, "moved 1 message to Plain (u undoes)")
	send(tm, "u")
	waitClean(t, tm, "undone: 1 message back in EvilName", "EvilName [READ-WRITE]")
	// The undo opens EvilName again; d before that SELECT's answer would
	// act on the list the answer replaces.
	waitSettled(t, tm, w)
	// In Trash itself "d" marks \Deleted; undo elsewhere names the folder.
	send(tm, "d")
	waitClean(t, tm, `UID STORE +FLAGS (\Deleted): 1 message`)
	sendLine(tm, "select INBOX")
	waitClean(t, tm, "INBOX [READ-WRITE]")
	send(tm, "u")
	waitClean(t, tm, `undo: open EvilName again to take back its \Deleted marks`)

	// Typed as shown, the name finds the folder; new mail in it is
	// announced, on screen and to new_mail_cmd, without the escapes.
	sendLine(tm, "select EvilName")
	// The unseen count comes with the UID list: mail appended before it
	// would be listed as already there, not announced.
	waitClean(t, tm, "EvilName [READ-WRITE]", "4 unseen")
	srv.Append(t, hostileFolder, plainMessage(77))
	waitClean(t, tm, "new mail in EvilName: Sender 77 — Plain message 77")
	if got := readFIFO(t, fifo); got != "EvilName" {
		t.Errorf("new_mail_cmd saw TERN_FOLDER=%q, want %q", got, "EvilName")
	}

	// The folder pane's keys: info panel, create and rename prefills.
	send(tm, "tab", "i")
	waitClean(t, tm, "STATUS EvilName", "MESSAGES")
	send(tm, "esc", "a")
	waitClean(t, tm, "create EvilName/", "the prefill omits them")
	send(tm, "esc")
	waitClean(t, tm, "EvilName [READ-WRITE]") // the note is gone with the line
	send(tm, "R")
	waitClean(t, tm, "rename EvilName EvilName", "the prefill omits them")
	// Accepting the prefill renames the real folder to the name as typed.
	send(tm, "X", "enter")
	waitClean(t, tm, "RENAME EvilName: done", "EvilNameX [READ-WRITE]")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestErrTextSanitized: an error that is not a server's NO or BAD may
// quote the server (the protocol library's parse errors); the message line
// gets it sanitized.
func TestErrTextSanitized(t *testing.T) {
	err := fmt.Errorf("in response: unexpected %s", "\x1b]0;pwned\x07x\u202e")
	if got := errText(err); got != "in response: unexpected x" {
		t.Fatalf("errText = %q", got)
	}
}

// TestRightsNoticeSanitized: the notice that refuses what MYRIGHTS forbid
// names the folder in its display form.
func TestRightsNoticeSanitized(t *testing.T) {
	m := start(t, quiet(1), testOptions())
	m.admin.rights[hostileFolder] = "lr"
	why := m.rightsGuard(hostileFolder, 'x', "delete it")
	if why == "" || sanitize.Line(why) != why || !strings.Contains(why, "EvilName") {
		t.Fatalf("rights notice = %q", why)
	}
}
