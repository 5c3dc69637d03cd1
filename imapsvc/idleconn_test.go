package imapsvc

import (
	"testing"
	"time"
)

// TestIdleConnLifecycle: the holder shuts a connection once, only the one
// it holds, when idle, on reset and on close, and one that logged in after
// Close at once.
func TestIdleConnLifecycle(t *testing.T) {
	type conn struct{ n int }
	shut := make(chan *conn, 8)
	h := newIdleConn(time.Millisecond, func(c *conn) { shut <- c })
	a, b := &conn{1}, &conn{2}

	if !h.keep(a) {
		t.Fatal("keep refused before Close")
	}
	h.drop(b) // not held: left alone
	h.arm(a)
	select {
	case c := <-shut:
		if c != a {
			t.Fatalf("idle shut %v, want the held one", c.n)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("an idle connection was never shut")
	}
	if c, _, _ := h.take(); c != nil {
		t.Fatal("the shut connection is still held")
	}
	h.drop(a) // already gone: not shut twice

	h.keep(b)
	h.setBox(b, Mailbox{Name: "INBOX", UIDValidity: 7})
	if got := h.folder(); got.Name != "INBOX" {
		t.Fatalf("folder %q", got.Name)
	}
	h.close()
	if c := <-shut; c != b {
		t.Fatalf("close shut %v, want the held one", c.n)
	}
	if _, closed, _ := h.take(); !closed {
		t.Fatal("not closed after close")
	}
	if h.keep(a) {
		t.Fatal("keep after Close held the connection")
	}
	if c := <-shut; c != a {
		t.Fatal("a connection logged in after Close was not shut")
	}
	if len(shut) != 0 {
		t.Fatalf("%d more shuts than connections", len(shut))
	}
}
