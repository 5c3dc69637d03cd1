package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/servertest"
)

// gatedEvents hands the service's events to the UI, except while held:
// then the UI reads nothing, as when it is busy for a long time.
type gatedEvents struct {
	imapsvc.Backend
	out   chan imapsvc.Event
	pause chan chan struct{}
}

func gateEvents(t *testing.T, b imapsvc.Backend) *gatedEvents {
	g := &gatedEvents{Backend: b, out: make(chan imapsvc.Event), pause: make(chan chan struct{})}
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		for {
			select {
			case release := <-g.pause:
				select {
				case <-release:
				case <-done:
					return
				}
			case ev := <-b.Events():
				select {
				case g.out <- ev:
				case <-done:
					return
				}
			case <-done:
				return
			}
		}
	}()
	return g
}

func (g *gatedEvents) Events() <-chan imapsvc.Event { return g.out }

// hold stops the events until the returned function is called.
func (g *gatedEvents) hold() func() {
	release := make(chan struct{})
	g.pause <- release
	return func() { close(release) }
}

// TestDovecotOverflowFlow: while the UI reads no events, another client
// flags 500 messages and expunges the other 2,500 of 3,000; the service's
// channel holds 4. When the UI reads again, the list equals the server's
// UIDs, the counts are right and no row reads "unavailable". Before the
// backlog the screen stayed at 2996 exists.
func TestDovecotOverflowFlow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3000, byUID)
	host, port := splitTestAddr(t, srv.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{EventBuffer: 4})
	t.Cleanup(svc.Close)
	g := gateEvents(t, svc)
	opts := testOptions()
	opts.Account = "dove"
	tm := runFlow(t, g, opts)
	waitScreen(t, tm, "Plain message 3000", "3000 exists", "idle")

	release := g.hold()
	other := srv.Selected(t, "alice", "INBOX")
	servertest.ThinOut(t, other, 3000)
	st, err := other.Status("INBOX", &imap.StatusOptions{UIDValidity: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	// A request makes the service take in every EXPUNGE (they come before
	// UID SEARCH's OK) while the UI still reads nothing.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := svc.UIDs(ctx, imapsvc.Mailbox{Name: "INBOX", UIDValidity: st.UIDValidity}); err != nil {
		t.Fatal(err)
	}
	release()

	waitScreen(t, tm, "500 exists", "500 unseen")
	l := finalList(t, tm)
	want := serverUIDs(t, other)
	if !slices.Equal(l.uids, want) {
		t.Fatalf("list has %d UIDs, server %d", len(l.uids), len(want))
	}
	for u, r := range l.rows {
		if _, ok := slices.BinarySearch(want, u); ok && !l.stale[u] && !r.Flags.Flagged {
			t.Errorf("UID %d shown unflagged; the server has it flagged", u)
		}
	}
	if out := l.view(); strings.Contains(out, "unavailable") {
		t.Fatalf("ghost rows:\n%s", out)
	}
}
