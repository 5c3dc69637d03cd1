package imapsvc

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

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

// TestDovecotNewMailBurst: thousands of messages arriving at once (another
// client copies them in) are not fetched as new mail on the main
// connection, where keys would wait behind them: a Resync makes the UI
// read the UID list and fetch only what it shows.
func TestDovecotNewMailBurst(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	srv.SeedMaildir(t, "alice", "Archive", maxNewRows+100, plainMessage)
	s, trace, mb := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	nextEvent(t, s, isIdleEvent)

	other := srv.Selected(t, "alice", "Archive")
	if _, err := other.Copy(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, "INBOX").Wait(); err != nil {
		t.Fatal(err)
	}
	r := nextEvent(t, s, func(r Resync) bool { return r.Mailbox == mb })
	if r.Exists != maxNewRows+103 {
		t.Fatalf("Resync = %+v, want %d messages", r, maxNewRows+103)
	}
	if strings.Contains(trace.String(), "UID FETCH 4:*") {
		t.Fatal("the burst was fetched as new mail")
	}
	l, err := s.UIDs(testCtx(t), mb)
	if err != nil || len(l.UIDs) != maxNewRows+103 {
		t.Fatalf("UIDs after the burst: %d, %v", len(l.UIDs), err)
	}
	// Mail after the burst is new mail again.
	srv.Append(t, "alice", "INBOX", plainMessage(9999))
	nm := nextEvent[NewMail](t, s, nil)
	if len(nm.Rows) != 1 || nm.Rows[0].Subject != "message 9999" {
		t.Fatalf("NewMail after the burst = %+v", nm.Rows)
	}
}
