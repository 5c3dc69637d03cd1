package imapsvc

// seqMap maps sequence numbers to UIDs for the open folder. Index i holds
// the UID of sequence number i+1, or 0 while it is not known yet. Because
// UIDs rise with sequence numbers, a UID's position is a binary search away.
type seqMap struct {
	uids []UID
}

// reset makes a map of n unknown messages.
func (m *seqMap) reset(n uint32) { m.uids = make([]UID, n) }

// set replaces the whole map, e.g. from UID SEARCH ALL.
func (m *seqMap) set(uids []UID) { m.uids = uids }

func (m *seqMap) len() uint32 { return uint32(len(m.uids)) }

// learn records that seq holds uid.
func (m *seqMap) learn(seq uint32, uid UID) {
	if seq >= 1 && int(seq) <= len(m.uids) {
		m.uids[seq-1] = uid
	}
}

// uid returns the UID at seq, or 0 when unknown or out of range.
func (m *seqMap) uid(seq uint32) UID {
	if seq < 1 || int(seq) > len(m.uids) {
		return 0
	}
	return m.uids[seq-1]
}

// seq returns the sequence number of uid, or 0. Unknown slots are skipped
// by searching only among known neighbours, so it stays correct while the
// map is still partial.
func (m *seqMap) seq(uid UID) uint32 {
	lo, hi := 0, len(m.uids)
	for lo < hi {
		mid := (lo + hi) / 2
		// Find a known entry near mid.
		k := mid
		for k < hi && m.uids[k] == 0 {
			k++
		}
		if k == hi {
			hi = mid
			continue
		}
		switch {
		case m.uids[k] == uid:
			return uint32(k + 1)
		case m.uids[k] < uid:
			lo = k + 1
		default:
			hi = mid
		}
	}
	return 0
}

// expunge removes seq and returns the UID it held.
func (m *seqMap) expunge(seq uint32) (UID, bool) {
	if seq < 1 || int(seq) > len(m.uids) {
		return 0, false
	}
	uid := m.uids[seq-1]
	m.uids = append(m.uids[:seq-1], m.uids[seq:]...)
	return uid, true
}

// grow extends the map to n messages after an EXISTS; new slots are unknown.
// EXISTS never shrinks the folder (only EXPUNGE does), so a smaller n is
// ignored.
func (m *seqMap) grow(n uint32) {
	for uint32(len(m.uids)) < n {
		m.uids = append(m.uids, 0)
	}
}

// maxKnown is the highest known UID, 0 if none.
func (m *seqMap) maxKnown() UID {
	for i := len(m.uids) - 1; i >= 0; i-- {
		if m.uids[i] != 0 {
			return m.uids[i]
		}
	}
	return 0
}
