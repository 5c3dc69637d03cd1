package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/imapsvc"
	"tern/internal/memtest"
)

// serverFlags are the flags of the INBOX message with subject, read on a
// separate connection.
func serverFlags(t *testing.T, srv *memtest.Server, subject string) []string {
	t.Helper()
	c := srv.Dial(t)
	defer c.Close()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1, 2, 3), &imap.FetchOptions{Flags: true, Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Envelope != nil && m.Envelope.Subject == subject {
			var out []string
			for _, f := range m.Flags {
				out = append(out, strings.ToLower(string(f)))
			}
			return out
		}
	}
	t.Fatalf("no message %q", subject)
	return nil
}

func hasFlag(flags []string, f string) bool {
	for _, g := range flags {
		if g == strings.ToLower(f) {
			return true
		}
	}
	return false
}

// TestWriteServerFlow against the embedded server: a reply quotes the
// text and threads by Message-ID, \Answered lands on the server after
// the send; a forward as attachment carries the original byte for byte
// and sets $Forwarded.
func TestWriteServerFlow(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= 3; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	ed := editorScript(t, `sed -i 's/^To: $/To: dana@example.com/' "$1"; `+addAfterHeaders("written in the test"))
	opts, s, _, _ := writeOptions(t, ed)
	opts.Account, opts.Password = "mem", srv.Password
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Plain message 3", "INBOX [READ-WRITE]")

	send(tm, "r")
	waitScreen(t, tm, "Review: reply", "Re: Plain message 3", "> Hello number 3.")
	send(tm, "y")
	waitSent(t, s)
	_, sent := s.snapshot()
	if len(sent) != 1 || header(sent[0].data, "In-Reply-To") != "<3@example.org>" || sent[0].rcpt[0] != "s3@example.org" {
		t.Fatalf("reply sent %+v", sent)
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return hasFlag(serverFlags(t, srv, "Plain message 3"), `\Answered`) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))

	sendLine(tm, "forward -a")
	waitScreen(t, tm, "Review: forward", "Plain message 3.eml")
	send(tm, "y")
	waitSent(t, s)
	_, sent = s.snapshot()
	if len(sent) != 2 || !strings.Contains(sent[1].data, "Content-Type: message/rfc822") ||
		!strings.Contains(sent[1].data, string(plainMessage(3))) {
		t.Fatalf("forward sent %q", sent[len(sent)-1].data)
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return hasFlag(serverFlags(t, srv, "Plain message 3"), "$Forwarded") },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
