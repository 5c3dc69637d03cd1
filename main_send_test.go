package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tern/config"
)

// TestDemoSendArrives: `tern --demo` can send, and what the demo user
// sends to themselves arrives in the demo INBOX over IMAP.
func TestDemoSendArrives(t *testing.T) {
	s := mustPrepare(t, flags{demo: true})
	if s.sender == nil {
		t.Fatal("the demo session has no sender")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.svc.Connect(ctx, s.uiOpts.Password); err != nil {
		t.Fatal(err)
	}
	before, err := s.svc.Status(ctx, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	msg := "From: alex@example.com\r\nTo: alex@example.com\r\nSubject: hello me\r\n\r\nhi\r\n"
	if err := s.sender.Send(ctx, "alex@example.com", []string{"alex@example.com"}, strings.NewReader(msg), nil); err != nil {
		t.Fatal(err)
	}
	after, err := s.svc.Status(ctx, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if after.Messages != before.Messages+1 {
		t.Fatalf("INBOX has %d messages after the send, want %d", after.Messages, before.Messages+1)
	}
}

// TestSenderFromConfig: the config's sending keys reach the sender; an
// account without them cannot send.
func TestSenderFromConfig(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "fake-sendmail")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.in\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	src := "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nsendmail_cmd = \"'" + script + "' -oi\"\n" +
		"sent_folder = \"Gesendet\"\n[[account]]\nname = \"b\"\nhost = \"h\"\nusername = \"u\"\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if senderFor(cfg.Accounts[1]) != nil {
		t.Error("an account without smtp_host or sendmail_cmd has a sender")
	}
	if got := serviceAccount(cfg.Accounts[0]); got.Sent != "Gesendet" || got.Drafts != "" {
		t.Errorf("service account folders: Sent %q Drafts %q", got.Sent, got.Drafts)
	}
	msg := "To: x@example.com\r\nSubject: s\r\n\r\nbody\r\n"
	if err := senderFor(cfg.Accounts[0]).Send(context.Background(), "u@example.com", []string{"x@example.com"}, strings.NewReader(msg), nil); err != nil {
		t.Fatal(err)
	}
	args, _ := os.ReadFile(script + ".args")
	in, _ := os.ReadFile(script + ".in")
	if string(args) != "-oi -- x@example.com\n" || string(in) != msg {
		t.Errorf("the command got args %q and stdin %q", args, in)
	}
}
