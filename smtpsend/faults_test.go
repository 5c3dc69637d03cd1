package smtpsend

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// bigMessage is a reader of n bytes of message that is never in memory.
func bigMessage(n int64) io.Reader {
	line := bytes.Repeat([]byte("x"), 76)
	line = append(line, '\r', '\n')
	return io.MultiReader(strings.NewReader("Subject: big\r\n\r\n"),
		io.LimitReader(&repeat{b: line}, n))
}

type repeat struct {
	b []byte
	i int
}

func (r *repeat) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.b[r.i:])
		n += c
		r.i = (r.i + c) % len(r.b)
	}
	return n, nil
}

func TestConnectionDroppedMidDataIsNotSent(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityPlain, user: "alice", password: "pw",
		data: func(c *smtp.Conn, r io.Reader) error {
			io.CopyN(io.Discard, r, 64<<10)
			c.Conn().Close()
			return errors.New("dropped")
		}}).start()
	err := New(srv.account(SecurityPlain), quick).Send(context.Background(), "alice@example.com",
		[]string{"bob@example.com"}, bigMessage(32<<20), nil)
	t.Log(err)
	var e *Error
	if !errors.As(err, &e) || e.Op != "DATA" || e.MaybeSent {
		t.Fatalf("err = %v (%#v), want a DATA failure that was certainly not sent", err, e)
	}
}

func TestAnswerLostAfterTheEndMayHaveBeenSent(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityPlain, user: "alice", password: "pw",
		data: func(c *smtp.Conn, r io.Reader) error {
			io.Copy(io.Discard, r)
			c.Conn().Close() // the message is in, the 250 never leaves
			return nil
		}}).start()
	err := send(t, srv.account(SecurityPlain), "bob@example.com")
	t.Log(err)
	var e *Error
	if !errors.As(err, &e) || !e.MaybeSent || !strings.Contains(err.Error(), "it may have been sent") {
		t.Fatalf("err = %v, want MaybeSent", err)
	}
}

func TestServerThatStopsReadingTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := (&testServer{t: t, mode: SecurityPlain, user: "alice", password: "pw",
		data: func(c *smtp.Conn, r io.Reader) error { <-release; return errors.New("late") }}).start()
	t.Cleanup(func() { close(release) })
	s := New(srv.account(SecurityPlain), Options{Step: 300 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a failure, not a hang
	defer cancel()
	err := s.Send(ctx, "alice@example.com", []string{"bob@example.com"}, bigMessage(256<<20), nil)
	t.Log(err)
	var e *Error
	if !errors.As(err, &e) || e.Op != "DATA" || e.MaybeSent || !strings.Contains(err.Error(), "stopped responding") {
		t.Fatalf("err = %v", err)
	}
}

func TestCancelStopsTheSend(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw"}).start()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := New(srv.account(SecurityTLS), Options{Step: 10 * time.Second, ProgressEvery: 64 << 10})
	err := s.Send(ctx, "alice@example.com", []string{"bob@example.com"}, bigMessage(64<<20), func(int64) { cancel() })
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.received()); n != 0 {
		t.Fatalf("server received %d messages", n)
	}
}

func TestMessageOverServerSizeLimit(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw"})
	srv.start()
	// The test server allows 64 MiB; say so with a reader of known size.
	msg := bytes.NewReader(make([]byte, 65<<20))
	err := New(srv.account(SecurityTLS), quick).Send(context.Background(), "alice@example.com", []string{"bob@example.com"}, msg, nil)
	if err == nil || !strings.Contains(err.Error(), "the message is 65.0 MiB; the server takes at most 64.0 MiB") {
		t.Fatalf("err = %v", err)
	}
	if ev := srv.events(); strings.Contains(ev, "MAIL") {
		t.Errorf("server saw %q", ev)
	}
}

// A server that never ends its greeting cannot make tern allocate more
// than maxServerBytes.
func TestEndlessReplyIsBounded(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		line := []byte("220-" + strings.Repeat("a", 90) + "\r\n")
		for {
			if _, err := c.Write(line); err != nil {
				return
			}
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var p int
	fmt.Sscan(port, &p)
	err = New(Account{Host: "127.0.0.1", Port: p, Security: SecurityPlain, Auth: AuthNone}, quick).
		Send(context.Background(), "a@example.com", []string{"b@example.com"}, strings.NewReader(testMsg), nil)
	if err == nil || !strings.Contains(err.Error(), "more than 1024 KiB") {
		t.Fatalf("err = %v", err)
	}
}

// A server that is down is an error naming the host; nothing else happens.
func TestServerDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close() // nothing listens there now
	err = New(Account{Host: "127.0.0.1", Port: addr.Port, Security: SecurityTLS}, quick).
		Send(context.Background(), "a@example.com", []string{"b@example.com"}, strings.NewReader(testMsg), nil)
	var e *Error
	if !errors.As(err, &e) || e.Op != "connect" || e.MaybeSent || !strings.Contains(err.Error(), "127.0.0.1: connect failed") ||
		!strings.Contains(err.Error(), "refused") {
		t.Fatalf("err = %v", err)
	}
}
