package cache

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"tern/imapsvc"
	"tern/internal/alloctest"
)

// randomUIDs is an ascending list of runs and lone UIDs, as a folder
// that lost some mail has.
func randomUIDs(r *rand.Rand, n int) []imapsvc.UID {
	var out []imapsvc.UID
	u := imapsvc.UID(1 + r.IntN(3))
	for len(out) < n {
		run := 1 + r.IntN(20)
		if r.IntN(3) == 0 {
			run = 1
		}
		for range run {
			out = append(out, u)
			u++
		}
		u += imapsvc.UID(1 + r.IntN(5))
	}
	return out
}

func TestUIDListRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := [][]imapsvc.UID{
		nil, {1}, {7}, {1, 2, 3}, {1, 3, 5}, {2, 3, 4, 10, 11, 4000000000},
		{math.MaxUint32}, {math.MaxUint32 - 1, math.MaxUint32}, {1, math.MaxUint32},
	}
	for range 50 {
		cases = append(cases, randomUIDs(r, r.IntN(500)))
	}
	for _, uids := range cases {
		p := PackUIDs(uids)
		got, err := decodeUIDs(p)
		if err != nil || !slices.Equal(got, uids) {
			t.Fatalf("%v: got %v, %v", uids, got, err)
		}
		runs, err := decodeRuns(p)
		if err != nil || !slices.Equal(uidsOf(runs), uids) || !slices.Equal(packRuns(runs), []byte(p)) {
			t.Fatalf("%v: runs %v, %v", uids, runs, err)
		}
	}
	// Unsorted and repeated UIDs are stored sorted, once each.
	if got, _ := decodeUIDs(PackUIDs([]imapsvc.UID{5, 3, 4, 3, 9})); !slices.Equal(got, []imapsvc.UID{3, 4, 5, 9}) {
		t.Fatalf("unsorted: %v", got)
	}
	// A run is a few bytes however long: version, count, run, checksum.
	dense := make([]imapsvc.UID, 1_000_000)
	for i := range dense {
		dense[i] = imapsvc.UID(i + 1)
	}
	if n := len(PackUIDs(dense)); n > 16 {
		t.Fatalf("a run of 1,000,000 UIDs packs to %d bytes", n)
	}
	// A sparse list's record is sized before it is written: one
	// allocation of its size, not five times that grown by appending.
	sparse := randomUIDs(r, 100_000)
	var p PackedUIDs
	if got := alloctest.Bytes(func() { p = PackUIDs(sparse) }); got > uint64(len(p))*5/4+1024 { // the size class rounds up
		t.Fatalf("packing a record of %d bytes allocated %d", len(p), got)
	}
	if cap(p) != len(p) {
		t.Fatalf("record of %d bytes in a buffer of %d", len(p), cap(p))
	}
}

// TestUIDListSetOperations checks minus and union (Remove, AddUIDs and
// SetUIDs' gone UIDs) against the same done on plain lists.
func TestUIDListSetOperations(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		a := randomUIDs(r, r.IntN(200))
		var b []imapsvc.UID
		for _, u := range a {
			if r.IntN(4) == 0 {
				b = append(b, u)
			}
		}
		b = append(b, randomUIDs(r, r.IntN(50))...) // some a lacks
		b = slices.Compact(slices.Sorted(slices.Values(b)))

		var want []imapsvc.UID
		for _, u := range a {
			if _, found := slices.BinarySearch(b, u); !found {
				want = append(want, u)
			}
		}
		got := minus(runsOf(a), runsOf(b))
		if !slices.Equal(uidsOf(got), want) || !slices.Equal(got, runsOf(want)) {
			t.Fatalf("minus\n a %v\n b %v\n got %v\nwant %v", a, b, uidsOf(got), want)
		}
		all := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		if u := union(runsOf(a), runsOf(b)); !slices.Equal(u, runsOf(all)) {
			t.Fatalf("union\n a %v\n b %v\n got %v", a, b, uidsOf(u))
		}
		for _, u := range append(slices.Clone(a), b...) {
			_, in := slices.BinarySearch(a, u)
			if holds(runsOf(a), u) != in {
				t.Fatalf("holds(%v, %d) != %v", a, u, in)
			}
		}
	}
}

// TestUIDListDamage: a stored list that is not what the encoder writes
// is damage, never a wrong list, and a damaged count allocates nothing.
func TestUIDListDamage(t *testing.T) {
	raw := func(f func(e *enc)) []byte {
		e := newEnc()
		f(e)
		return e.done()
	}
	cases := map[string][]byte{
		"count above the runs":  raw(func(e *enc) { e.uint(5); run(e, 0, 1, 3) }),
		"count below the runs":  raw(func(e *enc) { e.uint(2); run(e, 0, 1, 3) }),
		"UID 0":                 raw(func(e *enc) { e.uint(1); e.uint(0) }),
		"runs touching":         raw(func(e *enc) { e.uint(4); run(e, 0, 1, 2); run(e, 2, 3, 4) }),
		"past 2^32-1":           raw(func(e *enc) { e.uint(2); run(e, 0, math.MaxUint32, math.MaxUint32); e.uint(4) }),
		"run past 2^32-1":       raw(func(e *enc) { e.uint(3); e.uint(uint64(math.MaxUint32-1)<<1 | 1); e.uint(1) }),
		"huge claimed count":    raw(func(e *enc) { e.uint(1 << 40) }),
		"more wraps to zero":    raw(func(e *enc) { e.uint(1); e.uint(3); e.uint(math.MaxUint64) }),
		"truncated run":         raw(func(e *enc) { e.uint(3); e.uint(3) }),
		"another version":       append([]byte{2}, PackUIDs([]imapsvc.UID{1, 2})[1:]...),
		"empty":                 {},
		"checksum wrong":        append(PackUIDs([]imapsvc.UID{1, 2, 3})[:1], 1, 2, 0, 0, 0, 0),
		"a byte flipped by bit": flip(PackUIDs([]imapsvc.UID{1, 2, 3, 9}), 2),
	}
	for name, v := range cases {
		if got, err := decodeUIDs(v); err == nil {
			t.Errorf("%s: decoded to %v", name, got)
		}
		if _, err := decodeRuns(v); err == nil {
			t.Errorf("%s: runs decoded", name)
		}
	}
	if a := testing.AllocsPerRun(10, func() { _, _ = decodeUIDs(cases["huge claimed count"]) }); a > 2 {
		t.Fatalf("a damaged count made %v allocations", a)
	}
}

func flip(v []byte, i int) []byte {
	v = slices.Clone(v)
	v[i] ^= 1
	return v
}

func TestBatchesNewestFirst(t *testing.T) {
	uids := randomUIDs(rand.New(rand.NewPCG(5, 6)), 1234)[:1234]
	var got [][]imapsvc.UID
	if err := PackUIDs(uids).Batches(100, func(b []imapsvc.UID) bool { got = append(got, b); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 13 || len(got[12]) != 34 {
		t.Fatalf("%d batches, the last of %d", len(got), len(got[len(got)-1]))
	}
	for i, b := range got {
		if hi := len(uids) - 100*i; !slices.Equal(b, uids[max(0, hi-100):hi]) {
			t.Fatalf("batch %d: %v", i, b)
		}
	}
	calls := 0
	_ = PackUIDs(uids).Batches(100, func([]imapsvc.UID) bool { calls++; return false })
	if calls != 1 {
		t.Fatalf("%d calls after the first said stop", calls)
	}
}

// TestSetUIDsAllocatesLittle: storing a folder's list again (every
// launch) costs the heap next to nothing per UID. Before the lists were
// runs, 200,000 UIDs took a megabyte of encoding grown by appending and
// bbolt's pages for it at commit.
func TestSetUIDsAllocatesLittle(t *testing.T) {
	const n = 200_000
	s := open(t, filepath.Join(t.TempDir(), "c.db"))
	uids := fill(t, s, inbox, n)
	uids = slices.Delete(uids, 1000, 1010) // a hole: UIDs 1001 to 1010 go
	if err := s.SetUIDs(inbox, uids); err != nil {
		t.Fatal(err)
	}
	var err error
	if got := alloctest.Bytes(func() { err = s.SetUIDs(inbox, uids) }); err != nil || got > 64<<10 {
		t.Fatalf("storing a %d-UID list again allocated %d bytes (%v)", n, got, err)
	}
	if got, err := s.UIDs(inbox); err != nil || !slices.Equal(got, uids) {
		t.Fatalf("stored %d UIDs, %v", len(got), err)
	}
	if rows, _ := s.Rows(inbox, []imapsvc.UID{1001, 1010, 1011}); len(rows) != 1 || rows[0].UID != 1011 {
		t.Fatalf("rows of the hole: %v", rows)
	}
}

// TestOlderUIDListRebuiltNotMisread: a file of the form before runs
// (record version 2, one gap per UID) is rebuilt, its list never read as
// runs.
func TestOlderUIDListRebuiltNotMisread(t *testing.T) {
	v2 := func(f func(e *enc)) []byte {
		e := newEnc()
		e.b[0] = 2
		f(e)
		return e.done()
	}
	// UIDs 4 and 8 as gaps; read as runs, the same bytes say 2 and 4.
	oldList := v2(func(e *enc) { e.uint(2); e.uint(4); e.uint(4) })
	for name, state := range map[string][]byte{
		"an older file":                v2(func(e *enc) { e.uint(7); e.uint(0); e.uint(0) }),
		"an older list in a newer one": encodeState(FolderState{UIDValidity: 7}),
	} {
		t.Run(name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "c.db"))
			fill(t, s, inbox, 3)
			err := s.db.Update(func(tx *boltTx) error {
				b := tx.Bucket(bucketFolders).Bucket([]byte(inbox.Name))
				if err := b.Put(keyState, state); err != nil {
					return err
				}
				return b.Put(keyUIDs, oldList)
			})
			if err != nil {
				t.Fatal(err)
			}
			uids, err := s.UIDs(inbox)
			if _, _, ferr := s.Folder(inbox.Name); err == nil && ferr == nil {
				t.Fatalf("read as %v", uids)
			}
			if uids != nil || len(s.Notices()) == 0 {
				t.Fatalf("list %v, no notice of the rebuild", uids)
			}
			if _, ok, err := s.Folder(inbox.Name); ok || err != nil {
				t.Fatalf("the rebuilt file holds the folder (%v)", err)
			}
		})
	}
}

func run(e *enc, last, first, end imapsvc.UID) {
	head, more := runHead(last, first, end)
	e.uint(head)
	if head&1 == 1 {
		e.uint(more)
	}
}
