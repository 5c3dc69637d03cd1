package ui

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/servertest"
	"tern/notify"
)

// envPipe is a FIFO that new_mail_cmd writes its TERN_ variables to; the
// channel gets them once the command has written and closed it.
func envPipe(t *testing.T) (string, <-chan string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "env")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(path) // blocks until the command opens it
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		var lines []string
		for sc := bufio.NewScanner(f); sc.Scan(); {
			lines = append(lines, sc.Text())
		}
		got <- strings.Join(lines, "\n")
	}()
	t.Cleanup(func() {
		// Unblock the reader if the command never ran.
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	return path, got
}

// TestDovecotAccountsSideBySide: two accounts on two Dovecot users, a
// third whose port is closed and a fourth with a wrong password. Both
// working accounts show their mail under their roots while the others say
// why they cannot log in; } and :account switch; new mail in the account not shown is announced, new_mail_cmd
// seeing TERN_ACCOUNT; a move to the other account is refused and nothing
// moves.
func TestDovecotAccountsSideBySide(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{Users: []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "hunter2"}}})
	srv.SeedMaildir(t, "alice", "INBOX", 2, byUID)
	srv.SeedMaildir(t, "bob", "INBOX", 1, func(int) []byte { return plainMessage(51) })
	pipe, env := envPipe(t)

	host, port := splitTestAddr(t, srv.Addr)
	names := []string{"work", "home", "broken", "typo"}
	account := func(name, user string, port int) imapsvc.Account {
		return imapsvc.Account{Name: name, Host: host, Port: port, Security: imapsvc.SecurityPlain, Username: user}
	}
	var setups []AccountSetup
	for _, a := range []struct {
		acct     imapsvc.Account
		password string
	}{{account("work", "alice", port), "secret"}, {account("home", "bob", port), "hunter2"}, {account("broken", "carol", servertest.ClosedPort(t)), "x"},
		{account("typo", "alice", port), "wrong"}} {
		svc := imapsvc.New(a.acct, imapsvc.Options{})
		t.Cleanup(svc.Close)
		opts := testOptions()
		opts.Account, opts.Password, opts.Accounts = a.acct.Name, a.password, names
		opts.Notify = notify.Notifier{Command: "env | grep '^TERN_' > " + pipe}
		setups = append(setups, AccountSetup{Backend: svc, Options: opts})
	}
	tm := teatest.NewTestModel(t, NewAccounts(setups), teatest.WithInitialTermSize(110, 30))
	t.Cleanup(func() { _ = tm.Quit() })

	waitScreen(t, tm, "work", "Plain message 2", "home", "broken ✗ r: retry", "typo ✗ enter: log in", "work │ INBOX")
	send(tm, "}")
	waitScreen(t, tm, "home │ INBOX", "Plain message 51")
	sendLine(tm, "account work")
	waitScreen(t, tm, "work │ INBOX [READ-WRITE] │ 2 exists")

	srv.Append(t, "bob", "INBOX", plainMessage(52))
	waitScreen(t, tm, "home: new mail in INBOX: Sender 52")
	select {
	case vars := <-env:
		for _, want := range []string{"TERN_ACCOUNT=home", "TERN_FOLDER=INBOX", "TERN_SUBJECT=Plain message 52"} {
			if !strings.Contains(vars, want) {
				t.Fatalf("new_mail_cmd saw %q, want %s", vars, want)
			}
		}
	case <-time.After(30 * time.Second):
		t.Fatal("new_mail_cmd did not run")
	}

	sendLine(tm, "move home:INBOX")
	waitScreen(t, tm, "cannot move between accounts: INBOX is in home")
	sendLine(tm, "account broken")
	waitScreen(t, tm, "Could not connect: broken", "refused")

	send(tm, "esc")
	waitScreen(t, tm, "no folder open")
	send(tm, "q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(Accounts)
	if got := serverUIDs(t, srv.Selected(t, "alice", "INBOX")); len(got) != 2 {
		t.Fatalf("alice's INBOX holds %v after the refused move", got)
	}
	if got := serverUIDs(t, srv.Selected(t, "bob", "INBOX")); len(got) != 2 {
		t.Fatalf("bob's INBOX holds %v", got)
	}
	if l := final.accts[0].list.uids; len(l) != 2 {
		t.Fatalf("work's list %v", l)
	}
}
