package main

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"
	"github.com/muesli/termenv"

	"tern/internal/dovetest"
	"tern/internal/mtatest"
)

// TestReplyThroughPostfix: a reply from tern goes through a real MTA, a
// private Postfix that relays to Dovecot's LMTP: it arrives in the
// recipient's INBOX, announced to a client idling there; the Sent copy is
// on Dovecot and \Answered is set on the original.
func TestReplyThroughPostfix(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	srv := dovetest.Start(t, dovetest.Options{LMTP: true,
		Users: []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "bobpw"}}})
	mta := mtatest.Start(t, mtatest.Options{LMTPAddr: srv.LMTPAddr})
	srv.Append(t, "alice", "INBOX", []byte("From: Bob <bob@example.com>\r\nTo: alice@example.org\r\nSubject: lunch on friday\r\n"+
		"Message-ID: <lunch@example.com>\r\nDate: Thu, 3 Dec 2026 10:15:00 +0100\r\n\r\nShall we?\r\n"))
	bob := srv.WatchIdle(t, "bob", "INBOX")
	editor, _ := sceneEditor(t, "unused@example.com") // a reply has a To: the editor adds a line
	writeEnv(t, editor)
	path := aliceConfig(t, srv, fmt.Sprintf("smtp_host = %q\nsmtp_port = %d\nsmtp_security = \"plain\"\nsmtp_auth = \"none\"\n", mta.Host, mta.Port))
	s, err := prepare(flags{configPath: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	tm := teatest.NewTestModel(t, s.model(), teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	waitText(t, tm, "INBOX [READ-WRITE]", "lunch on friday")
	tm.Send(keyMsg("r"))
	waitText(t, tm, "Review: reply", "Re: lunch on friday", "edited again")
	tm.Send(keyMsg("y"))

	select {
	case n := <-bob.Exists:
		if n != 1 {
			t.Fatalf("bob's INBOX announced %d messages, want the reply alone", n)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("the reply never arrived in bob's INBOX\n%s", mta.Logs())
	}
	c, err := srv.Dial("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	got, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil || len(got) != 1 || got[0].Envelope == nil {
		t.Fatalf("bob's INBOX: %+v %v", got, err)
	}
	if env := got[0].Envelope; env.Subject != "Re: lunch on friday" ||
		!strings.Contains(strings.Join(env.InReplyTo, " "), "lunch@example.com") {
		t.Errorf("bob got subject %q in reply to %q", env.Subject, env.InReplyTo)
	}

	waitServer(t, tm, `\Answered on the original`, func() bool {
		in := withSubject(dovecotMessages(t, srv, "INBOX"), "lunch on friday")
		return len(in) == 1 && in[0].has(imap.FlagAnswered)
	})
	waitServer(t, tm, "the copy in Sent", func() bool { return len(withSubject(dovecotMessages(t, srv, "Sent"), "Re: lunch on friday")) == 1 })
	if c := withSubject(dovecotMessages(t, srv, "Sent"), "Re: lunch on friday")[0]; !c.has(imap.FlagSeen) {
		t.Errorf("the Sent copy has flags %v", c.flags)
	}
}
