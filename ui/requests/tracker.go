// Package requests keeps track of tern's backend calls: every call gets
// an ID that says what kind of call it is; the answer hands the ID back,
// and the tracker says whether the answer is still wanted. What is in
// flight is the one source of the busy indicator, so there are no
// counters to balance by hand.
//
// A kind is either independent (every call's answer is used: a STORE, a
// panel) or latest-wins (StartLatest: only the newest call's answer is
// used, as for SELECT or opening a message, where a newer request makes
// the older answer stale).
package requests

import "slices"

// Kind says what a call is for; the caller defines its kinds.
type Kind int

// ID names one call. The zero ID names none.
type ID struct {
	n      uint64
	kind   Kind
	latest bool
}

// Kind is the kind of call the ID names.
func (id ID) Kind() Kind { return id.kind }

// Num is the ID as a number, unique among the calls of one tracker.
func (id ID) Num() uint64 { return id.n }

// Tracker knows the calls in flight. The zero value is ready to use.
type Tracker struct {
	last     uint64
	inFlight map[uint64]Kind
	newest   map[Kind]uint64 // latest-wins kinds: the call whose answer counts
}

// Start begins an independent call of kind k.
func (t *Tracker) Start(k Kind) ID {
	return t.start(k, false)
}

// StartLatest begins a call of kind k that supersedes the earlier calls of
// that kind: their answers are stale now and they no longer count as in
// flight.
func (t *Tracker) StartLatest(k Kind) ID {
	t.Drop(k)
	return t.start(k, true)
}

func (t *Tracker) start(k Kind, latest bool) ID {
	if t.inFlight == nil {
		t.inFlight, t.newest = map[uint64]Kind{}, map[Kind]uint64{}
	}
	t.last++
	t.inFlight[t.last] = k
	if latest {
		t.newest[k] = t.last
	}
	return ID{n: t.last, kind: k, latest: latest}
}

// Finish takes the answer to id: the call is no longer in flight. It
// reports whether the answer is to be used: always for an independent
// call, for a latest-wins call only while no newer call of its kind was
// started and the kind was not dropped. Finishing twice is harmless.
func (t *Tracker) Finish(id ID) bool {
	delete(t.inFlight, id.n)
	return t.Current(id)
}

// Current reports, without finishing it, whether id's answer would be
// used.
func (t *Tracker) Current(id ID) bool {
	if id.n == 0 {
		return false
	}
	return !id.latest || t.newest[id.kind] == id.n
}

// Newest is the latest-wins call of kind k whose answer counts, or the
// zero ID when there is none.
func (t *Tracker) Newest(k Kind) ID {
	n, ok := t.newest[k]
	if !ok {
		return ID{}
	}
	return ID{n: n, kind: k, latest: true}
}

// Drop forgets the calls of kind k: nobody waits for them any more, and
// the answers of latest-wins ones are stale.
func (t *Tracker) Drop(k Kind) {
	for n, kind := range t.inFlight {
		if kind == k {
			delete(t.inFlight, n)
		}
	}
	delete(t.newest, k)
}

// Reset forgets what is in flight (the connection is gone, so no answer
// is coming but an error) without making any answer stale.
func (t *Tracker) Reset() {
	clear(t.inFlight)
}

// Last is the newest ID's number; calls started later have larger ones.
func (t *Tracker) Last() uint64 { return t.last }

// Busy reports whether any call is in flight.
func (t *Tracker) Busy() bool { return len(t.inFlight) > 0 }

// InFlight counts the calls of kind k in flight.
func (t *Tracker) InFlight(k Kind) int {
	n := 0
	for _, kind := range t.inFlight {
		if kind == k {
			n++
		}
	}
	return n
}

// Kinds lists the kinds in flight, each once, in ascending order.
func (t *Tracker) Kinds() []Kind {
	var ks []Kind
	for _, k := range t.inFlight {
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}
