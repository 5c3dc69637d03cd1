package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"os"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/mail"
	"github.com/muesli/termenv"
)

// TestDemoResumeKeepsAttachment: a draft with an attachment, resumed
// from the demo's Drafts and sent, arrives in INBOX with the attachment's
// name and bytes; the Drafts copy and the local files are gone after.
func TestDemoResumeKeepsAttachment(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	editor, _ := sceneEditor(t, "alex@example.com")
	draftsDir := writeEnv(t, editor)
	s, tm := startSession(t, flags{demo: true})
	srv := s.demo
	waitText(t, tm, "INBOX [READ-WRITE]")

	const subject = "draft with a file to resume"
	draft, payload := draftWithAttachment("Alex Morgan <alex@example.com>", "alex@example.com", subject)
	c, err := imapclient.DialInsecure(srv.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	ac := c.Append("Drafts", int64(len(draft)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagDraft}})
	if _, err := io.WriteString(ac, draft); err != nil {
		t.Fatal(err)
	}
	if err := ac.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ac.Wait(); err != nil {
		t.Fatal(err)
	}

	typeLine(tm, "select Drafts")
	waitText(t, tm, "Drafts [READ-WRITE]", subject)
	tm.Send(keyMsg("e"))
	waitText(t, tm, "Review: draft from Drafts", "résumé 2026.pdf")
	tm.Send(keyMsg("y"))
	list := func(folder string) []serverMsg {
		return withSubject(listMessages(t, c, folder), subject)
	}
	waitServer(t, tm, "the resumed draft arrives in INBOX", func() bool { return len(list("INBOX")) == 1 })
	waitServer(t, tm, "the resumed draft leaves Drafts", func() bool { return len(list("Drafts")) == 0 })

	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	got, err := c.Fetch(imap.UIDSetNum(list("INBOX")[0].uid),
		&imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil || len(got) != 1 {
		t.Fatalf("fetch: %v, %d messages", err, len(got))
	}
	raw := got[0].FindBodySection(&imap.FetchItemBodySection{Peek: true})
	name, data := onlyAttachment(t, raw)
	if name != "résumé 2026.pdf" || !bytes.Equal(data, payload) {
		t.Errorf("INBOX's attachment is %q, %q; want %q, %q", name, data, "résumé 2026.pdf", payload)
	}
	waitServer(t, tm, "the local draft and its files go", func() bool {
		ents, _ := os.ReadDir(draftsDir)
		return len(ents) == 0
	})
}

// onlyAttachment is the name and bytes of the one attachment of raw.
func onlyAttachment(t *testing.T, raw []byte) (string, []byte) {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%v in %q", err, raw)
	}
	var name string
	var data []byte
	n := 0
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if ah, ok := p.Header.(*mail.AttachmentHeader); ok {
			n++
			name, _ = ah.Filename()
			data, _ = io.ReadAll(p.Body)
		}
	}
	if n != 1 {
		t.Fatalf("%d attachments in %q", n, raw)
	}
	return name, data
}

// draftWithAttachment is a draft in Drafts as another client left it:
// text and a binary PDF named in RFC 2231 (UTF-8, a space).
func draftWithAttachment(from, to, subject string) (string, []byte) {
	payload := []byte("%PDF-1.4\x00\x01\xff binary bytes of the report")
	return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n" +
		"--zz\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee the report\r\n" +
		"--zz\r\nContent-Type: application/pdf\r\n" +
		"Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9%202026.pdf\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(payload) + "\r\n--zz--\r\n", payload
}
