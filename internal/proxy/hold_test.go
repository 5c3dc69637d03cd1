package proxy

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/memtest"
)

func loggedIn(t *testing.T, p *Proxy, srv *memtest.Server) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(p.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHoldAnswer: the answer to the matching command is held on its own
// connection only, and arrives once released; the rule fires once.
func TestHoldAnswer(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	held, other := loggedIn(t, p, srv), loggedIn(t, p, srv)
	h := p.HoldAnswer(func(l string) bool { return strings.Contains(l, "NOOP") }, 300*time.Millisecond)
	done := make(chan error, 1)
	go func() { done <- held.Noop().Wait() }()
	<-h.Started
	if err := other.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-h.Released:
		t.Fatal("the other connection's NOOP waited for the held answer")
	default:
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case <-h.Released:
	default:
		t.Fatal("the held answer arrived before its release")
	}
	if err := held.Noop().Wait(); err != nil { // fired once: not held again
		t.Fatal(err)
	}
}

// TestDelay: a delayed connection still carries a whole session intact.
func TestDelay(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	p.Delay(20 * time.Millisecond)
	c := loggedIn(t, p, srv)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	// Pipelined: both answers come back, in order.
	a, b := c.Noop(), c.Noop()
	if err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
}

// TestHoldRelease: Release lets a held answer through before its time.
func TestHoldRelease(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	c := loggedIn(t, p, srv)
	h := p.HoldAnswer(func(l string) bool { return strings.Contains(l, "NOOP") }, time.Hour)
	done := make(chan error, 1)
	go func() { done <- c.Noop().Wait() }()
	<-h.Started
	h.Release() // else the NOOP waits an hour
	h.Release() // twice is harmless
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-h.Released
}

// TestHoldArmedBeforeForward: the server answers the held command at
// once, before the proxy is done forwarding it (AfterForward stops the
// proxy right there until the answer has reached the client or the hold
// has started). The answer is held all the same: the hold is armed
// before the command goes out.
func TestHoldArmedBeforeForward(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	c := loggedIn(t, p, srv)
	h := p.HoldAnswer(func(l string) bool { return strings.Contains(l, "NOOP") }, time.Hour)
	done, answered := make(chan error, 1), make(chan struct{})
	p.AfterForward(func(dir Direction, line string) {
		if dir == ToServer && strings.Contains(line, "NOOP") {
			select {
			case <-h.Started:
			case <-answered:
			}
		}
	})
	go func() {
		done <- c.Noop().Wait()
		close(answered)
	}()
	select {
	case <-h.Started:
	case <-answered:
	}
	select {
	case <-done:
		t.Fatal("the answer to NOOP reached the client unheld: the hold was armed after the command went out")
	default:
	}
	h.Release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	select {
	case <-h.Released:
	default:
		t.Fatal("the answer arrived without passing the hold")
	}
}
