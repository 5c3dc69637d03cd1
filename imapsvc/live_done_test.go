package imapsvc

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotNewMailOneRoundTrip: the UID FETCH of new mail goes out right
// behind DONE, before the server's answer to DONE (held here 1 s by the
// proxy) reaches tern: ending IDLE costs no round trip of its own.
func TestDovecotNewMailOneRoundTrip(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	p := proxy.Start(t, srv.Addr)
	s, _, _ := liveService(t, srv, p, LiveOptions{})
	nextEvent(t, s, isIdleEvent)

	hold := p.HoldAnswer(func(l string) bool { return l == "DONE\r\n" }, time.Second)
	var early, late atomic.Int32
	p.InjectAfter(func(dir proxy.Direction, l string) bool {
		if dir == proxy.ToServer && strings.Contains(l, "UID FETCH 4:*") {
			select {
			case <-hold.Released:
				late.Add(1)
			default:
				early.Add(1)
			}
		}
		return false
	})
	srv.Append(t, "alice", "INBOX", plainMessage(4))
	nm := nextEvent[NewMail](t, s, nil)
	if len(nm.Rows) != 1 || nm.Rows[0].UID != 4 {
		t.Fatalf("NewMail = %+v", nm)
	}
	if early.Load() != 1 || late.Load() != 0 {
		t.Fatalf("UID FETCH sent before DONE was answered: %d, after: %d; want it right behind DONE", early.Load(), late.Load())
	}
}

// TestDovecotDoneUnanswered: a server that never answers DONE is treated
// as gone, and the request sent behind DONE ends with the connection.
func TestDovecotDoneUnanswered(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	p := proxy.Start(t, srv.Addr)
	s, _, mb := liveService(t, srv, p, LiveOptions{})
	nextEvent(t, s, isIdleEvent)
	p.SilenceWhen(func(dir proxy.Direction, l string) bool { return dir == proxy.ToServer && l == "DONE\r\n" })
	answered := make(chan error, 1)
	go func() {
		_, err := s.Rows(testCtx(t), mb, 1, []UID{1})
		answered <- err
	}()
	lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected })
	if lost.Err == nil || !strings.Contains(lost.Err.Error(), "did not answer DONE") {
		t.Fatalf("lost: %v", lost.Err)
	}
	if err := <-answered; err == nil {
		t.Fatal("Rows succeeded on a connection whose server never answered DONE")
	}
}
