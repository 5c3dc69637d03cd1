package imapsvc

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tern/internal/hostile"
	"tern/internal/memtest"
	"tern/internal/servertest"
	"tern/internal/testcert"
)

// TestConnectErrorsAreNotAuthErrors: a refused connection, an untrusted
// certificate and a server without STARTTLS are ConnectErrors, which the
// UI offers to retry; only a refused password is an AuthError, which asks
// for the password again.
func TestConnectErrorsAreNotAuthErrors(t *testing.T) {
	serverTLS, _ := testcert.New(t)
	tlsSrv := memtest.Start(t, memtest.Options{TLS: serverTLS})
	plain := memtest.Start(t, memtest.Options{})
	cases := []struct {
		name     string
		acct     Account
		password string
		auth     bool
		want     string
	}{
		{"refused", Account{Host: "127.0.0.1", Port: servertest.ClosedPort(t), Security: SecurityPlain, Username: "u"}, "pw", false, "refused"},
		{"untrusted", Account{Host: tlsSrv.Host, Port: tlsSrv.Port, Security: SecurityTLS, Username: tlsSrv.Username}, tlsSrv.Password, false, "not trusted"},
		{"no starttls", Account{Host: plain.Host, Port: plain.Port, Security: SecurityStartTLS, Username: plain.Username}, plain.Password, false, "STARTTLS"},
		{"wrong password", Account{Host: plain.Host, Port: plain.Port, Security: SecurityPlain, Username: plain.Username}, "wrong", true, "login"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(c.acct, Options{})
			defer s.Close()
			_, err := s.Connect(testCtx(t), c.password)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one saying %q", err, c.want)
			}
			var ae *AuthError
			var ce *ConnectError
			if got := errors.As(err, &ae); got != c.auth {
				t.Errorf("AuthError = %v, want %v (err %T %v)", got, c.auth, err, err)
			}
			if got := errors.As(err, &ce); got == c.auth {
				t.Errorf("ConnectError = %v, want %v (err %T %v)", got, !c.auth, err, err)
			}
		})
	}
}

// TestLoginTimeoutIsConnectError: a server that goes silent at the login
// has not refused the password; it is a ConnectError with the step named.
func TestLoginTimeoutIsConnectError(t *testing.T) {
	for _, step := range []string{hostile.Greeting, "AUTHENTICATE"} {
		srv := hostile.Start(t, hostile.Options{SilentAt: step})
		s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
		_, err := s.Connect(testCtx(t), "pw")
		var ce *ConnectError
		var st *StepTimeout
		if !errors.As(err, &ce) || !errors.As(err, &st) {
			t.Errorf("silent at %s: err = %T %v, want a ConnectError from a StepTimeout", step, err, err)
		}
	}
}

// TestReconnectRetriesUnavailable: a NO [UNAVAILABLE] to the login of a
// reconnect says the server cannot check passwords now, not that the
// password is wrong: tern tries again and gets back in.
func TestReconnectRetriesUnavailable(t *testing.T) {
	var logins atomic.Int32
	srv := hostile.Start(t, hostile.Options{Exists: 3, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd != "AUTHENTICATE" || logins.Add(1) != 2 {
			return false
		}
		c.Send(tag + " NO [UNAVAILABLE] authentication service down")
		return true
	}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{ReconnectMax: 20 * time.Millisecond, Rand: func() float64 { return 0 }})
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	conn := srv.Next(t)
	if _, err := s.Select(testCtx(t), "INBOX", false, 10); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	nextEvent(t, s, func(e StateChanged) bool {
		return e.State == StateDisconnected && e.Err != nil && strings.Contains(e.Err.Error(), "UNAVAILABLE")
	})
	nextEvent[Reconnected](t, s, nil)
	if n := logins.Load(); n != 3 {
		t.Errorf("%d logins, want 3 (the first, the refused, the retry)", n)
	}
}
