package compose

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
)

func checked(t *testing.T, d Draft) Checked {
	t.Helper()
	c, err := Check(d)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func build(t *testing.T, d Draft, o BuildOptions) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := Build(&b, checked(t, d), o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var fixed = BuildOptions{Date: time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC)}

func TestBuildHeaders(t *testing.T) {
	d := Draft{From: "Jürgen <me@example.org>", To: "a@example.org", Cc: "C <c@example.org>", Bcc: "hidden@example.org",
		Subject: "Grüße aus Köln", Body: "hi\n", InReplyTo: "orig@x", References: []string{"<root@x>", "orig@x"}}
	raw := build(t, d, fixed)
	tests := []struct{ name, want string }{
		{"RFC 2047 subject", "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?="},
		{"RFC 2047 name", "From: =?utf-8?q?J=C3=BCrgen?= <me@example.org>"},
		{"date", "Date: Fri, 04 Dec 2026 14:00:00 +0000"},
		{"message id for the From domain", "@example.org>"},
		{"in-reply-to", "In-Reply-To: <orig@x>"},
		{"references", "References: <root@x> <orig@x>"},
		{"plain text, not multipart", "Content-Type: text/plain; charset=utf-8"},
		{"ASCII body as 7bit", "Content-Transfer-Encoding: 7bit"},
		{"CRLF", "\r\n\r\nhi\r\n"},
	}
	for _, tt := range tests {
		if !strings.Contains(raw, tt.want) {
			t.Errorf("%s: no %q in\n%s", tt.name, tt.want, raw)
		}
	}
	if strings.Contains(raw, "hidden@") || strings.Contains(raw, "multipart") {
		t.Errorf("Bcc or multipart in the message to send:\n%s", raw)
	}
	if kept := build(t, d, BuildOptions{KeepBcc: true}); !strings.Contains(kept, "Bcc: <hidden@example.org>") {
		t.Errorf("KeepBcc left it out:\n%s", kept)
	}
	mr, err := mail.CreateReader(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := mr.Header.Subject(); s != d.Subject {
		t.Errorf("subject decodes to %q", s)
	}
	if id, _ := mr.Header.MessageID(); !strings.HasSuffix(id, "@example.org") {
		t.Errorf("Message-ID %q", id)
	}
}

func TestBuildBodyEncoding(t *testing.T) {
	tests := []struct {
		name, body, cte string
	}{
		{"ASCII", "plain text\n", "7bit"},
		{"UTF-8", "Grüße\n", "quoted-printable"},
		{"long ASCII line", strings.Repeat("x", 100) + "\n", "quoted-printable"},
		{"control character", "bell\a\n", "quoted-printable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := build(t, Draft{From: "me@x.org", To: "a@x.org", Body: tt.body}, fixed)
			if !strings.Contains(raw, "Content-Transfer-Encoding: "+tt.cte+"\r\n") {
				t.Fatalf("want %s:\n%s", tt.cte, raw)
			}
			mr, err := mail.CreateReader(strings.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			p, err := mr.NextPart()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(p.Body)
			if got := strings.ReplaceAll(string(b), "\r\n", "\n"); got != tt.body {
				t.Errorf("body decodes to %q, want %q", got, tt.body)
			}
		})
	}
}

func TestBuildAttachments(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	d := Draft{From: "me@x.org", To: "a@x.org", Subject: "files", Body: "see attached\n", Attachments: []Attachment{
		{Path: write("Bericht für März.pdf", []byte("%PDF-1.4 fake"))},
		{Path: write("noextension", png)},
		{Path: write("orig.eml", []byte("Subject: old\r\n\r\nold body\r\n")), Name: "old.eml", Type: "message/rfc822"},
	}}
	raw := build(t, d, fixed)
	for _, want := range []string{
		"Content-Type: multipart/mixed",
		"filename*=utf-8''Bericht%20f%C3%BCr%20M%C3%A4rz.pdf", // RFC 2231
		"Content-Type: application/pdf",
		"Content-Type: image/png", // sniffed from the content
		"Content-Type: message/rfc822",
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in\n%s", want, raw)
		}
	}
	mr, err := mail.CreateReader(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var bodies [][]byte
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p.Body)
		if h, ok := p.Header.(*mail.AttachmentHeader); ok {
			n, _ := h.Filename()
			names = append(names, n)
			bodies = append(bodies, b)
		}
	}
	if strings.Join(names, "|") != "Bericht für März.pdf|noextension|old.eml" {
		t.Errorf("attachment names %q", names)
	}
	if len(bodies) == 3 && !bytes.Equal(bodies[1], png) {
		t.Errorf("PNG bytes changed")
	}
	if len(bodies) == 3 && !strings.Contains(string(bodies[2]), "old body") {
		t.Errorf("attached message %q", bodies[2])
	}
}

func TestBuildMissingAttachmentWritesNothing(t *testing.T) {
	var b bytes.Buffer
	c := checked(t, Draft{From: "me@x.org", To: "a@x.org", Attachments: []Attachment{{Path: filepath.Join(t.TempDir(), "gone")}}})
	if _, err := Build(&b, c, fixed); err == nil || b.Len() != 0 {
		t.Errorf("err = %v, wrote %d bytes", err, b.Len())
	}
}

func TestContentType(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"a.PDF", nil, "application/pdf"},
		{"a.txt", nil, "text/plain; charset=utf-8"},
		{"x", []byte("%PDF-1.4"), "application/pdf"},
		{"x", nil, "application/octet-stream"},
		{"x", []byte{0, 1, 2, 3}, "application/octet-stream"},
		{"a.eml", nil, "message/rfc822"},
	}
	for _, tt := range tests {
		if got := ContentType(tt.name, tt.head); got != tt.want {
			t.Errorf("ContentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
