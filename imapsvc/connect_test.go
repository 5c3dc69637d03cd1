package imapsvc

import (
	"errors"
	"strings"
	"testing"

	"tern/internal/memtest"
)

// TestLoginDisabledHonoured: with LOGINDISABLED the password never leaves.
func TestLoginDisabledHonoured(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{RequireTLS: true})
	var trace syncBuffer
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: srv.Username}, Options{Trace: &trace})
	defer s.Close()
	_, err := s.Connect(testCtx(t), srv.Password)
	if err == nil || !strings.Contains(err.Error(), "LOGINDISABLED") {
		t.Fatalf("connect error = %v, want one naming LOGINDISABLED", err)
	}
	for _, line := range strings.Split(trace.String(), "\n") {
		up := strings.ToUpper(line)
		if strings.Contains(up, " LOGIN ") || strings.Contains(up, "AUTHENTICATE") {
			t.Fatalf("a login was sent despite LOGINDISABLED: %q", line)
		}
	}
}

// TestStartTLSNotOfferedIsAnError: never continue in cleartext.
func TestStartTLSNotOfferedIsAnError(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	var trace syncBuffer
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityStartTLS, Username: srv.Username}, Options{Trace: &trace})
	defer s.Close()
	_, err := s.Connect(testCtx(t), srv.Password)
	if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Fatalf("connect error = %v, want a STARTTLS refusal", err)
	}
	if strings.Contains(trace.String(), "LOGIN") || strings.Contains(trace.String(), "AUTHENTICATE") {
		t.Fatalf("credentials were offered in cleartext:\n%s", trace.String())
	}
}

// TestWrongPasswordOnce: a wrong password is one clear error, no retries.
func TestWrongPasswordOnce(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	var trace syncBuffer
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: srv.Username}, Options{Trace: &trace})
	defer s.Close()
	_, err := s.Connect(testCtx(t), "wrong")
	var se *ServerError
	if !errors.As(err, &se) {
		t.Fatalf("connect error = %T %v, want a ServerError", err, err)
	}
	if n := strings.Count(trace.String(), "AUTHENTICATE") + strings.Count(trace.String(), " LOGIN "); n != 1 {
		t.Fatalf("%d authentication attempts, want exactly 1:\n%s", n, trace.String())
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("error mentions the password: %v", err)
	}
}
