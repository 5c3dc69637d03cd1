package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tern/config"
	"tern/imapsvc"
	"tern/internal/memtest"
)

func TestWriteSettings(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/state"}
	w := writeSettings(config.Account{Username: "me@example.org", Aliases: []string{"a@example.org"}}, func(k string) string { return env[k] })
	if w.From != "me@example.org" || len(w.Aliases) != 1 || w.DraftsDir != filepath.Join("/state", "tern", "drafts") {
		t.Errorf("writeSettings = %+v", w)
	}
	w = writeSettings(config.Account{Username: "me", From: "Me <me@x.org>"}, func(string) string { return "" })
	if w.From != "Me <me@x.org>" || w.DraftsDir != "" {
		t.Errorf("without HOME: %+v", w)
	}
}

// TestAppenderCreatesMissingSent: on a server with no Sent folder (no
// SPECIAL-USE, no usual name), the appender main wires creates the
// fallback "Sent" and stores the copy there, with its APPENDUID.
func TestAppenderCreatesMissingSent(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port, Security: imapsvc.SecurityPlain,
		Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := svc.Connect(ctx, srv.Password); err != nil {
		t.Fatal(err)
	}
	msg := "From: alice@example.org\r\nSubject: copy\r\n\r\nx\r\n"
	uid, err := startAccount{}.writeFor(svc).Appender.Append(ctx, `\Sent`, []string{`\Seen`}, strings.NewReader(msg), int64(len(msg)))
	if err != nil {
		t.Fatal(err)
	}
	st, err := svc.Status(ctx, "Sent")
	if err != nil || st.Messages != 1 || uid == 0 {
		t.Fatalf("Sent after the copy: %+v, %v; APPENDUID %d", st, err, uid)
	}
}

// TestSenderTakesTypedPassword: only a sender without a password source,
// on an account whose IMAP login is a password, takes the typed one; a
// token account's first token never becomes the SMTP password.
func TestSenderTakesTypedPassword(t *testing.T) {
	noPassword := config.Account{Username: "u", SMTPHost: "h", SMTPAuth: config.AuthPassword}
	withCmd := noPassword
	withCmd.PasswordCmd = "echo x"
	token := imapsvc.Account{Token: func(context.Context) (string, error) { return "tok", nil }}
	for _, c := range []struct {
		name string
		a    startAccount
		want bool
	}{
		{"no password", startAccount{sender: senderFor(noPassword)}, true},
		{"password_cmd", startAccount{sender: senderFor(withCmd)}, false},
		{"IMAP by token", startAccount{acct: token, sender: senderFor(noPassword)}, false},
	} {
		s := c.a.writeFor(nil).Sender.(smtpSender)
		_, took := s.WithPassword("typed").(smtpSender)
		if took = took && s.WithPassword("typed").(smtpSender).s != s.s; took != c.want {
			t.Errorf("%s: takes the typed password %v, want %v", c.name, took, c.want)
		}
	}
}
