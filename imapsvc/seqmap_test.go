package imapsvc

import (
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
			if !slices.Equal(m.uids, tt.want) && !(len(m.uids) == 0 && len(tt.want) == 0) {
				t.Fatalf("map = %v, want %v", m.uids, tt.want)
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
