package imapsvc

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// silentServer is a loopback IMAP server without IDLE that logs anyone
// in and never answers the command verb, like a server that hangs.
func silentServer(t *testing.T, verb string) (string, int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveSilently(conn, verb)
		}
	}()
	return splitHostPort(t, ln.Addr().String())
}

func serveSilently(conn net.Conn, silent string) {
	defer conn.Close()
	const caps = "IMAP4rev1"
	conn.Write([]byte("* OK [CAPABILITY " + caps + "] ready\r\n"))
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		tag, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch verb, _, _ := strings.Cut(strings.ToUpper(rest), " "); verb {
		case silent:
			// no answer, ever
		case "SELECT":
			conn.Write([]byte("* 0 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n* OK [UIDNEXT 1] ok\r\n" + tag + " OK [READ-WRITE] done\r\n"))
		case "CAPABILITY":
			conn.Write([]byte("* CAPABILITY " + caps + "\r\n" + tag + " OK done\r\n"))
		default:
			conn.Write([]byte(tag + " OK done\r\n"))
		}
	}
}

// TestUnansweredCommandReconnects: a command the server never answers
// ends with the caller's timeout, and the connection is treated as lost:
// tern reconnects instead of waiting forever.
func TestUnansweredCommandReconnects(t *testing.T) {
	host, port := silentServer(t, "SELECT")
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: "u"},
		Options{Live: LiveOptions{Rand: func() float64 { return 0 }}})
	defer s.Close()
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := s.Select(ctx, "INBOX", false, 10); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Select = %v, want the deadline", err)
	}
	lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
	if !strings.Contains(lost.Err.Error(), "unanswered") {
		t.Errorf("lost because %v, want the unanswered command named", lost.Err)
	}
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
	nextEvent[Reconnected](t, s, nil)
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("after reconnecting: %v", err)
	}
}

// TestUnansweredPollReconnects: a NOOP poll the server never answers is
// bounded too; the owner goroutine does not hang on it.
func TestUnansweredPollReconnects(t *testing.T) {
	host, port := silentServer(t, "NOOP")
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: "u"},
		Options{Live: LiveOptions{PollInterval: 10 * time.Millisecond, Rand: func() float64 { return 0 }}})
	defer s.Close()
	s.ownTimeout = 100 * time.Millisecond // before the first request: the owner reads it later
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Select(testCtx(t), "INBOX", false, 10); err != nil {
		t.Fatal(err)
	}
	lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
	if !strings.Contains(lost.Err.Error(), "did not answer for 100ms") {
		t.Errorf("lost because %v, want the silence named", lost.Err)
	}
	nextEvent[Reconnected](t, s, nil)
}
