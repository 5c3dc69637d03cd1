package imapsvc

import (
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
)

// follower applies events to a folder view as the UI does, re-reading the
// folder on Resync.
type follower struct {
	t       *testing.T
	s       *Service
	mb      Mailbox
	uids    []UID
	flagged map[UID]bool
	exists  uint32
	resyncs int
	counted uint32 // Exists of the last Resync
}

func (f *follower) apply(ev Event) {
	switch e := ev.(type) {
	case Expunged:
		if i, ok := slices.BinarySearch(f.uids, e.UID); ok {
			f.uids = slices.Delete(f.uids, i, i+1)
			f.exists--
		}
	case Exists:
		f.exists = e.Count
	case FlagsChanged:
		f.flagged[e.UID] = e.Flags.Flagged
	case NewMail:
		for _, r := range e.Rows {
			if _, ok := slices.BinarySearch(f.uids, r.UID); !ok {
				f.uids = append(f.uids, r.UID)
				slices.Sort(f.uids)
			}
		}
	case Resync:
		f.resyncs++
		f.exists, f.counted = e.Exists, e.Exists
		l, err := f.s.UIDs(testCtx(f.t), f.mb)
		if err != nil {
			f.t.Fatal(err)
		}
		f.uids = l.UIDs
		f.exists = uint32(len(f.uids)) // as the UI does on a UID list
		rows, err := f.s.Rows(testCtx(f.t), f.mb, 1, f.uids)
		if err != nil {
			f.t.Fatal(err)
		}
		for _, r := range rows.Rows {
			f.flagged[r.UID] = r.Flags.Flagged
		}
	}
}

func (f *follower) flaggedUIDs() []UID {
	var out []UID
	for _, u := range f.uids {
		if f.flagged[u] {
			out = append(out, u)
		}
	}
	return out
}

// TestDovecotEventOverflow: another client flags 500 messages and expunges
// 2,500 of 3,000 while tern's UI reads no events, through a channel of 4.
// Nothing may be lost: once the events are read, the view equals the
// server's UIDs, flags and count. Before the backlog, the events past the
// fourth were dropped and the view kept 2,996 rows.
func TestDovecotEventOverflow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3000, plainMessage)
	host, port := splitHostPort(t, srv.Addr)
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice"}, Options{EventBuffer: 4})
	t.Cleanup(s.Close)
	sel := connectInbox(t, s, "secret")
	l, err := s.UIDs(testCtx(t), sel.Mailbox)
	if err != nil {
		t.Fatal(err)
	}
	f := &follower{t: t, s: s, mb: sel.Mailbox, uids: l.UIDs, flagged: map[UID]bool{}, exists: sel.Exists}

	other := srv.Selected(t, "alice", "INBOX")
	var keep, drop imap.UIDSet
	for u := imap.UID(1); u <= 3000; u++ {
		if u%6 == 0 {
			keep.AddNum(u)
		} else {
			drop.AddNum(u)
		}
	}
	for _, step := range []struct {
		set  imap.UIDSet
		flag imap.Flag
	}{{keep, imap.FlagFlagged}, {drop, imap.FlagDeleted}} {
		if err := other.Store(step.set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
			Flags: []imap.Flag{step.flag}}, nil).Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	// A request makes the service take in all of it: the EXPUNGEs come
	// before UID SEARCH's OK, and UIDs applies them before it answers.
	if _, err := s.UIDs(testCtx(t), sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	data, err := other.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	var truth []UID
	for _, u := range data.AllUIDs() {
		truth = append(truth, UID(u))
	}
	if len(truth) != 500 {
		t.Fatalf("server keeps %d messages, want 500", len(truth))
	}

	timeout := time.After(30 * time.Second)
	for !slices.Equal(f.uids, truth) || f.exists != 500 || !slices.Equal(f.flaggedUIDs(), truth) {
		select {
		case ev := <-s.Events():
			f.apply(ev)
		case <-timeout:
			t.Fatalf("the view did not converge: %d UIDs (server 500), exists %d, %d flagged, %d resyncs",
				len(f.uids), f.exists, len(f.flaggedUIDs()), f.resyncs)
		}
	}
	if f.resyncs == 0 {
		t.Fatal("converged without a Resync: the channel never overflowed, so the test proved nothing")
	}
	if f.counted != 500 {
		t.Errorf("the last Resync counted %d messages, want 500", f.counted)
	}
}
