package imapsvc

import (
	"strings"
	"sync"
	"testing"
	"time"

	"tern/internal/hostile"
)

// TestMoveGateHoldsCapability: a CAPABILITY without MOVE that the server
// sends between tern's MOVE check and imapclient.Move's own is not read
// until Move has written its command, so Move sends UID MOVE, never its
// unsafe fallback (COPY, STORE, plain EXPUNGE).
func TestMoveGateHoldsCapability(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := hostile.Start(t, hostile.Options{Exists: 3, Caps: "IMAP4rev1 IDLE AUTH=PLAIN MOVE UIDPLUS",
		Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
			if cmd != "UID" {
				return false
			}
			mu.Lock()
			got = append(got, strings.Fields(args)[0])
			mu.Unlock()
			if strings.HasPrefix(strings.ToUpper(args), "SEARCH") {
				return false
			}
			c.Send(tag + " OK done")
			return true
		}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	conn := srv.Next(t)
	sel, err := s.Select(testCtx(t), "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{}, 1)
	s.lc.mu.Lock()
	s.lc.gated = func() {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}
	s.lc.mu.Unlock()
	s.testBeforeMove = func() {
		conn.Send("* CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN")
		select {
		case <-waiting: // read from the socket, held back from go-imap
		case <-time.After(10 * time.Second):
			t.Error("the CAPABILITY was not held back from go-imap")
		}
	}
	if _, err := s.Move(testCtx(t), sel.Mailbox, []UID{1, 2}, "Elsewhere"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, c := range got {
		if strings.EqualFold(c, "COPY") || strings.EqualFold(c, "STORE") {
			t.Fatalf("go-imap fell back: %v", got)
		}
	}
	if !strings.Contains(strings.ToUpper(strings.Join(got, " ")), "MOVE") {
		t.Fatalf("commands sent: %v, want UID MOVE", got)
	}
	if s.has("MOVE") {
		t.Fatal("the CAPABILITY without MOVE was never read after the move")
	}
}
