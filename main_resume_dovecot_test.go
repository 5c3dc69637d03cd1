package main

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tern/internal/dovetest"
)

// TestDovecotResumeKeepsAttachment: a draft with an attachment in
// Dovecot's \Drafts folder, resumed and sent, reaches the SMTP server
// with the attachment's name and bytes, and leaves Drafts.
func TestDovecotResumeKeepsAttachment(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	srv := dovetest.Start(t, dovetest.Options{})
	const subject = "draft with a file to resume"
	draft, payload := draftWithAttachment("Alice <alice@example.org>", "bob@example.com", subject)
	srv.Append(t, "alice", "Drafts", []byte(draft))
	sink := startSMTPSink(t, "alice", "secret")
	editor, _ := sceneEditor(t, "unused@example.com") // the draft has a To: the editor adds a line
	draftsDir := writeEnv(t, editor)
	path := aliceConfig(t, srv, fmt.Sprintf("smtp_host = \"127.0.0.1\"\nsmtp_port = %d\nsmtp_security = \"plain\"\n", sink.port))
	_, tm := startSession(t, flags{configPath: path})
	waitText(t, tm, "INBOX [READ-WRITE]")
	typeLine(tm, "select Drafts")
	waitText(t, tm, "Drafts [READ-WRITE]", subject)
	tm.Send(keyMsg("e"))
	waitText(t, tm, "Review: draft from Drafts", "résumé 2026.pdf")
	tm.Send(keyMsg("y"))
	select {
	case <-sink.got:
	case <-time.After(30 * time.Second):
		t.Fatal("the resumed draft never reached the SMTP server")
	}
	_, mails := sink.snapshot()
	if len(mails) != 1 {
		t.Fatalf("SMTP got %d mails", len(mails))
	}
	name, data := onlyAttachment(t, mails[0].data)
	if name != "résumé 2026.pdf" || !bytes.Equal(data, payload) {
		t.Errorf("sent attachment %q, %q; want %q, %q", name, data, "résumé 2026.pdf", payload)
	}
	waitServer(t, tm, "the resumed draft leaves Drafts", func() bool {
		return len(withSubject(dovecotMessages(t, srv, "Drafts"), subject)) == 0
	})
	waitServer(t, tm, "the local draft and its files go", func() bool {
		ents, _ := os.ReadDir(draftsDir)
		return len(ents) == 0
	})
}
