package notify

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNotifyCommand: the command sees the mail in its environment, and
// shell syntax in the mail data is never run.
func TestNotifyCommand(t *testing.T) {
	dir := t.TempDir()
	out, pwned := filepath.Join(dir, "out"), filepath.Join(dir, "pwned")
	var bell bytes.Buffer
	n := Notifier{Bell: true, Out: &bell,
		Command: `printf '%s|%s|%s|%s' "$TERN_FOLDER" "$TERN_FROM" "$TERN_SUBJECT" "$TERN_COUNT" > ` + out}
	subject := "$(touch " + pwned + ") `touch " + pwned + "`; touch " + pwned
	err := n.Notify(context.Background(), Mail{Folder: "INBOX", From: "Zoë <z@example.org>", Subject: subject, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "INBOX|Zoë <z@example.org>|" + subject + "|2"; string(got) != want {
		t.Fatalf("command saw %q, want %q", got, want)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Fatal("mail data was run as shell code")
	}
	if bell.String() != "\a" {
		t.Fatalf("bell wrote %q", bell.String())
	}
}

func TestNotifyFailureAndDisabled(t *testing.T) {
	if (Notifier{Bell: true}).Enabled() || (Notifier{}).Enabled() {
		t.Fatal("a bell without a terminal, or nothing, is not enabled")
	}
	err := Notifier{Command: "exit 3"}.Notify(context.Background(), Mail{})
	if err == nil || !strings.Contains(err.Error(), "new_mail_cmd") {
		t.Fatalf("err = %v, want a failure naming new_mail_cmd", err)
	}
}

// TestEnvSanitized: a folder name (or sender, or subject) with terminal
// escapes reaches the command without them, as the screen shows it.
func TestEnvSanitized(t *testing.T) {
	env := Env(Mail{Folder: "Evil\x1b]0;pwned\x07\u009b31m\u202eName", From: "a\x1b[2Jb", Subject: "s\u202e\x00t", Count: 1,
		Account: "wo\x1b[2Jrk"})
	want := []string{"TERN_FOLDER=EvilName", "TERN_FROM=ab", "TERN_SUBJECT=st", "TERN_COUNT=1", "TERN_ACCOUNT=work"}
	if !slices.Equal(env, want) {
		t.Fatalf("Env = %q, want %q", env, want)
	}
}
