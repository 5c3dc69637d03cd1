package imapsvc

import (
	"slices"
	"sort"
)

// seqMap maps sequence numbers to UIDs for the open folder. It keeps the
// folder's size as a number and only the UIDs tern has actually seen, in
// runs of consecutive sequence numbers: an EXISTS is a number from the
// server, and `* 4294967295 EXISTS` must cost nothing. Because UIDs rise
// with sequence numbers, a UID's position is a binary search away.
type seqMap struct {
	n    uint32 // messages in the folder
	runs []seqRun
}

// seqRun holds the UIDs of sequence numbers first, first+1, ...; every one
// is known (non-zero). Runs are sorted, disjoint and never adjacent.
type seqRun struct {
	first uint32
	uids  []UID
	// shared: uids is part of the list set was given, which the caller
	// keeps (the UI shows it); the run copies it before writing into it.
	shared bool
}

// own makes the run's UIDs its own to write into.
func (r *seqRun) own() {
	if r.shared {
		r.uids, r.shared = slices.Clone(r.uids), false
	}
}

// add appends to the run's UIDs, never into a shared list.
func (r *seqRun) add(uids ...UID) {
	if r.shared {
		r.uids, r.shared = append(slices.Clip(r.uids), uids...), false
		return
	}
	r.uids = append(r.uids, uids...)
}

func (r seqRun) last() uint32 { return r.first + uint32(len(r.uids)) - 1 }

// reset makes a map of n unknown messages.
func (m *seqMap) reset(n uint32) { m.n, m.runs = n, nil }

// set replaces the whole map, e.g. from UID SEARCH ALL; zeros are unknown.
// The map reads uids in place and never writes into them: at 1,000,000
// messages a copy was 4 MB more at the moment the list arrives.
func (m *seqMap) set(uids []UID) {
	m.n, m.runs = uint32(len(uids)), nil
	start := -1
	for i := 0; i <= len(uids); i++ {
		if i < len(uids) && uids[i] != 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			m.runs = append(m.runs, seqRun{first: uint32(start) + 1, uids: uids[start:i:i], shared: true})
			start = -1
		}
	}
}

func (m *seqMap) len() uint32 { return m.n }

// find returns the index of the first run that ends at or after seq.
func (m *seqMap) find(seq uint32) int {
	return sort.Search(len(m.runs), func(i int) bool { return m.runs[i].last() >= seq })
}

// learn records that seq holds uid.
func (m *seqMap) learn(seq uint32, uid UID) {
	if seq < 1 || seq > m.n || uid == 0 {
		return
	}
	i := m.find(seq)
	if i < len(m.runs) && m.runs[i].first <= seq {
		if r := &m.runs[i]; r.uids[seq-r.first] != uid {
			r.own()
			r.uids[seq-r.first] = uid
		}
		return
	}
	// seq lies in the gap before run i.
	prevEnds := i > 0 && m.runs[i-1].last() == seq-1
	nextStarts := i < len(m.runs) && m.runs[i].first == seq+1
	switch {
	case prevEnds && nextStarts:
		m.runs[i-1].add(uid)
		m.runs[i-1].add(m.runs[i].uids...)
		m.runs = append(m.runs[:i], m.runs[i+1:]...)
	case prevEnds:
		m.runs[i-1].add(uid)
	case nextStarts:
		m.runs[i].uids = append([]UID{uid}, m.runs[i].uids...)
		m.runs[i].first, m.runs[i].shared = seq, false
	default:
		m.runs = append(m.runs, seqRun{})
		copy(m.runs[i+1:], m.runs[i:])
		m.runs[i] = seqRun{first: seq, uids: []UID{uid}}
	}
}

// uid returns the UID at seq, or 0 when unknown or out of range.
func (m *seqMap) uid(seq uint32) UID {
	if seq < 1 || seq > m.n {
		return 0
	}
	i := m.find(seq)
	if i < len(m.runs) && m.runs[i].first <= seq {
		return m.runs[i].uids[seq-m.runs[i].first]
	}
	return 0
}

// seq returns the sequence number of uid, or 0 when it is not known.
func (m *seqMap) seq(uid UID) uint32 {
	i := sort.Search(len(m.runs), func(i int) bool {
		r := m.runs[i].uids
		return r[len(r)-1] >= uid
	})
	if i == len(m.runs) {
		return 0
	}
	r := m.runs[i]
	j := sort.Search(len(r.uids), func(j int) bool { return r.uids[j] >= uid })
	if r.uids[j] != uid {
		return 0
	}
	return r.first + uint32(j)
}

// expunge removes seq and returns the UID it held (0 when unknown).
func (m *seqMap) expunge(seq uint32) (UID, bool) {
	if seq < 1 || seq > m.n {
		return 0, false
	}
	m.n--
	var uid UID
	i := m.find(seq)
	if i < len(m.runs) && m.runs[i].first <= seq {
		r := &m.runs[i]
		k := seq - r.first
		uid = r.uids[k]
		r.own()
		r.uids = append(r.uids[:k], r.uids[k+1:]...)
		if len(r.uids) == 0 {
			m.runs = append(m.runs[:i], m.runs[i+1:]...)
		} else {
			i++
		}
	}
	for j := i; j < len(m.runs); j++ {
		m.runs[j].first--
	}
	// Closing a gap of one can make two runs adjacent.
	if i > 0 && i < len(m.runs) && m.runs[i-1].last()+1 == m.runs[i].first {
		m.runs[i-1].add(m.runs[i].uids...)
		m.runs = append(m.runs[:i], m.runs[i+1:]...)
	}
	return uid, true
}

// grow records the folder size of an EXISTS; new messages are unknown.
// EXISTS never shrinks the folder (only EXPUNGE does), so a smaller n is
// ignored.
func (m *seqMap) grow(n uint32) { m.n = max(m.n, n) }

// unknownTail counts the messages after the last known one: those an
// EXISTS announced that no fetch has named yet.
func (m *seqMap) unknownTail() uint32 {
	if len(m.runs) == 0 {
		return m.n
	}
	return m.n - min(m.n, m.runs[len(m.runs)-1].last())
}

// maxKnown is the highest known UID, 0 if none.
func (m *seqMap) maxKnown() UID {
	if len(m.runs) == 0 {
		return 0
	}
	r := m.runs[len(m.runs)-1].uids
	return r[len(r)-1]
}
