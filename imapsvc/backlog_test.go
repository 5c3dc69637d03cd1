package imapsvc

import (
	"log/slog"
	"math/rand/v2"
	"slices"
	"testing"
)

// folder is a server folder in a model: UIDs ascending, flagged ones.
type folder struct {
	uids    []UID
	flagged map[UID]bool
	next    UID
}

// TestBacklogConverges: random bursts of expunges, flag changes and new
// mail go through a channel of 2 that the reader empties only now and
// then; connection news is mixed in. A reader that re-reads the folder on
// Resync ends with the server's UIDs and flags, the last connection state
// and every alert up to the kept few, and the backlog stays small.
func TestBacklogConverges(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		mb := Mailbox{Name: "INBOX", UIDValidity: 1}
		srv := &folder{flagged: map[UID]bool{}, next: 1}
		for range 20 {
			srv.uids = append(srv.uids, srv.next)
			srv.next++
		}
		sel := &selected{Mailbox: mb}
		sel.seq.set(slices.Clone(srv.uids))
		s := &Service{events: make(chan Event, 2)}
		s.log = slog.New(slog.DiscardHandler)
		s.sel = sel

		view := &folder{uids: slices.Clone(srv.uids), flagged: map[UID]bool{}}
		var state ConnState
		var wantState ConnState
		exists := uint32(len(srv.uids))
		maxLen := 0
		read := func(ev Event) {
			switch e := ev.(type) {
			case Expunged:
				if i, ok := slices.BinarySearch(view.uids, e.UID); ok {
					view.uids = slices.Delete(view.uids, i, i+1)
					exists--
				}
			case Exists:
				exists = e.Count
			case FlagsChanged:
				view.flagged[e.UID] = e.Flags.Flagged
			case NewMail:
				for _, r := range e.Rows {
					if _, ok := slices.BinarySearch(view.uids, r.UID); !ok {
						view.uids = append(view.uids, r.UID)
					}
				}
				exists = max(exists, uint32(len(view.uids)))
			case Resync:
				view.uids = slices.Clone(srv.uids)
				clear(view.flagged)
				for u, f := range srv.flagged {
					view.flagged[u] = f
				}
				exists = e.Exists
			case StateChanged:
				state = e.State
			}
		}
		for range 300 {
			switch op := rng.IntN(10); {
			case op < 4 && len(srv.uids) > 0: // expunge
				i := rng.IntN(len(srv.uids))
				uid := srv.uids[i]
				srv.uids = slices.Delete(srv.uids, i, i+1)
				delete(srv.flagged, uid)
				sel.seq.expunge(uint32(i + 1))
				s.emit(Expunged{Mailbox: mb, UID: uid})
			case op < 7 && len(srv.uids) > 0: // flag
				uid := srv.uids[rng.IntN(len(srv.uids))]
				srv.flagged[uid] = !srv.flagged[uid]
				s.emit(FlagsChanged{Mailbox: mb, UID: uid, Flags: Flags{Flagged: srv.flagged[uid]}})
			case op < 9: // new mail
				uid := srv.next
				srv.next++
				srv.uids = append(srv.uids, uid)
				sel.seq.grow(uint32(len(srv.uids)))
				sel.seq.learn(uint32(len(srv.uids)), uid)
				s.emit(Exists{Mailbox: mb, Count: sel.seq.len()})
				s.emit(NewMail{Mailbox: mb, Rows: []Row{{UID: uid}}})
			default:
				wantState = ConnState(rng.IntN(5))
				s.emit(StateChanged{State: wantState})
			}
			maxLen = max(maxLen, len(s.backlog.evs))
			if rng.IntN(8) == 0 { // the reader wakes up and takes a few
				for range rng.IntN(4) {
					select {
					case ev := <-s.events:
						read(ev)
					default:
					}
				}
				s.flush()
			}
		}
		// The reader catches up; the run loop hands over the backlog.
		for {
			s.flush()
			select {
			case ev := <-s.events:
				read(ev)
				continue
			default:
			}
			if s.backlog.empty() {
				break
			}
		}
		for u, f := range view.flagged {
			if !f {
				delete(view.flagged, u)
			}
		}
		for u, f := range srv.flagged {
			if !f {
				delete(srv.flagged, u)
			}
		}
		if !slices.Equal(view.uids, srv.uids) {
			t.Fatalf("seed %d: view %v\nserver %v", seed, view.uids, srv.uids)
		}
		for u := range srv.flagged {
			if !view.flagged[u] {
				t.Fatalf("seed %d: UID %d flagged on the server, not in the view", seed, u)
			}
		}
		for u := range view.flagged {
			if !srv.flagged[u] {
				t.Fatalf("seed %d: UID %d flagged in the view, not on the server", seed, u)
			}
		}
		if state != wantState {
			t.Fatalf("seed %d: state %v, want %v", seed, state, wantState)
		}
		if exists != uint32(len(srv.uids)) {
			t.Fatalf("seed %d: the view counts %d, the server holds %d", seed, exists, len(srv.uids))
		}
		if maxLen > compactAt {
			t.Fatalf("seed %d: backlog grew to %d events", seed, maxLen)
		}
	}
}

// TestBacklogCompact: a flapping connection leaves its latest news and at
// most a few alerts, and NewMail that became neighbours merge.
func TestBacklogCompact(t *testing.T) {
	mb := Mailbox{Name: "INBOX", UIDValidity: 1}
	var b backlog
	for i := range 100 {
		b.add(StateChanged{State: StateDisconnected}, nil)
		b.add(Reconnecting{Attempt: i + 1}, nil)
		b.add(ServerAlert{Text: "bye"}, nil)
		b.add(NewMail{Mailbox: mb, Rows: []Row{{UID: UID(i + 1)}}}, nil)
		b.add(StateChanged{State: StateAuthenticated}, nil)
		b.add(Reconnected{}, nil)
	}
	if len(b.evs) > compactAt {
		t.Fatalf("backlog holds %d events", len(b.evs))
	}
	var rows, reconnected int
	var lastAttempt int
	for _, ev := range b.evs {
		switch e := ev.(type) {
		case NewMail:
			rows += len(e.Rows)
		case Reconnected:
			reconnected++
		case Reconnecting:
			lastAttempt = e.Attempt
		}
	}
	if rows != 100 || reconnected == 0 || lastAttempt != 100 {
		t.Fatalf("after compaction: %d rows (want 100), %d Reconnected, last attempt %d", rows, reconnected, lastAttempt)
	}
	if last, ok := b.evs[len(b.evs)-1].(Reconnected); !ok {
		t.Fatalf("last event %#v, want Reconnected", last)
	}
}
