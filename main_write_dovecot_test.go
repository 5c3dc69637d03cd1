package main

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/emersion/go-imap/v2"
	"github.com/muesli/termenv"

	"tern/imapsvc"
	"tern/internal/dovetest"
)

// dovecotMessages lists a Dovecot folder over a connection of its own.
func dovecotMessages(t *testing.T, srv *dovetest.Server, folder string) []serverMsg {
	t.Helper()
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return listMessages(t, c, folder)
}

// aliceConfig writes the config of alice's account "dove" on srv (STARTTLS,
// the test CA) with the given smtp_* lines, and gives the test a header
// cache of its own: another test's account "dove" on another Dovecot
// would show a stale INBOX first.
func aliceConfig(t *testing.T, srv *dovetest.Server, smtp string) string {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	host, port, _ := net.SplitHostPort(srv.Addr)
	return writeConfig(t, fmt.Sprintf(`[[account]]
name = "dove"
host = %q
port = %s
security = "starttls"
ca_file = %q
username = "alice"
password = "secret"
from = "Alice <alice@example.org>"
`, host, port, srv.CAFile)+smtp)
}

// TestDovecotReplyEndToEnd: a configured account on Dovecot with a go-smtp
// submission server: r, the editor, y. The reply reaches the SMTP server
// once, \Answered is set on the original, and the copy with \Seen is in
// Dovecot's \Sent folder; the appender main wires reports its APPENDUID.
func TestDovecotReplyEndToEnd(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	srv := dovetest.Start(t, dovetest.Options{})
	srv.Append(t, "alice", "INBOX", []byte("From: Bob <bob@example.com>\r\nTo: alice@example.org\r\nSubject: lunch on friday\r\n"+
		"Message-ID: <lunch@example.com>\r\nDate: Thu, 3 Dec 2026 10:15:00 +0100\r\n\r\nShall we?\r\n"))
	sink := startSMTPSink(t, "alice", "secret")
	editor, _ := sceneEditor(t, "unused@example.com") // a reply has a To: the editor adds a line
	writeEnv(t, editor)
	path := aliceConfig(t, srv, fmt.Sprintf("smtp_host = \"127.0.0.1\"\nsmtp_port = %d\nsmtp_security = \"plain\"\n", sink.port))
	s, tm := startSession(t, flags{configPath: path})
	waitText(t, tm, "INBOX [READ-WRITE]", "lunch on friday")
	tm.Send(keyMsg("r"))
	waitText(t, tm, "Review: reply", "Re: lunch on friday", "edited again")
	tm.Send(keyMsg("y"))
	select {
	case <-sink.got:
	case <-time.After(30 * time.Second):
		t.Fatal("the reply never reached the SMTP server")
	}
	_, mails := sink.snapshot()
	if len(mails) != 1 || !slices.Equal(mails[0].rcpts, []string{"bob@example.com"}) ||
		!strings.Contains(string(mails[0].data), "In-Reply-To: <lunch@example.com>") {
		t.Fatalf("SMTP got %d mails: %+v", len(mails), mails)
	}
	waitServer(t, tm, `\Answered on the original`, func() bool {
		in := withSubject(dovecotMessages(t, srv, "INBOX"), "lunch on friday")
		return len(in) == 1 && in[0].has(imap.FlagAnswered)
	})
	waitServer(t, tm, "the copy in Sent", func() bool { return len(withSubject(dovecotMessages(t, srv, "Sent"), "Re: lunch on friday")) == 1 })
	if c := withSubject(dovecotMessages(t, srv, "Sent"), "Re: lunch on friday")[0]; !c.has(imap.FlagSeen) {
		t.Errorf("the Sent copy has flags %v", c.flags)
	}
	if _, mails = sink.snapshot(); len(mails) != 1 {
		t.Errorf("the SMTP server got %d mails, want the reply once", len(mails))
	}

	// The appender main wires finds \Sent by SPECIAL-USE and reports the
	// APPENDUID of what it stored.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	msg := "From: alice@example.org\r\nSubject: appended directly\r\n\r\nx\r\n"
	w := s.accounts[0].Options.Write
	uid, err := w.Appender.Append(ctx, `\Sent`, []string{`\Seen`}, strings.NewReader(msg), int64(len(msg)))
	if err != nil {
		t.Fatal(err)
	}
	got := withSubject(dovecotMessages(t, srv, "Sent"), "appended directly")
	if uid == 0 || len(got) != 1 || imapsvc.UID(got[0].uid) != uid {
		t.Errorf("APPENDUID %d, Sent holds %+v", uid, got)
	}
}
