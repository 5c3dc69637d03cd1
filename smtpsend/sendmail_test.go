package smtpsend

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeSendmail writes a script that records its arguments and stdin in
// dir and exits with the given status after printing stderr.
func fakeSendmail(t *testing.T, status int, stderr string) (cmd, dir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "with space")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "sendmail")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$(dirname \"$0\")/args\"\n" +
		"cat > \"$(dirname \"$0\")/stdin\"\nprintf '" + stderr + "' >&2\nexit " + string(rune('0'+status)) + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return `"` + script + `"`, dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const bccMsg = "From: alice@example.com\r\nTo: Bob <bob@example.com>\r\nCc: carol@example.com\r\nSubject: hi\r\n\r\nbody\r\n"

// The command gets the message unchanged on stdin and the recipients after
// "--"; with -t it reads To and Cc from the header itself, so only the Bcc
// recipient, whom the header does not name, goes on the command line.
func TestSendmailCmd(t *testing.T) {
	for _, tt := range []struct {
		name, flag string
		rcpts      []string
		wantArgs   string
	}{
		{"every recipient", "-oi", []string{"bob@example.com", "carol@example.com", "dave@example.com"},
			"-oi\n--\nbob@example.com\ncarol@example.com\ndave@example.com\n"},
		{"with -t only Bcc", "-t", []string{"BOB@example.com", "carol@example.com", "dave@example.com"},
			"-t\n--\ndave@example.com\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd, dir := fakeSendmail(t, 0, "")
			var last int64
			s := New(Account{SendmailCmd: cmd + " " + tt.flag}, quick)
			err := s.Send(context.Background(), "alice@example.com", tt.rcpts, strings.NewReader(bccMsg), func(n int64) { last = n })
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dir, "args")); got != tt.wantArgs {
				t.Errorf("args %q, want %q", got, tt.wantArgs)
			}
			if got := readFile(t, filepath.Join(dir, "stdin")); got != bccMsg {
				t.Errorf("stdin %q, want the message unchanged", got)
			}
			if last != int64(len(bccMsg)) {
				t.Errorf("progress ended at %d, want %d", last, len(bccMsg))
			}
		})
	}
}

func TestSendmailCmdFailure(t *testing.T) {
	cmd, _ := fakeSendmail(t, 7, `msmtp: \033[31mserver refused: 554 no relay\n\nsecond line\n`)
	err := New(Account{SendmailCmd: cmd}, quick).Send(context.Background(), "alice@example.com",
		[]string{"bob@example.com"}, strings.NewReader(bccMsg), nil)
	var e *Error
	if !errors.As(err, &e) || e.Op != "sendmail_cmd" {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "exit status 7: msmtp: server refused: 554 no relay / second line") || strings.ContainsRune(msg, 0x1b) {
		t.Errorf("message %q", msg)
	}

	err = New(Account{SendmailCmd: "/nonexistent/sendmail -t"}, quick).Send(context.Background(), "alice@example.com",
		[]string{"bob@example.com"}, strings.NewReader(bccMsg), nil)
	if err == nil || !strings.Contains(err.Error(), "sendmail_cmd failed") {
		t.Errorf("missing command: %v", err)
	}
}

// A command that does not finish is stopped after Options.Final, and the
// message may have gone: the error says so.
func TestSendmailCmdThatHangsIsStopped(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "hang")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat >/dev/null\nexec sleep 600\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := New(Account{SendmailCmd: script}, Options{Final: 300 * time.Millisecond})
	err := s.Send(context.Background(), "alice@example.com", []string{"bob@example.com"}, strings.NewReader(bccMsg), nil)
	var e *Error
	if !errors.As(err, &e) || !e.MaybeSent || !strings.Contains(err.Error(), "sendmail_cmd may have sent the message: the command did not finish within 300ms") {
		t.Fatalf("err = %v", err)
	}
}
