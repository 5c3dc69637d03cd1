package mtatest_test

import (
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/mtatest"
)

// TestRelaysToDovecot: a message submitted to Postfix for a user of any
// domain arrives in that user's INBOX on the test Dovecot, announced to a
// client idling there; stopping Postfix leaves none of its processes.
func TestRelaysToDovecot(t *testing.T) {
	dove := dovetest.Start(t, dovetest.Options{LMTP: true,
		Users: []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "secret"}}})
	mta := mtatest.Start(t, mtatest.Options{LMTPAddr: dove.LMTPAddr})
	idle := dove.WatchIdle(t, "bob", "INBOX")
	msg := "From: alice@example.org\r\nTo: bob@example.com\r\nSubject: through postfix\r\n" +
		"Message-ID: <mta@example.org>\r\n\r\nhello\r\n"
	if err := smtp.SendMail(mta.Addr, nil, "alice@example.org", []string{"bob@example.com"}, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-idle.Exists:
		if n != 1 {
			t.Fatalf("INBOX announced %d messages, want 1", n)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("the message never arrived\n%s", mta.Logs())
	}
	c, err := dove.Dial("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	got, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil || len(got) != 1 || got[0].Envelope.Subject != "through postfix" {
		t.Fatalf("INBOX of bob: %+v %v", got, err)
	}

	pidFile := filepath.Join(mta.Dir, "spool", "pid", "master.pid")
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	// The master leads its own process group (servertest.Process).
	pid := strings.TrimSpace(string(data))
	if !groupRuns(pid) {
		t.Fatalf("no process in the group of the Postfix master %s", pid)
	}
	mta.Stop()
	if groupRuns(pid) {
		t.Errorf("a process of the Postfix master %s still runs after Stop", pid)
	}
}

// groupRuns reports whether a process of the group pgid still runs.
func groupRuns(pgid string) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// After "(comm)": state ppid pgrp ...
		f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(f) > 2 && f[0] != "Z" && f[2] == pgid {
			return true
		}
	}
	return false
}
