package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
)

// Fakes for writing mail: a sender and an appender that record what they
// got, a backend whose messages have full headers, and an editor script.

type sentMail struct {
	from string
	rcpt []string
	data string
}

type fakeSender struct {
	mu    sync.Mutex
	sent  []sentMail
	tries int
	err   error // returned (and nothing recorded) while set
	calls chan struct{}
}

func newFakeSender() *fakeSender { return &fakeSender{calls: make(chan struct{}, 16)} }

func (s *fakeSender) Send(ctx context.Context, from string, rcpt []string, msg io.Reader, _ func(int64)) error {
	b, err := io.ReadAll(msg)
	s.mu.Lock()
	defer func() { s.mu.Unlock(); s.calls <- struct{}{} }()
	s.tries++
	if err != nil {
		return err
	}
	if s.err != nil {
		return s.err
	}
	s.sent = append(s.sent, sentMail{from: from, rcpt: rcpt, data: string(b)})
	return nil
}

func (s *fakeSender) snapshot() (int, []sentMail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries, append([]sentMail(nil), s.sent...)
}

func (s *fakeSender) fail(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

type appended struct {
	use   string
	flags []string
	data  string
}

type fakeAppender struct {
	mu   sync.Mutex
	got  []appended
	err  error
	next imapsvc.UID
}

func (a *fakeAppender) Append(ctx context.Context, use string, flags []string, msg io.Reader, size int64) (imapsvc.UID, error) {
	b, err := io.ReadAll(msg)
	if err != nil {
		return 0, err
	}
	if int64(len(b)) != size {
		return 0, fmt.Errorf("size %d, read %d", size, len(b))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return 0, a.err
	}
	a.next++
	a.got = append(a.got, appended{use: use, flags: flags, data: string(b)})
	return a.next, nil
}

func (a *fakeAppender) snapshot() []appended {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]appended(nil), a.got...)
}

// headerFake answers FetchHeader with a whole header for every message.
type headerFake struct {
	*fakeBackend
	raw string // FetchMessageRaw's answer; "" refuses
}

func (f headerFake) FetchHeader(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) (string, error) {
	f.log(fmt.Sprintf("HEADER %d", uid))
	return fmt.Sprintf("From: Alice <alice@example.com>\nTo: Me <me@example.org>, bob@example.net\nCc: carol@example.net\n"+
		"Subject: Message number %d\nDate: Thu, 3 Dec 2026 10:15:00 +0100\nMessage-ID: <m%d@example.com>", uid/2, uid), nil
}

func (f headerFake) FetchMessageRaw(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, w io.Writer) (int64, error) {
	if f.raw == "" {
		return 0, errors.New("no raw message")
	}
	n, err := io.WriteString(w, f.raw)
	return int64(n), err
}

// editorScript writes an executable shell script that edits the file in
// $1; body is the script after the shebang.
func editorScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return p
}

// addAfterHeaders is an editor that writes line as the first body line.
func addAfterHeaders(line string) string {
	return `awk -v add="` + line + `" '{print} /^$/ && !d {print add; d=1}' "$1" > "$1.tmp" && mv "$1.tmp" "$1"`
}

// writeOptions are test options with writing set up in a temp dir.
func writeOptions(t *testing.T, editor string) (Options, *fakeSender, *fakeAppender, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "drafts")
	s, a := newFakeSender(), &fakeAppender{}
	opts := testOptions()
	opts.Write = WriteOptions{From: "Me <me@example.org>", Aliases: []string{"me@example.org"}, Sender: s, Appender: a,
		DraftsDir: dir, Editor: editor}
	return opts, s, a, dir
}

// draftFiles lists what is left in the drafts directory.
func draftFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// draftTexts are the draft texts in the directory (not their other files).
func draftTexts(t *testing.T, dir string) []string {
	var out []string
	for _, f := range draftFiles(t, dir) {
		if strings.HasSuffix(f, ".draft") {
			out = append(out, f)
		}
	}
	return out
}

// quitAndDiscard quits the open review, answers yes to discarding it and
// wants no draft file left in dir.
func quitAndDiscard(t *testing.T, tm *teatest.TestModel, dir string) {
	t.Helper()
	send(tm, "q")
	waitScreen(t, tm, "Discard this message?")
	send(tm, "y")
	waitScreen(t, tm, "message discarded")
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("draft left after discarding: %v", files)
	}
}

func header(data, name string) string {
	for _, l := range strings.Split(data, "\r\n") {
		if l == "" {
			break
		}
		if k, v, ok := strings.Cut(l, ": "); ok && strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}
