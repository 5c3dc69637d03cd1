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

// silentSelectServer is a loopback IMAP server that logs anyone in and
// never answers SELECT, like a server that hangs.
func silentSelectServer(t *testing.T) (string, int) {
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
			go serveSilently(conn)
		}
	}()
	return splitHostPort(t, ln.Addr().String())
}

func serveSilently(conn net.Conn) {
	defer conn.Close()
	const caps = "IMAP4rev1 IDLE"
	conn.Write([]byte("* OK [CAPABILITY " + caps + "] ready\r\n"))
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		tag, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch verb, _, _ := strings.Cut(strings.ToUpper(rest), " "); verb {
		case "SELECT":
			// no answer, ever
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
	host, port := silentSelectServer(t)
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
	nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
	nextEvent[Reconnected](t, s, nil)
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("after reconnecting: %v", err)
	}
}
