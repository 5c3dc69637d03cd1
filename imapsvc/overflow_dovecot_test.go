package imapsvc

import (
	"slices"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/servertest"
)

// TestDovecotEventOverflow: another client flags 500 messages and expunges
// the other 2,500 of 3,000 while nobody reads the service's events,
// through a channel of 4. What the service owns: it drops nothing
// silently but folds what did not fit into a Resync carrying the
// server's count, the events stay few, and its answers afterwards are the
// server's state. That a UI applying them converges is
// ui.TestDovecotOverflowFlow, end to end. Before the backlog, the events
// past the fourth were dropped, with no Resync.
func TestDovecotEventOverflow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3000, plainMessage)
	host, port := splitHostPort(t, srv.Addr)
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice"}, Options{EventBuffer: 4})
	t.Cleanup(s.Close)
	sel := connectInbox(t, s, "secret")

	left := servertest.ThinOut(t, srv.Selected(t, "alice", "INBOX"), 3000)
	var truth []UID
	for _, u := range left {
		truth = append(truth, UID(u))
	}
	// A request makes the service take in all of it: the EXPUNGEs come
	// before UID SEARCH's OK, and UIDs applies them before it answers.
	l, err := s.UIDs(testCtx(t), sel.Mailbox)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(l.UIDs, truth) {
		t.Fatalf("UIDs answers %d UIDs, the server keeps %d", len(l.UIDs), len(truth))
	}

	// 3,500 changes came; what reaches the UI is the channel's few events
	// and the backlog folded into a Resync with the count after the last.
	var evs []Event
	timeout := time.After(30 * time.Second)
	var last Resync
	for last.Exists != 500 {
		select {
		case ev := <-s.Events():
			evs = append(evs, ev)
			if r, ok := ev.(Resync); ok {
				last = r
			}
		case <-timeout:
			t.Fatalf("no Resync with the server's count (500) in %d events; last %+v", len(evs), last)
		}
	}
	if len(evs) > 16 {
		t.Errorf("%d events reached the UI: the backlog did not fold them", len(evs))
	}
	rows, err := s.Rows(testCtx(t), sel.Mailbox, 1, truth)
	if err != nil || len(rows.Rows) != len(truth) {
		t.Fatalf("Rows answers %d rows, %v", len(rows.Rows), err)
	}
	for _, r := range rows.Rows {
		if !r.Flags.Flagged {
			t.Fatalf("UID %d is answered unflagged; the server has it flagged", r.UID)
		}
	}
}
