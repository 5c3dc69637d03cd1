package imapsvc

import (
	"context"
	"strings"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotKeysNotBehindBackground: while the server sits 3 s on the
// answer to a background fetch of sizes, the rows for the end of the list
// (G) and opening a message are answered at once, before that answer is
// released: background fetches run on their own connection.
func TestDovecotKeysNotBehindBackground(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 300, plainMessage)
	p := proxy.Start(t, srv.Addr)
	s, trace, mb := liveService(t, srv, p, LiveOptions{})
	uids, err := s.UIDs(testCtx(t), mb)
	if err != nil || len(uids.UIDs) != 300 {
		t.Fatalf("UIDs = %d, %v", len(uids.UIDs), err)
	}
	nextEvent(t, s, isIdleEvent)

	hold := p.HoldAnswer(func(l string) bool { return strings.Contains(l, "RFC822.SIZE") }, 3*time.Second)
	type answer struct {
		list DetailList
		err  error
	}
	details := make(chan answer, 1)
	go func() {
		l, err := s.Details(testCtx(t), mb, 1, uids.UIDs[:50])
		details <- answer{l, err}
	}()
	select {
	case <-hold.Started:
	case <-time.After(30 * time.Second):
		t.Fatal("the fetch of sizes never went out")
	}

	released := func(what string) {
		t.Helper()
		select {
		case <-hold.Released:
			t.Fatalf("%s was answered only after the background fetch's answer was released", what)
		default:
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	end := uids.UIDs[len(uids.UIDs)-40:]
	rows, err := s.Rows(ctx, mb, 2, end)
	if err != nil || len(rows.Rows) != 40 || rows.Rows[39].UID != end[39] {
		t.Fatalf("Rows for the end = %d rows, %v", len(rows.Rows), err)
	}
	released("G (rows for the end of the list)")
	msg, err := s.FetchMessage(ctx, mb, end[39], true)
	if err != nil || !strings.Contains(msg.Text, "body") {
		t.Fatalf("FetchMessage = %+v, %v", msg, err)
	}
	released("opening a message")

	// The background answer still arrives, complete.
	select {
	case a := <-details:
		if a.err != nil || len(a.list.Rows) != 50 || !a.list.Rows[0].HasDetails || a.list.Rows[0].Size == 0 {
			t.Fatalf("Details = %+v, %v", a.list, a.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Details never answered")
	}
	if !strings.Contains(trace.String(), "bg: ") {
		t.Fatal("the background connection left no trace")
	}
}
