package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/teawait"
)

// waitScreen waits until the program's output shows all of want.
func waitScreen(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teawait.Shows(t, tm, want...)
}

func runFlow(t *testing.T, f imapsvc.Backend, opts Options) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, New(f, opts), teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

func send(tm *teatest.TestModel, ss ...string) {
	for _, s := range ss {
		tm.Send(press(s))
	}
}

// sendText types s, a key a rune.
func sendText(tm *teatest.TestModel, s string) {
	for _, m := range typed(s) {
		tm.Send(m)
	}
}

func sendLine(tm *teatest.TestModel, line string) {
	send(tm, ":")
	sendText(tm, line)
	send(tm, "enter")
}

func TestFlowPasswordPrompt(t *testing.T) {
	f := newFake(5)
	opts := testOptions()
	opts.Password = ""
	opts.PasswordErr = "no keyring entry"
	tm := runFlow(t, f, opts)
	waitScreen(t, tm, "Log in to test", "no keyring entry")
	sendText(tm, "hunter2")
	waitScreen(t, tm, "Password: •••••••")
	send(tm, "enter")
	waitScreen(t, tm, "Message number 5")
	if !slices.Equal(f.passwords, []string{"hunter2"}) {
		t.Errorf("Connect got passwords %q", f.passwords)
	}
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	if calls := f.callLog(); calls[len(calls)-1] != "LOGOUT" {
		t.Errorf("last call %q, want LOGOUT", calls[len(calls)-1])
	}
	fm := tm.FinalModel(t).(Model)
	if fm.prompt.input.Value() != "" || fm.password != "" {
		t.Error("the model kept the password")
	}
}

func TestFlowLoginFailureAsksAgain(t *testing.T) {
	f := newFake(2)
	f.connectErr = &imapsvc.AuthError{Err: &imapsvc.ServerError{Op: "LOGIN", Text: "[AUTHENTICATIONFAILED] Invalid credentials"}}
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "Could not log in", "Invalid credentials")
	f.mu.Lock()
	f.connectErr = nil
	f.mu.Unlock()
	sendText(tm, "right")
	send(tm, "enter")
	waitScreen(t, tm, "Message number 2")
	if !slices.Equal(f.passwords, []string{"secret", "right"}) {
		t.Errorf("passwords = %q", f.passwords)
	}
}

func TestFlowQuitWhileConnecting(t *testing.T) {
	f := newFake(2)
	f.connectGate = make(chan struct{})
	t.Cleanup(func() { close(f.connectGate) })
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "connecting")
	send(tm, "j", "?", "q") // keys keep working; q closes help
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	if slices.Contains(f.callLog(), "LOGOUT") {
		t.Error("logged out without a session")
	}
}

func TestFlowFoldersAndCommands(t *testing.T) {
	f := newFake(5)
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "Message number 5", "Trash")

	// \Noselect: shown, but cannot be opened.
	send(tm, "tab", "G", "k", "k")
	send(tm, "enter")
	waitScreen(t, tm, "Shared cannot be opened")

	// Enter on a folder selects it and focuses the list.
	send(tm, "k", "enter")
	waitScreen(t, tm, "Sent [READ-WRITE]", "Message number 3")

	// :examine opens read-only; messages are fetched without \Seen.
	sendLine(tm, "examine INBOX")
	waitScreen(t, tm, "INBOX [READ-ONLY]")
	send(tm, "enter")
	waitScreen(t, tm, "Body of message 5")
	send(tm, "q")

	// Server errors are shown and do not end the program.
	sendLine(tm, "select Nope")
	waitScreen(t, tm, "Mailbox doesn't exist: Nope")
	sendLine(tm, "frob 1:*")
	waitScreen(t, tm, `unknown command "frob"`)

	// :capability shows the list in the viewer.
	sendLine(tm, "capability")
	waitScreen(t, tm, "CAPABILITY", "UIDPLUS")
	send(tm, "esc")

	// Tab completes command and folder names, cycling.
	send(tm, ":", "s", "e", "l", "tab")
	waitScreen(t, tm, ":select")
	send(tm, "space", "S", "tab", "tab")
	waitScreen(t, tm, ":select Shared/team")
	send(tm, "enter")
	waitScreen(t, tm, "SELECT Shared/team: Mailbox doesn't exist: Shared/team")

	sendLine(tm, "quit")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	calls := f.callLog()
	for _, want := range []string{"SELECT INBOX ro=true", "FETCH 10 seen=false", "SELECT Nope ro=false", "CAPABILITY", "LOGOUT"} {
		if !slices.Contains(calls, want) {
			t.Errorf("no %q in %q", want, calls)
		}
	}
}

func TestFlowEvents(t *testing.T) {
	f := newFake(3)
	tm := runFlow(t, f, testOptions())
	// The unseen count comes with the UID list: wait for it, so that list
	// is not answered after the new message below is already in the box.
	waitScreen(t, tm, "Message number 3", "1 unseen")
	mb := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}

	// A new message: EXISTS grows, NewMail brings its row.
	fresh := imapsvc.Row{UID: 100, Date: testNow, From: "Newcomer", Subject: "Fresh arrival"}
	f.mu.Lock()
	b := f.boxes["INBOX"]
	b.rows = append(b.rows, fresh)
	f.mu.Unlock()
	f.events <- imapsvc.Exists{Mailbox: mb, Count: 4}
	f.events <- imapsvc.NewMail{Mailbox: mb, Rows: []imapsvc.Row{fresh}}
	waitScreen(t, tm, "Fresh arrival", "4 exists", "new mail in INBOX: Newcomer — Fresh arrival")

	// Events about another folder or an old UIDVALIDITY are dropped.
	f.events <- imapsvc.Exists{Mailbox: imapsvc.Mailbox{Name: "INBOX", UIDValidity: 6}, Count: 99}
	f.events <- imapsvc.Recent{Mailbox: imapsvc.Mailbox{Name: "Sent", UIDValidity: 9}, Count: 42}
	f.events <- imapsvc.ServerAlert{Text: "maintenance at noon"}
	waitScreen(t, tm, "ALERT: maintenance at noon")
	f.events <- imapsvc.Expunged{Mailbox: mb, UID: 100}
	waitScreen(t, tm, "3 exists")
	f.events <- imapsvc.StateChanged{State: imapsvc.StateDisconnected, Err: errors.New("EOF")}
	waitScreen(t, tm, "connection lost: EOF", "disconnected")

	send(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if fm.status.sel.Exists != 3 || fm.status.sel.Recent != 1 {
		t.Errorf("exists %d recent %d", fm.status.sel.Exists, fm.status.sel.Recent)
	}
	if fm.list.index(100) >= 0 {
		t.Error("expunged UID still listed")
	}
}

func TestFlowLargeFolderScroll(t *testing.T) {
	f := newFake(100000)
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "Message number 100000")
	send(tm, "G")
	waitScreen(t, tm, "Message number 1 ")
	send(tm, "g", "pgdown", "pgdown")
	waitScreen(t, tm, "Message number 99950")
	send(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if n := len(fm.list.rows); n > 1000 {
		t.Errorf("%d rows cached after a few screens", n)
	}
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "ROWS ") && len(c) > len("ROWS 200") {
			t.Errorf("oversized request %q", c)
		}
	}
}

var _ tea.Model = Model{}
