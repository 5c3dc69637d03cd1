package imapsvc

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestSeqMap(t *testing.T) {
	type step struct {
		op   string // learn, expunge, grow
		a, b uint32
	}
	tests := []struct {
		name  string
		start []UID
		steps []step
		want  []UID
		seqOf map[UID]uint32
	}{
		{"expunge middle", []UID{10, 20, 30, 40}, []step{{"expunge", 2, 0}}, []UID{10, 30, 40},
			map[UID]uint32{10: 1, 30: 2, 40: 3, 20: 0}},
		{"burst of expunges at seq 1", []UID{1, 2, 3, 4, 5}, []step{{"expunge", 1, 0}, {"expunge", 1, 0}, {"expunge", 1, 0}}, []UID{4, 5},
			map[UID]uint32{4: 1, 5: 2, 1: 0}},
		{"expunge out of range ignored", []UID{7}, []step{{"expunge", 5, 0}, {"expunge", 0, 0}}, []UID{7}, map[UID]uint32{7: 1}},
		{"grow then learn", []UID{3, 9}, []step{{"grow", 4, 0}, {"learn", 4, 15}}, []UID{3, 9, 0, 15},
			map[UID]uint32{15: 4, 9: 2, 12: 0}},
		{"grow never shrinks", []UID{3, 9}, []step{{"grow", 1, 0}}, []UID{3, 9}, nil},
		{"partial map search", []UID{0, 0, 30, 0, 50, 0}, nil, []UID{0, 0, 30, 0, 50, 0},
			map[UID]uint32{30: 3, 50: 5, 40: 0, 10: 0}},
		{"empty", nil, []step{{"expunge", 1, 0}}, []UID{}, map[UID]uint32{1: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m seqMap
			m.set(append([]UID{}, tt.start...))
			for _, s := range tt.steps {
				switch s.op {
				case "learn":
					m.learn(s.a, s.b)
				case "expunge":
					m.expunge(s.a)
				case "grow":
					m.grow(s.a)
				}
			}
			if got := m.dense(); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("map = %v, want %v", got, tt.want)
			}
			for uid, seq := range tt.seqOf {
				if got := m.seq(uid); got != seq {
					t.Errorf("seq(%d) = %d, want %d", uid, got, seq)
				}
			}
		})
	}
}

func TestSeqMapExpungeReturnsUID(t *testing.T) {
	var m seqMap
	m.set([]UID{5, 6, 7})
	uid, ok := m.expunge(2)
	if !ok || uid != 6 {
		t.Fatalf("expunge(2) = %d, %v; want 6, true", uid, ok)
	}
	if got := m.uid(2); got != 7 {
		t.Fatalf("uid(2) after expunge = %d, want 7", got)
	}
	if got := m.maxKnown(); got != 7 {
		t.Fatalf("maxKnown = %d, want 7", got)
	}
}

func TestExpandUIDs(t *testing.T) {
	var set imap.UIDSet
	set.AddRange(7, 9)
	set.AddNum(3)
	set.AddRange(20, 20)
	got := expandUIDs(&imap.SearchData{All: set})
	if !slices.Equal(got, []UID{3, 7, 8, 9, 20}) {
		t.Fatalf("expandUIDs = %v", got)
	}
	if got := expandUIDs(&imap.SearchData{}); len(got) != 0 {
		t.Fatalf("no answer gave %v", got)
	}
	max := imap.UIDSet{{Start: 4294967294, Stop: 4294967295}}
	if got := expandUIDs(&imap.SearchData{All: max}); !slices.Equal(got, []UID{4294967294, 4294967295}) {
		t.Fatalf("UIDs at the top of the range: %v", got)
	}
}

// dense is the map as one UID per sequence number, 0 for unknown.
func (m *seqMap) dense() []UID {
	out := make([]UID, m.n)
	for _, r := range m.runs {
		copy(out[r.first-1:], r.uids)
	}
	return out
}

// TestSeqMapMatchesDense runs random operations on the map and on a plain
// slice (one slot per message) and compares every answer.
func TestSeqMapMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		var m seqMap
		var ref []UID // ref[i] is the UID of seq i+1, 0 unknown
		n := rng.IntN(40)
		m.reset(uint32(n))
		ref = make([]UID, n)
		// Sequence i+1 of the folder holds UID 10*(i+1)+round; expunges
		// keep UIDs rising.
		truth := make([]UID, n)
		for i := range truth {
			truth[i] = UID(10*(i+1) + round)
		}
		for step := 0; step < 100; step++ {
			switch op := rng.IntN(10); {
			case op < 5 && len(truth) > 0:
				seq := rng.IntN(len(truth)) + 1
				m.learn(uint32(seq), truth[seq-1])
				ref[seq-1] = truth[seq-1]
			case op < 7:
				seq := uint32(rng.IntN(len(truth) + 2))
				uid, ok := m.expunge(seq)
				wantOK := seq >= 1 && int(seq) <= len(truth)
				var want UID
				if wantOK {
					want = ref[seq-1]
					ref = append(ref[:seq-1], ref[seq:]...)
					truth = append(truth[:seq-1], truth[seq:]...)
				}
				if uid != want || ok != wantOK {
					t.Fatalf("round %d: expunge(%d) = %d, %v; want %d, %v", round, seq, uid, ok, want, wantOK)
				}
			default:
				k := rng.IntN(3)
				top := UID(10*(len(truth)+1) + round + 1000)
				if len(truth) > 0 {
					top = truth[len(truth)-1] + 1000
				}
				for j := 0; j < k; j++ {
					truth = append(truth, top+UID(j))
					ref = append(ref, 0)
				}
				m.grow(uint32(len(truth)))
			}
			if got := m.dense(); !slices.Equal(got, ref) && !(len(got) == 0 && len(ref) == 0) {
				t.Fatalf("round %d step %d: map %v, want %v", round, step, got, ref)
			}
			for i, u := range truth {
				want := uint32(0)
				if ref[i] != 0 {
					want = uint32(i + 1)
				}
				if got := m.seq(u); got != want {
					t.Fatalf("round %d: seq(%d) = %d, want %d", round, u, got, want)
				}
				if got := m.uid(uint32(i + 1)); got != ref[i] {
					t.Fatalf("round %d: uid(%d) = %d, want %d", round, i+1, got, ref[i])
				}
			}
			for i := 1; i < len(m.runs); i++ {
				if m.runs[i-1].last()+1 >= m.runs[i].first {
					t.Fatalf("round %d: runs %d and %d touch: %+v", round, i-1, i, m.runs)
				}
			}
		}
	}
}

// TestSeqMapHugeExistsStaysSmall: the size the server announces is a
// number; only what tern learns takes memory.
func TestSeqMapHugeExistsStaysSmall(t *testing.T) {
	for _, n := range []uint32{50_000_000, 4294967295} {
		before := totalAlloc()
		var m seqMap
		m.set([]UID{1, 2, 3})
		m.grow(n)
		m.learn(n, 9_000_000)
		m.learn(n-1, 8_999_999)
		if _, ok := m.expunge(2); !ok {
			t.Fatal("expunge(2) refused")
		}
		if got := m.seq(9_000_000); got != n-1 {
			t.Fatalf("seq of the last UID = %d, want %d", got, n-1)
		}
		if grew := totalAlloc() - before; grew > 1<<20 {
			t.Fatalf("EXISTS %d allocated %d bytes", n, grew)
		}
	}
}

func TestSeqMapUnknownTail(t *testing.T) {
	var m seqMap
	m.reset(10)
	if n := m.unknownTail(); n != 10 {
		t.Fatalf("nothing known: %d", n)
	}
	m.learn(9, 90)
	m.learn(10, 100)
	if n := m.unknownTail(); n != 0 {
		t.Fatalf("tail known: %d", n)
	}
	m.grow(4000)
	if n := m.unknownTail(); n != 3990 {
		t.Fatalf("after EXISTS 4000: %d", n)
	}
	m.set([]UID{1, 2, 0, 4})
	if n := m.unknownTail(); n != 0 {
		t.Fatalf("after set: %d", n)
	}
}
