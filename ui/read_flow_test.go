package ui

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
)

const htmlOnly = "From: News <news@example.org>\r\nTo: alice@example.org\r\nSubject: HTML only\r\n" +
	"Date: Sat, 01 Nov 2025 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
	"<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>" +
	"<h1>Weekly news</h1><p>Read <a href=\"https://example.org/post\">the post</a>.</p><ul><li>first item</li></ul></body></html>\r\n"

func alternativeWithAttachment(payload []byte) []byte {
	return []byte("From: Ann <ann@example.org>\r\nTo: alice@example.org\r\nSubject: Report attached\r\n" +
		"Date: Sat, 01 Nov 2025 11:00:00 +0000\r\nMessage-ID: <rep@example.org>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=OUT\r\n\r\n" +
		"--OUT\r\nContent-Type: multipart/alternative; boundary=ALT\r\n\r\n" +
		"--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain version of the report.\r\n" +
		"--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML <b>version</b>, see <a href=\"https://example.org/r\">the site</a>.</p>\r\n" +
		"--ALT--\r\n" +
		"--OUT\r\nContent-Type: application/pdf; name=\"../report.pdf\"\r\nContent-Disposition: attachment; filename=\"../report.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(payload) + "\r\n--OUT--\r\n")
}

// readingServer runs the UI on the embedded server with an HTML-only
// message (newest) and an alternative with an attachment under it.
func readingServer(t *testing.T, payload []byte) *teatest.TestModel {
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", alternativeWithAttachment(payload))
	srv.Append(t, "INBOX", []byte(htmlOnly))
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "mem", srv.Password
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "HTML only", "Report attached")
	return tm
}

func TestFlowReadHTMLHeadersInfo(t *testing.T) {
	tm := readingServer(t, []byte("%PDF-1.4 tiny"))

	// An HTML-only message is rendered as text; its script is not shown.
	send(tm, "enter")
	waitScreen(t, tm, "Weekly news", "the post [1]", "[1] https://example.org/post", "* first item")
	send(tm, "esc", "j", "enter")

	// multipart/alternative: plain first, H shows the HTML rendering, H again the plain.
	waitScreen(t, tm, "Plain version of the report.", "report.pdf")
	send(tm, "H")
	waitScreen(t, tm, "HTML *version*, see the site [1].", "[1] https://example.org/r", "showing the text/html alternative")
	send(tm, "H")
	waitScreen(t, tm, "Plain version of the report.", "showing the text/plain alternative")

	// h: the full header, as FETCH RFC822.HEADER shows it; h again: back.
	send(tm, "h")
	waitScreen(t, tm, "Full header: UID 1", "Message-ID: <rep@example.org>", "MIME-Version: 1.0")
	send(tm, "h")
	waitScreen(t, tm, "Plain version of the report.")

	// i: what FETCH FAST, ALL and FULL return.
	send(tm, "i")
	waitScreen(t, tm, "Message info: UID 1", "RFC822.SIZE", "FETCH ALL adds ENVELOPE", "2 application/pdf")
	send(tm, "esc")
	waitScreen(t, tm, "Plain version of the report.")

	// R: the raw source, a page at a time.
	send(tm, "R")
	waitScreen(t, tm, "Raw source: UID 1, bytes 0-", "Content-Type: multipart/mixed; boundary=OUT")

	// :fetch shows the decoded answer; a typing error is a clear message.
	send(tm, "esc")
	sendLine(tm, "fetch body.peek[header.fields (subject)]")
	waitScreen(t, tm, "BODY[HEADER.FIELDS (SUBJECT)]", "Subject: Report attached")
	sendLine(tm, "fetch body[header.fields subject]")
	waitScreen(t, tm, "HEADER.FIELDS needs a list of field names")
	send(tm, "q", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

func TestFlowSaveAttachment(t *testing.T) {
	payload := bytes.Repeat([]byte("%PDF-1.4 binary \x00\x01\x02\xff "), 5000)
	tm := readingServer(t, payload)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")

	send(tm, "j", "enter")
	waitScreen(t, tm, "Plain version of the report.")
	// One attachment: s asks at once, prefilled with ~/Downloads and the
	// sanitized name ("../report.pdf" loses its "../").
	send(tm, "s")
	waitScreen(t, tm, "Save to file: ~/Downloads/report.pdf")
	typePath(tm, path)
	waitScreen(t, tm, "saved "+path)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, payload) {
		t.Fatalf("saved %d bytes, want the %d-byte attachment", len(got), len(payload))
	}

	// An existing file is not replaced without a yes.
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	send(tm, "v")
	waitScreen(t, tm, "Parts: UID 1", "application/pdf")
	send(tm, "s")
	waitScreen(t, tm, "Save to file:")
	typePath(tm, path)
	waitScreen(t, tm, "exists. Overwrite? [y/N]")
	sendText(tm, "n")
	send(tm, "enter")
	waitScreen(t, tm, "not overwritten")
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Fatalf("the file was overwritten without asking: %q", got[:min(10, len(got))])
	}
	send(tm, "s")
	waitScreen(t, tm, "Save to file:")
	typePath(tm, path)
	waitScreen(t, tm, "Overwrite? [y/N]")
	send(tm, "y", "enter")
	waitScreen(t, tm, "saved "+path)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, payload) {
		t.Fatal("overwrite after yes did not write the attachment")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1 (no temporary leftovers)", len(entries))
	}
	send(tm, "esc", "esc", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// typePath replaces the prefilled answer with path and presses Enter.
func typePath(tm *teatest.TestModel, path string) {
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	sendText(tm, path)
	send(tm, "enter")
}

func TestFlowOpenAttachment(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "opener")
	// The opener is exec'd directly, with the file as its last argument.
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncp \"$1\" "+out+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OPENER", script)
	tm := readingServer(t, []byte("%PDF-1.4 open me"))
	send(tm, "j", "enter")
	waitScreen(t, tm, "Plain version of the report.")
	send(tm, "o")
	waitScreen(t, tm, "opened report.pdf")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got, _ := os.ReadFile(out); string(got) == "%PDF-1.4 open me" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the opener did not get the attachment")
		}
		time.Sleep(10 * time.Millisecond) // polling a file another process writes
	}
	send(tm, "esc", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

func TestSaveProgressEvent(t *testing.T) {
	m := New(quiet(3), testOptions())
	m.reader = m.reader.StartSave(3, "big.iso")
	m, _ = m.handleEvent(imapsvc.SaveProgress{ID: 2, Done: 1, Total: 2})
	if m.status.notice != "" {
		t.Fatalf("progress of another save shown: %q", m.status.notice)
	}
	m, _ = m.handleEvent(imapsvc.SaveProgress{ID: 3, Done: 512 << 10, Total: 1 << 20})
	if want := "saving big.iso [##########----------]  50% 512K/1.0M"; m.status.notice != want {
		t.Fatalf("notice = %q, want %q", m.status.notice, want)
	}
}

func TestFlowSaveAll(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	att := func(name, body string) string {
		return "--B\r\nContent-Type: text/plain; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n" + body + "\r\n"
	}
	srv.Append(t, "INBOX", []byte("From: a@example.org\r\nSubject: two files\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"+
		"--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"+att("notes.txt", "first")+att("notes.txt", "second")+att("a\x1b[31m.txt", "third")+"--B--\r\n"))
	svc := imapsvc.New(imapsvc.Account{Host: srv.Host, Port: srv.Port, Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Password = srv.Password
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "two files")
	send(tm, "enter")
	waitScreen(t, tm, "see attached")
	send(tm, "S")
	waitScreen(t, tm, "Save 3 attachments to directory: ~/Downloads/")
	dir := t.TempDir()
	typePath(tm, dir)
	waitScreen(t, tm, "saved 3 files")
	for name, want := range map[string]string{"notes.txt": "first", "3-notes.txt": "second", "a.txt": "third"} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || strings.TrimSpace(string(got)) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
