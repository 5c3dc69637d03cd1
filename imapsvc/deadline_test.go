package imapsvc

import (
	"errors"
	"os"
	"testing"
	"time"

	"tern/internal/hostile"
	"tern/internal/testcert"
)

// hostileService is a Service for an account on srv whose connecting
// steps each time out after 1 s (ample for a loopback step under load).
func hostileService(t *testing.T, srv *hostile.Server, sec Security, caFile string, live LiveOptions) *Service {
	t.Helper()
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: sec, Username: "u", CAFile: caFile},
		Options{Live: live})
	t.Cleanup(s.Close)
	s.stepTimeout = time.Second // before the first request: the owner reads it later
	return s
}

// TestConnectStepTimeouts: a server that goes silent at any step of
// connecting makes Connect fail with that step named, instead of leaving
// the owner goroutine stuck.
func TestConnectStepTimeouts(t *testing.T) {
	serverTLS, caFile := testcert.New(t)
	tests := []struct {
		name   string
		sec    Security
		opts   hostile.Options
		step   string
		secure bool
	}{
		{"greeting", SecurityPlain, hostile.Options{SilentAt: hostile.Greeting}, "greeting", false},
		{"capability", SecurityPlain, hostile.Options{SilentAt: "CAPABILITY"}, "CAPABILITY", false},
		{"authenticate", SecurityPlain, hostile.Options{SilentAt: "AUTHENTICATE"}, "login", false},
		{"login", SecurityPlain, hostile.Options{Caps: "IMAP4rev1", SilentAt: "LOGIN"}, "login", false},
		{"tls handshake", SecurityTLS, hostile.Options{TLS: serverTLS, SilentAt: hostile.TLSHandshake}, "TLS handshake", true},
		{"tls greeting", SecurityTLS, hostile.Options{TLS: serverTLS, SilentAt: hostile.Greeting}, "greeting", true},
		{"starttls greeting", SecurityStartTLS, hostile.Options{StartTLS: serverTLS, SilentAt: hostile.Greeting}, "greeting", true},
		{"starttls", SecurityStartTLS, hostile.Options{StartTLS: serverTLS, SilentAt: "STARTTLS"}, "STARTTLS", true},
		{"starttls then capability", SecurityStartTLS, hostile.Options{StartTLS: serverTLS, SilentAt: "CAPABILITY"}, "CAPABILITY", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := hostile.Start(t, tt.opts)
			s := hostileService(t, srv, tt.sec, caFile, LiveOptions{})
			_, err := s.Connect(testCtx(t), "pw")
			var st *StepTimeout
			if !errors.As(err, &st) || st.Step != tt.step {
				t.Fatalf("Connect = %v, want a timeout of the %s", err, tt.step)
			}
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("%v is not a deadline error", err)
			}
			// The owner goroutine is free again.
			if _, err := s.Capability(testCtx(t)); !errors.Is(err, ErrNotConnected) {
				t.Errorf("Capability after the timeout = %v, want ErrNotConnected", err)
			}
		})
	}
}

// TestConnectThroughHostileTLS: the same server, answering, is reached
// through both TLS modes (the STARTTLS exchange tern runs itself).
func TestConnectThroughHostileTLS(t *testing.T) {
	serverTLS, caFile := testcert.New(t)
	for _, sec := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(sec), func(t *testing.T) {
			opts := hostile.Options{TLS: serverTLS}
			if sec == SecurityStartTLS {
				opts = hostile.Options{StartTLS: serverTLS}
			}
			srv := hostile.Start(t, opts)
			s := hostileService(t, srv, sec, caFile, LiveOptions{})
			sess, err := s.Connect(testCtx(t), "pw")
			if err != nil {
				t.Fatal(err)
			}
			if contains(sess.Caps, "STARTTLS") {
				t.Errorf("capabilities after TLS still list STARTTLS: %v", sess.Caps)
			}
		})
	}
}

// TestReconnectTimeoutSchedulesNext: a reconnect try that meets a silent
// server times out and the next try is scheduled; tern does not stop
// trying.
func TestReconnectTimeoutSchedulesNext(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{ReconnectMax: 20 * time.Millisecond, Rand: func() float64 { return 0 }})
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	first := srv.Next(t)
	srv.SetSilentAt(hostile.Greeting)
	first.Close()
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
	again := nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 2 })
	var st *StepTimeout
	if !errors.As(again.Err, &st) || st.Step != "greeting" {
		t.Fatalf("second try scheduled after %v, want the greeting's timeout", again.Err)
	}
	srv.SetSilentAt("")
	nextEvent[Reconnected](t, s, nil)
}

// TestConnectTCPTimeout: the TCP connect is a step like the others (a
// deadline already past stands in for an unreachable host).
func TestConnectTCPTimeout(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	s.stepTimeout = time.Nanosecond
	_, err := s.Connect(testCtx(t), "pw")
	var st *StepTimeout
	if !errors.As(err, &st) || st.Step != "TCP connect" {
		t.Fatalf("Connect = %v, want a timeout of the TCP connect", err)
	}
}
