package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
)

const plainWithLinks = "From: Ann <ann@example.org>\r\nTo: alice@example.org\r\nSubject: Plain links\r\n" +
	"Date: Sat, 01 Nov 2025 12:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
	"The agenda: https://example.org/agenda?x=1&y=$(id).\r\nQuestions to mailto:ann@example.org please.\r\n"

// TestFlowOpenLink: links are listed numbered at the end of a plain
// message; :open N (or L and N) starts $BROWSER with the URL as its one argument; a
// number out of range is a clear message. The HTML message's list comes
// from its rendering.
func TestFlowOpenLink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > "+out+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BROWSER", script)
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", []byte(htmlOnly))
	srv.Append(t, "INBOX", []byte(plainWithLinks))
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "mem", srv.Password
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Plain links", "HTML only")

	send(tm, "enter")
	waitScreen(t, tm, "[1] https://example.org/agenda?x=1&y=$(id)", "[2] mailto:ann@example.org")
	sendLine(tm, "open 3")
	waitScreen(t, tm, ":open takes a link number, 1 to 2")
	// L starts ":open " for the number; it is typed, then Enter.
	send(tm, "L", "1", "enter")
	waitScreen(t, tm, "opened link 1")
	want := "1\nhttps://example.org/agenda?x=1&y=$(id)\n"
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got, _ := os.ReadFile(out); string(got) == want {
			break
		}
		if time.Now().After(deadline) {
			got, _ := os.ReadFile(out)
			t.Fatalf("the browser got %q, want %q", got, want)
		}
		time.Sleep(10 * time.Millisecond) // polling a file another process writes
	}

	// The HTML message: the numbers its rendering gave.
	send(tm, "ctrl+n")
	waitScreen(t, tm, "the post [1]", "[1] https://example.org/post")
	sendLine(tm, "open 2")
	waitScreen(t, tm, ":open takes a link number, 1 to 1")
	send(tm, "L") // one link: L offers it
	waitScreen(t, tm, ":open 1")
	send(tm, "esc")
	send(tm, "esc", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
