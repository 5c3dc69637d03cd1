package imapsvc

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSeqMapNeverWritesIntoSetList: set keeps the UID list it is given
// (the answer the UI shows) without a copy, so learning, expunging and
// growing must never write into it, and the map must still answer as a
// plain slot-per-message list does.
func TestSeqMapNeverWritesIntoSetList(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 300 {
		n := 1 + rng.IntN(30)
		truth := make([]UID, n) // sequence i+1 holds truth[i]
		for i := range truth {
			truth[i] = UID(10 * (i + 1))
		}
		given := slices.Clone(truth)
		for i := range given { // some unknown, as set allows
			if rng.IntN(5) == 0 {
				given[i] = 0
			}
		}
		kept := slices.Clone(given)
		var m seqMap
		m.set(given)
		ref := slices.Clone(given)
		for step := range 60 {
			switch op := rng.IntN(10); {
			case op < 5 && len(truth) > 0:
				seq := rng.IntN(len(truth)) + 1
				uid := truth[seq-1]
				if rng.IntN(4) == 0 { // a server that says otherwise
					uid += 5
					truth[seq-1] = uid
				}
				m.learn(uint32(seq), uid)
				ref[seq-1] = uid
			case op < 8 && len(truth) > 0:
				seq := rng.IntN(len(truth)) + 1
				if uid, ok := m.expunge(uint32(seq)); !ok || uid != ref[seq-1] {
					t.Fatalf("round %d: expunge(%d) = %d, %v; want %d", round, seq, uid, ok, ref[seq-1])
				}
				ref = slices.Delete(ref, seq-1, seq)
				truth = slices.Delete(truth, seq-1, seq)
			default:
				top := UID(1000)
				if len(truth) > 0 {
					top = truth[len(truth)-1] + 1000
				}
				truth, ref = append(truth, top), append(ref, 0)
				m.grow(uint32(len(truth)))
			}
			if !slices.Equal(given, kept) {
				t.Fatalf("round %d step %d: the list given to set changed: %v, was %v", round, step, given, kept)
			}
			if got := m.dense(); !slices.Equal(got, ref) {
				t.Fatalf("round %d step %d: map %v, want %v", round, step, got, ref)
			}
		}
	}
}
