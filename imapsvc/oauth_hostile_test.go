package imapsvc

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"tern/internal/hostile"
)

// TestOAuthDeadlines: a token command that never finishes, and a server
// that never answers AUTHENTICATE, each end the login with that step
// named, and the owner goroutine is free again.
func TestOAuthDeadlines(t *testing.T) {
	t.Run("token_cmd hangs", func(t *testing.T) {
		srv := hostile.Start(t, hostile.Options{Caps: "IMAP4rev1 AUTH=XOAUTH2"})
		hadDeadline := make(chan bool, 1)
		hang := func(ctx context.Context) (string, error) {
			_, ok := ctx.Deadline()
			hadDeadline <- ok
			<-ctx.Done()
			return "", ctx.Err()
		}
		s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u",
			Auth: AuthXOAuth2, Token: hang}, Options{})
		t.Cleanup(s.Close)
		s.stepTimeout = 100 * time.Millisecond // before the first request
		_, err := s.Connect(testCtx(t), "")
		if err == nil || !strings.Contains(err.Error(), "token_cmd did not finish in time") || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Connect = %v", err)
		}
		if !<-hadDeadline {
			t.Error("token_cmd ran without a deadline")
		}
		if _, err := s.Capability(testCtx(t)); !errors.Is(err, ErrNotConnected) {
			t.Errorf("Capability after the timeout = %v, want ErrNotConnected", err)
		}
	})
	t.Run("AUTHENTICATE unanswered", func(t *testing.T) {
		srv := hostile.Start(t, hostile.Options{Caps: "IMAP4rev1 AUTH=OAUTHBEARER", SilentAt: "AUTHENTICATE"})
		s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u",
			Auth: AuthOAuthBearer, Token: func(context.Context) (string, error) { return "tok", nil }}, Options{})
		t.Cleanup(s.Close)
		s.stepTimeout = time.Second
		_, err := s.Connect(testCtx(t), "")
		var st *StepTimeout
		if !errors.As(err, &st) || st.Step != "login" || !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("Connect = %v, want a timeout of the login", err)
		}
	})
}

// TestSASLIR: the initial responses as RFC 7628 and Google's XOAUTH2
// document them, with the gs2 authzid escaped.
func TestSASLIR(t *testing.T) {
	a := Account{Host: "imap.example.com", Username: "a,b=c@example.com", Auth: AuthOAuthBearer}
	if got, want := string(a.saslIR("T")), "n,a=a=2Cb=3Dc@example.com,\x01host=imap.example.com\x01port=993\x01auth=Bearer T\x01\x01"; got != want {
		t.Errorf("OAUTHBEARER: %q, want %q", got, want)
	}
	a.Auth, a.Username = AuthXOAuth2, "alice@example.com"
	if got, want := string(a.saslIR("T")), "user=alice@example.com\x01auth=Bearer T\x01\x01"; got != want {
		t.Errorf("XOAUTH2: %q, want %q", got, want)
	}
}

// TestRawTokenLoginBareNO: a NO without text is a refusal, not a login,
// on the raw connections as on the main one; the bare NO counts as a
// refused token, so a second token is tried, then it fails.
func TestRawTokenLoginBareNO(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Caps: "IMAP4rev1 SASL-IR AUTH=XOAUTH2",
		Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
			if cmd != "AUTHENTICATE" {
				return false
			}
			c.Send(tag + " NO")
			return true
		}})
	runs := 0
	acct := Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u", Auth: AuthXOAuth2,
		Token: func(context.Context) (string, error) { runs++; return "tok", nil }}
	rc, err := acct.dialRaw(testCtx(t), "", "console", "C", nil)
	if err == nil {
		rc.Close()
		t.Fatal("a bare NO logged the console in")
	}
	var se *ServerError
	if !errors.As(err, &se) || runs != 2 {
		t.Errorf("dialRaw = %v after %d token runs, want a ServerError after 2", err, runs)
	}
	s := New(acct, Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), ""); !errors.As(err, &se) {
		t.Errorf("Connect = %v, want a ServerError", err)
	}
}

// TestTokenLoginDespiteLoginDisabled: LOGINDISABLED forbids LOGIN, not
// AUTHENTICATE, so a token account logs in on the main connection and on
// a raw one.
func TestTokenLoginDespiteLoginDisabled(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Caps: "IMAP4rev1 LOGINDISABLED AUTH=OAUTHBEARER"})
	acct := Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u", Auth: AuthOAuthBearer,
		Token: func(context.Context) (string, error) { return "tok", nil }}
	s := New(acct, Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), ""); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	rc, err := acct.dialRaw(testCtx(t), "", "console", "C", nil)
	if err != nil {
		t.Fatalf("raw connection: %v", err)
	}
	rc.Close()
}
