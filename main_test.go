package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestFlags(t *testing.T) {
	var help bytes.Buffer
	if _, err := parseFlags([]string{"--help"}, &help); !errors.Is(err, flag.ErrHelp) || !strings.Contains(help.String(), "--demo") {
		t.Fatalf("--help: err %v, text %q", err, help.String())
	}
	f, err := parseFlags([]string{"--config", "x.toml", "--account", "work", "--trace", "t.log"}, &help)
	if err != nil || f.configPath != "x.toml" || f.account != "work" || f.trace != "t.log" {
		t.Fatalf("flags = %+v, %v", f, err)
	}
}

// TestMissingConfigSuggestsDemo: a new user without a config is told how
// to write one and how to try tern without it.
func TestMissingConfigSuggestsDemo(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "config.toml")
	_, err := prepare(flags{configPath: missing}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "--demo") || !strings.Contains(err.Error(), "[[account]]") {
		t.Fatalf("err = %v, want the config example and --demo", err)
	}
}

// TestPrepareFromConfig maps a config account onto the service and UI.
func TestPrepareFromConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	conf := "theme = \"light\"\n[[account]]\nname = \"work\"\nhost = \"127.0.0.1\"\nsecurity = \"starttls\"\n" +
		"username = \"alice\"\npassword_cmd = \"echo s3cret\"\ntls_skip_verify = true\n"
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := prepare(flags{configPath: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if s.uiOpts.Account != "work" || s.uiOpts.Password != "s3cret" || !s.uiOpts.Insecure {
		t.Fatalf("ui options = %+v", s.uiOpts)
	}
}

// TestPrepareDemo starts the embedded server, as `tern --demo` does.
func TestPrepareDemo(t *testing.T) {
	s, err := prepare(flags{demo: true}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if s.uiOpts.Account != "demo" || s.uiOpts.Password == "" {
		t.Fatalf("demo ui options = %+v", s.uiOpts)
	}
}

// TestCrashReportGoesToLog: while the screen is up, whatever is written to
// stderr (Bubble Tea's stack trace after a recovered panic) lands in the
// log file, and the terminal's stderr comes back afterwards.
func TestCrashReportGoesToLog(t *testing.T) {
	state := t.TempDir()
	logs, err := openLog(func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	restore, err := logs.captureStderr()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := unix.Write(2, []byte("panic: test crash report\n")); err != nil {
		restore()
		t.Fatal(err)
	}
	restore()
	got, err := os.ReadFile(filepath.Join(state, "tern", "tern.log"))
	if err != nil || !strings.Contains(string(got), "panic: test crash report") {
		t.Fatalf("log = %q, %v", got, err)
	}
}

// TestTraceFileIsRedacted: --trace writes the protocol of a real session
// to the file, and the password is not in it.
func TestTraceFileIsRedacted(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "trace.log")
	s, err := prepare(flags{demo: true, trace: trace}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.svc.Connect(ctx, s.uiOpts.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.ListFolders(ctx); err != nil {
		t.Fatal(err)
	}
	s.svc.Logout(ctx)
	s.close()
	got, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	text := string(got)
	if !strings.Contains(text, "LIST") || !strings.Contains(text, "<redacted>") || strings.Contains(text, s.uiOpts.Password) {
		t.Fatalf("trace lacks LIST or redaction, or shows the password:\n%s", text)
	}
}
