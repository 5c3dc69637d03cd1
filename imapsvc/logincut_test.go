package imapsvc

import (
	"strings"
	"sync"
	"testing"
	"time"

	"tern/internal/memtest"
	"tern/internal/proxy"
)

// loginSteps are the lines of a login at which a connection can be cut:
// each matcher is true at its step's first line.
func loginSteps() map[string]func() func(proxy.Direction, string) bool {
	isLogin := func(d proxy.Direction, l string) bool {
		u := strings.ToUpper(l)
		return d == proxy.ToServer && (strings.Contains(u, " LOGIN ") || strings.Contains(u, " AUTHENTICATE "))
	}
	return map[string]func() func(proxy.Direction, string) bool{
		"greeting": func() func(proxy.Direction, string) bool {
			return func(d proxy.Direction, l string) bool { return d == proxy.ToClient && strings.HasPrefix(l, "* OK") }
		},
		"first command": func() func(proxy.Direction, string) bool {
			return func(d proxy.Direction, l string) bool { return d == proxy.ToServer }
		},
		"login command": func() func(proxy.Direction, string) bool { return isLogin },
		"login answer": func() func(proxy.Direction, string) bool {
			var mu sync.Mutex
			sent := false
			return func(d proxy.Direction, l string) bool {
				mu.Lock()
				defer mu.Unlock()
				if isLogin(d, l) {
					sent = true
					return false
				}
				return sent && d == proxy.ToClient
			}
		},
	}
}

// TestLoginCutAtEveryStep: a connection cut at any step of logging in
// fails that Connect with an error that does not quote the password, and
// the service logs in on the next try.
func TestLoginCutAtEveryStep(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for step, when := range loginSteps() {
		t.Run(step, func(t *testing.T) {
			p := proxy.Start(t, srv.Addr)
			host, port := splitHostPort(t, p.Addr)
			var trace syncBuffer
			s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: srv.Username}, Options{Trace: &trace})
			t.Cleanup(s.Close)
			p.CutWhen(cutOnce(when()))
			_, err := s.Connect(testCtx(t), srv.Password)
			if err == nil {
				t.Fatalf("Connect succeeded through a cut at the %s", step)
			}
			if strings.Contains(err.Error(), srv.Password) || strings.Contains(trace.String(), srv.Password) {
				t.Fatalf("the password shows: %v", err)
			}
			if _, err := s.Connect(testCtx(t), srv.Password); err != nil {
				t.Fatalf("the next Connect after a cut at the %s: %v", step, err)
			}
		})
	}
}

// TestReconnectCutAtLoginSchedulesNext: a reconnect cut at the login
// answer schedules the next try, which logs in.
func TestReconnectCutAtLoginSchedulesNext(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := proxy.Start(t, srv.Addr)
	host, port := splitHostPort(t, p.Addr)
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: srv.Username},
		Options{Live: LiveOptions{ReconnectMax: 20 * time.Millisecond, Rand: func() float64 { return 0 }}})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), srv.Password); err != nil {
		t.Fatal(err)
	}
	p.CutWhen(cutOnce(loginSteps()["login answer"]()))
	p.CutAll()
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
	again := nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 2 })
	if again.Err == nil || strings.Contains(again.Err.Error(), srv.Password) {
		t.Fatalf("second try scheduled after %v", again.Err)
	}
	nextEvent[Reconnected](t, s, nil)
}
