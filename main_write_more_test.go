package main

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tern/internal/memtest"
)

// TestTypedPasswordReachesSMTP: an account with smtp_auth = "password"
// and neither password nor password_cmd logs in to SMTP with the password
// typed at tern's prompt, once IMAP took it.
func TestTypedPasswordReachesSMTP(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	imapSrv := memtest.Start(t, memtest.Options{})
	imapSrv.Append(t, "INBOX", []byte("From: bob@example.com\r\nTo: alice@example.org\r\nSubject: waiting\r\n\r\nhi\r\n"))
	sink := startSMTPSink(t, imapSrv.Username, imapSrv.Password)
	editor, subjectFile := sceneEditor(t, "bob@example.com")
	writeEnv(t, editor)
	if err := os.WriteFile(subjectFile, []byte("typed password"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := writeConfig(t, fmt.Sprintf(`[[account]]
name = "typed"
host = "127.0.0.1"
port = %d
security = "plain"
username = %q
from = "Alice <alice@example.org>"
smtp_host = "127.0.0.1"
smtp_port = %d
smtp_security = "plain"
smtp_auth = "password"
`, imapSrv.Port, imapSrv.Username, sink.port))
	_, tm := startSession(t, flags{configPath: path})
	waitText(t, tm, "Log in to typed")
	for _, r := range imapSrv.Password {
		tm.Send(keyMsg(string(r)))
	}
	tm.Send(keyMsg("enter"))
	waitText(t, tm, "INBOX [READ-WRITE]", "waiting")
	tm.Send(keyMsg("c"))
	waitText(t, tm, "Review", "typed password")
	tm.Send(keyMsg("y"))
	select {
	case <-sink.got:
	case <-time.After(30 * time.Second):
		logins, _ := sink.snapshot()
		t.Fatalf("nothing reached the SMTP server; logins tried: %d", len(logins))
	}
	logins, mails := sink.snapshot()
	if len(logins) != 1 || logins[0] != imapSrv.Password || len(mails) != 1 || !slices.Equal(mails[0].rcpts, []string{"bob@example.com"}) {
		t.Fatalf("SMTP logins %d (typed password used: %v), mails %+v", len(logins), len(logins) == 1 && logins[0] == imapSrv.Password, mails)
	}
	waitText(t, tm, "sent")
}

// TestDemoCompletesListSenders: the senders of the rows the list fetched
// from the server are offered when completing To, with their addresses.
func TestDemoCompletesListSenders(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	editor, subjectFile := sceneEditor(t, "alex@example.com")
	writeEnv(t, editor)
	if err := os.WriteFile(subjectFile, []byte("completion"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, tm := startSession(t, flags{demo: true})
	waitText(t, tm, "INBOX [READ-WRITE]", "Priya Raman")
	tm.Send(keyMsg("c"))
	waitText(t, tm, "Review", "completion")
	tm.Send(keyMsg("t"))
	waitText(t, tm, "To: alex@example.com")
	for _, r := range ",pri" {
		tm.Send(keyMsg(string(r)))
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitText(t, tm, "To: alex@example.com, Priya Raman <priya.raman@example.com>")
}
