package ui

import (
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/drafts"
	"tern/imapsvc"
	"tern/internal/dovetest"
	uicompose "tern/ui/compose"
)

// TestWriteFlowFlagOriginalElsewhereDovecot: a reply left by a crash whose
// original is in Archive is sent while INBOX is open; \Answered lands on
// the Archive original (only it), and INBOX still shows new mail live.
func TestWriteFlowFlagOriginalElsewhereDovecot(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	srv.SeedMaildir(t, "alice", "Archive", 3, plainMessage)
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	data, err := c.Select("Archive", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	archive := imapsvc.Mailbox{Name: "Archive", UIDValidity: data.UIDValidity}

	host, port := splitAddr(t, srv.TLSAddr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityTLS,
		Username: "alice", CAFile: srv.CAFile}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts, s, _, dir := writeOptions(t, "true")
	opts.Account, opts.Password = "dove", "secret"
	st, err := drafts.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const id = "20250101T000000-0000cafe"
	if err := st.Save(id, "From: Me <me@example.org>\nTo: s2@example.org\nSubject: Re: Plain message 2\n\nyes\n"); err != nil {
		t.Fatal(err)
	}
	if err := uicompose.SaveJob(st, uicompose.Job{ID: id, Origin: uicompose.Origin{Mailbox: archive, UID: 2, Flag: `\Answered`}}); err != nil {
		t.Fatal(err)
	}
	tm := runFlow(t, svc, opts)
	// Answer once INBOX is open: a send before the login could flag nothing.
	waitScreen(t, tm, "was left unsent", "INBOX [READ-WRITE]")
	send(tm, "y")
	waitScreen(t, tm, "Review: reply", "Plain message 2")
	send(tm, "y")
	waitSent(t, s)

	answered := func() []imap.UID {
		msgs, err := c.Fetch(imap.UIDSetNum(1, 2, 3), &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		var out []imap.UID
		for _, m := range msgs {
			if slices.Contains(m.Flags, imap.FlagAnswered) {
				out = append(out, m.UID)
			}
		}
		return out
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return slices.Equal(answered(), []imap.UID{2}) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	if got := answered(); !slices.Equal(got, []imap.UID{2}) {
		t.Fatalf("answered in Archive = %v, want [2]", got)
	}

	// INBOX is still open and watched: another client's message shows up.
	srv.Append(t, "alice", "INBOX", plainMessage(7))
	waitScreen(t, tm, "Plain message 7")
}
