package imapsvc

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// nextEvent returns the first event that matches, failing after a generous
// timeout.
func nextEvent[E Event](t testing.TB, s *Service, match func(E) bool) E {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-s.Events():
			if e, ok := ev.(E); ok && (match == nil || match(e)) {
				return e
			}
		case <-timeout:
			var zero E
			t.Fatalf("timed out waiting for %T", zero)
			return zero
		}
	}
}

func isIdleEvent(e StateChanged) bool { return e.State == StateIdle }

// liveService connects through a proxy (plaintext, so the proxy can read
// lines) and selects INBOX with its UID map loaded.
func liveService(t *testing.T, srv *dovetest.Server, p *proxy.Proxy, live LiveOptions) (*Service, *syncBuffer, Mailbox) {
	t.Helper()
	host, port := splitHostPort(t, p.Addr)
	s, trace := tracedService(t, Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice"},
		Options{Live: live})
	sel := connectInbox(t, s, "secret")
	if _, err := s.UIDs(testCtx(t), sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	return s, trace, sel.Mailbox
}

// TestDovecotNewMail: another client's APPEND arrives as a NewMail event
// carrying the row, fetched by UID, without any request.
func TestDovecotNewMail(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	s, trace, mb := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	nextEvent(t, s, isIdleEvent)

	srv.Append(t, "alice", "INBOX", plainMessage(4))
	nm := nextEvent[NewMail](t, s, nil)
	if nm.Mailbox != mb || len(nm.Rows) != 1 || nm.Rows[0].Subject != "message 4" || nm.Rows[0].UID != 4 {
		t.Fatalf("NewMail = %+v", nm)
	}
	if !strings.Contains(trace.String(), "UID FETCH 4:*") {
		t.Fatal("new mail was not fetched by UID range")
	}
	// Two more at once: both rows, once each.
	srv.Append(t, "alice", "INBOX", plainMessage(5))
	srv.Append(t, "alice", "INBOX", plainMessage(6))
	var got []UID
	for len(got) < 2 {
		nm := nextEvent[NewMail](t, s, nil)
		for _, r := range nm.Rows {
			got = append(got, r.UID)
		}
	}
	if !slices.Equal(got, []UID{5, 6}) {
		t.Fatalf("new UIDs = %v, want [5 6]", got)
	}
}

// TestDovecotIdleRefresh: with a short idle_refresh IDLE is restarted
// (DONE, IDLE) on a timer and new mail still arrives.
func TestDovecotIdleRefresh(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	s, trace, _ := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{IdleRefresh: 50 * time.Millisecond})
	for range 4 {
		nextEvent(t, s, isIdleEvent)
	}
	if n := strings.Count(trace.String(), " IDLE\n"); n < 4 {
		t.Fatalf("IDLE sent %d times, want at least 4", n)
	}
	srv.Append(t, "alice", "INBOX", plainMessage(1))
	nextEvent(t, s, func(nm NewMail) bool { return nm.Rows[0].Subject == "message 1" })
}

// TestDovecotPollWithoutIdle: a server that does not advertise IDLE is
// polled with NOOP at poll_interval, and new mail arrives that way.
func TestDovecotPollWithoutIdle(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("IDLE")
	s, trace, _ := liveService(t, srv, p, LiveOptions{PollInterval: 50 * time.Millisecond})
	srv.Append(t, "alice", "INBOX", plainMessage(1))
	nextEvent(t, s, func(nm NewMail) bool { return nm.Rows[0].Subject == "message 1" })
	tr := trace.String()
	if !strings.Contains(tr, " NOOP") || strings.Contains(tr, " IDLE\n") {
		t.Fatalf("want NOOP polls and no IDLE; trace:\n%s", tr)
	}
}

// TestDovecotReconnect: a restart mid-IDLE, a cut connection and a server
// that refuses connections for a while all end in a new login, announced
// with the time of each try; the folder can be selected again.
func TestDovecotReconnect(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 2, plainMessage)
	p := proxy.Start(t, srv.Addr)
	s, trace, mb := liveService(t, srv, p, LiveOptions{Rand: func() float64 { return 0 }})
	nextEvent(t, s, isIdleEvent)

	srv.Restart(t)
	lost := nextEvent[StateChanged](t, s, func(e StateChanged) bool { return e.State == StateDisconnected })
	if lost.Err == nil || !strings.Contains(lost.Err.Error(), "the server said goodbye: ") {
		t.Fatalf("a lost connection must say why, with the server's BYE: %v", lost.Err)
	}
	r := nextEvent[Reconnecting](t, s, nil)
	if r.Attempt != 1 || r.At.IsZero() {
		t.Fatalf("Reconnecting = %+v", r)
	}
	nextEvent[Reconnected](t, s, nil)
	// Flagged elsewhere while tern was away: CONDSTORE tells.
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(2), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(testCtx(t), "INBOX", false, 10)
	if err != nil || sel.Mailbox != mb || sel.Exists != 2 {
		t.Fatalf("select after restart: %+v, %v", sel, err)
	}
	if !sel.FlagsCurrent || len(sel.Changed) != 1 || sel.Changed[0].UID != 2 || !sel.Changed[0].Flags.Flagged {
		t.Fatalf("changes while away: current %v, %+v", sel.FlagsCurrent, sel.Changed)
	}
	if !strings.Contains(trace.String(), "CHANGEDSINCE") {
		t.Fatal("flag changes were not asked with CHANGEDSINCE")
	}

	// Cut, and refuse the first try: the second try (later) logs in.
	nextEvent(t, s, isIdleEvent)
	p.Refuse(true)
	p.CutAll()
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
	r2 := nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 2 })
	if r2.Err == nil {
		t.Fatal("a failed try must say why")
	}
	// Meanwhile a request is refused at once, not queued or lost.
	if _, err := s.UIDs(testCtx(t), mb); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("request while disconnected: %v, want ErrNotConnected", err)
	}
	p.Refuse(false)
	nextEvent[Reconnected](t, s, nil)
	if strings.Contains(trace.String(), "secret") {
		t.Fatal("the trace shows the password")
	}
}

// TestBackoff: doubling from 1 s, capped, with jitter in [d/2, d).
func TestBackoff(t *testing.T) {
	low, high := func() float64 { return 0 }, func() float64 { return 0.999999 }
	for _, tc := range []struct {
		attempt  int
		max      time.Duration
		min, top time.Duration
	}{
		{1, time.Minute, 500 * time.Millisecond, time.Second},
		{2, time.Minute, time.Second, 2 * time.Second},
		{5, time.Minute, 8 * time.Second, 16 * time.Second},
		{7, time.Minute, 30 * time.Second, time.Minute}, // 64 s capped
		{40, time.Minute, 30 * time.Second, time.Minute},
		{3, 3 * time.Second, 1500 * time.Millisecond, 3 * time.Second},
	} {
		lo, hi := Backoff(tc.attempt, tc.max, low), Backoff(tc.attempt, tc.max, high)
		if lo != tc.min || hi >= tc.top || hi < tc.top-time.Millisecond {
			t.Errorf("Backoff(%d, %v) spans [%v, %v], want [%v, %v)", tc.attempt, tc.max, lo, hi, tc.min, tc.top)
		}
	}
}
