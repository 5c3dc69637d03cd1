package cache

import (
	"math"
	"math/bits"
	"slices"

	"tern/imapsvc"
)

// A folder's UID list is stored as runs of consecutive UIDs: a server
// numbers new mail one up from the last, so a folder is mostly a few long
// runs with holes where mail went, and a million UIDs in one run take a
// few bytes. Each run is a varint of its distance from the run before
// (from 0 for the first) shifted left once, the low bit set when more
// UIDs follow the first, and then a varint of how many more, less one.
// A lone UID costs what the older one-gap-per-UID form did, give or take
// a bit. Before this, a 1,000,000-UID list was a megabyte: encoded on the
// heap, then written by bbolt into pages it allocated for the value.

// maxCachedUIDs bounds the list a record may claim to hold, so damage
// cannot make the decoder allocate much; it is the most UIDs tern lists
// of one folder (imapsvc's limit).
const maxCachedUIDs = 10_000_000

// PackedUIDs is a UID list in the form the cache stores it. It is small
// where the list is runs of consecutive UIDs, so the copy of a server's
// list queued for the cache's writer costs next to nothing.
type PackedUIDs []byte

// PackUIDs packs a UID list. A list not strictly ascending is sorted on a
// copy first (a server's comes sorted).
func PackUIDs(uids []imapsvc.UID) PackedUIDs {
	uids = sorted(uids)
	return PackedUIDs(pack(uint64(len(uids)), func(fn func(first, end imapsvc.UID)) {
		for i := 0; i < len(uids); {
			j := i + 1
			for j < len(uids) && uids[j] == uids[j-1]+1 {
				j++
			}
			fn(uids[i], uids[j-1])
			i = j
		}
	}))
}

// packRuns stores runs that are ascending and maximal.
func packRuns(runs []uidRun) []byte {
	n := uint64(0)
	for _, r := range runs {
		n += uint64(r.end-r.first) + 1
	}
	return pack(n, func(fn func(first, end imapsvc.UID)) {
		for _, r := range runs {
			fn(r.first, r.end)
		}
	})
}

// pack stores n UIDs in the runs each gives. It sizes the record first:
// grown by appending, a record of a million lone UIDs would allocate five
// times its size.
func pack(n uint64, each func(fn func(first, end imapsvc.UID))) []byte {
	size := 1 + varintLen(n) + 4 // version, count, checksum
	var last imapsvc.UID
	each(func(first, end imapsvc.UID) {
		head, more := runHead(last, first, end)
		size += varintLen(head)
		if head&1 == 1 {
			size += varintLen(more)
		}
		last = end
	})
	e := &enc{b: append(make([]byte, 0, size), recordVersion)}
	e.uint(n)
	last = 0
	each(func(first, end imapsvc.UID) {
		head, more := runHead(last, first, end)
		e.uint(head)
		if head&1 == 1 {
			e.uint(more)
		}
		last = end
	})
	return e.done()
}

// runHead is how the run first..end that follows the one ending at last
// is stored: its distance from last shifted left once, the low bit set
// when more UIDs follow the first; then, with that bit, how many more,
// less one.
func runHead(last, first, end imapsvc.UID) (head, more uint64) {
	head = uint64(first-last) << 1
	if end > first {
		return head | 1, uint64(end - first - 1)
	}
	return head, 0
}

func varintLen(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }

// uidRun is the UIDs first to end.
type uidRun struct{ first, end imapsvc.UID }

// eachRun checks a stored list and walks its runs in order; count is
// told the number of UIDs before the first run. Runs are maximal and
// ascending, UIDs above 0; anything else, or a count that is not the sum
// of the runs, is damage.
func eachRun(v []byte, count func(n int), fn func(uidRun)) error {
	d := newDec(v)
	n := d.uint()
	if d.err != nil || n > maxCachedUIDs {
		return errDamaged
	}
	count(int(n))
	var last, seen uint64
	for len(d.b) > 0 {
		head := d.uint()
		gap, more := head>>1, uint64(0)
		if head&1 == 1 {
			if more = d.uint() + 1; more == 0 { // wrapped: damage
				more = math.MaxUint64
			}
		}
		first := last + gap
		if d.err != nil || gap == 0 || (seen > 0 && gap < 2) || more > math.MaxUint32 ||
			first+more > math.MaxUint32 || seen+more+1 > n {
			return errDamaged
		}
		last, seen = first+more, seen+more+1
		fn(uidRun{imapsvc.UID(first), imapsvc.UID(last)})
	}
	if seen != n {
		return errDamaged
	}
	return d.end()
}

// decodeUIDs unpacks a stored list: the list's one allocation.
func decodeUIDs(v []byte) ([]imapsvc.UID, error) {
	// Checked whole before allocating: a damaged count must not size it.
	if err := eachRun(v, func(int) {}, func(uidRun) {}); err != nil {
		return nil, err
	}
	var out []imapsvc.UID
	err := eachRun(v, func(n int) { out = make([]imapsvc.UID, 0, n) }, func(r uidRun) {
		for u := r.first; ; u++ {
			out = append(out, u)
			if u == r.end {
				break
			}
		}
	})
	return out, err
}

// decodeRuns reads a stored list as its runs.
func decodeRuns(v []byte) ([]uidRun, error) {
	var runs []uidRun
	err := eachRun(v, func(int) {}, func(r uidRun) { runs = append(runs, r) })
	return runs, err
}

// holds reports whether the runs hold u.
func holds(runs []uidRun, u imapsvc.UID) bool {
	i, _ := slices.BinarySearchFunc(runs, u, func(r uidRun, u imapsvc.UID) int {
		switch {
		case r.end < u:
			return -1
		case r.first > u:
			return 1
		}
		return 0
	})
	return i < len(runs) && runs[i].first <= u && u <= runs[i].end
}

// runsOf turns an ascending list into its runs.
func runsOf(uids []imapsvc.UID) []uidRun {
	var runs []uidRun
	for _, u := range uids {
		if n := len(runs); n > 0 && runs[n-1].end+1 == u {
			runs[n-1].end = u
			continue
		}
		runs = append(runs, uidRun{u, u})
	}
	return runs
}

// minus returns the UIDs of a that b lacks, as runs.
func minus(a, b []uidRun) []uidRun {
	var out []uidRun
	j := 0
	for _, r := range a {
		lo, hi := uint64(r.first), uint64(r.end) // 64 bits: end+1 may pass 2^32-1
		for j < len(b) && b[j].end < r.first {
			j++
		}
		for k := j; k < len(b) && uint64(b[k].first) <= hi && lo <= hi; k++ {
			if uint64(b[k].first) > lo {
				out = append(out, uidRun{imapsvc.UID(lo), b[k].first - 1})
			}
			lo = max(lo, uint64(b[k].end)+1)
		}
		if lo <= hi {
			out = append(out, uidRun{imapsvc.UID(lo), imapsvc.UID(hi)})
		}
	}
	return out
}

// union returns the UIDs of a and of b, as maximal runs.
func union(a, b []uidRun) []uidRun {
	all := append(slices.Clone(a), b...)
	slices.SortFunc(all, func(x, y uidRun) int {
		switch {
		case x.first < y.first:
			return -1
		case x.first > y.first:
			return 1
		}
		return 0
	})
	var out []uidRun
	for _, r := range all {
		if n := len(out); n > 0 && uint64(r.first) <= uint64(out[n-1].end)+1 {
			out[n-1].end = max(out[n-1].end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}

// uidsOf lists the UIDs of runs.
func uidsOf(runs []uidRun) []imapsvc.UID {
	var out []imapsvc.UID
	for _, r := range runs {
		for u := r.first; ; u++ {
			out = append(out, u)
			if u == r.end {
				break
			}
		}
	}
	return out
}

// Batches calls fn with the list's UIDs, newest first, in ascending
// batches of at most n, until fn returns false; only a batch is unpacked
// at a time.
func (p PackedUIDs) Batches(n int, fn func([]imapsvc.UID) bool) error {
	runs, err := decodeRuns(p)
	if err != nil {
		return err
	}
	batch := make([]imapsvc.UID, 0, n)
	for i := len(runs) - 1; i >= 0; i-- {
		for u := runs[i].end; ; u-- {
			batch = append(batch, u)
			if len(batch) == n {
				slices.Reverse(batch)
				if !fn(batch) {
					return nil
				}
				batch = make([]imapsvc.UID, 0, n)
			}
			if u == runs[i].first {
				break
			}
		}
	}
	if len(batch) > 0 {
		slices.Reverse(batch)
		fn(batch)
	}
	return nil
}
