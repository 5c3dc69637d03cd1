package requests

import (
	"math/rand"
	"slices"
	"testing"
)

const (
	kSelect Kind = iota + 1
	kStore
	kCount
)

func TestIndependentCalls(t *testing.T) {
	var tr Tracker
	if tr.Busy() {
		t.Fatal("zero tracker busy")
	}
	a, b := tr.Start(kStore), tr.Start(kStore)
	if tr.InFlight(kStore) != 2 || !tr.Busy() {
		t.Fatalf("in flight %d", tr.InFlight(kStore))
	}
	if !tr.Finish(b) || !tr.Finish(a) {
		t.Fatal("an independent answer was stale")
	}
	if tr.Busy() {
		t.Fatal("busy after both answers")
	}
	if !tr.Finish(a) {
		t.Fatal("finishing twice changed the answer")
	}
}

func TestLatestWins(t *testing.T) {
	var tr Tracker
	old := tr.StartLatest(kSelect)
	cur := tr.StartLatest(kSelect)
	if tr.InFlight(kSelect) != 1 {
		t.Fatalf("superseded call still in flight: %d", tr.InFlight(kSelect))
	}
	if tr.Finish(old) {
		t.Fatal("superseded answer used")
	}
	if tr.Newest(kSelect) != cur || tr.Newest(kStore) != (ID{}) {
		t.Fatal("Newest does not name the latest call")
	}
	if !tr.Current(cur) || !tr.Finish(cur) || !tr.Finish(cur) {
		t.Fatal("latest answer not used")
	}
	if tr.Busy() {
		t.Fatal("busy after the answer")
	}
}

func TestDropAndReset(t *testing.T) {
	var tr Tracker
	sel := tr.StartLatest(kSelect)
	cnt := tr.Start(kCount)
	tr.Drop(kSelect)
	if tr.Current(sel) || tr.InFlight(kSelect) != 0 || tr.InFlight(kCount) != 1 {
		t.Fatal("Drop did not forget the select only")
	}
	sel2 := tr.StartLatest(kSelect)
	tr.Reset()
	if tr.Busy() {
		t.Fatal("busy after Reset")
	}
	if !tr.Finish(sel2) || !tr.Finish(cnt) {
		t.Fatal("Reset made answers stale")
	}
	if (ID{}).Num() != 0 || tr.Current(ID{}) {
		t.Fatal("the zero ID is current")
	}
}

func TestKindsAndOrder(t *testing.T) {
	var tr Tracker
	c := tr.Start(kCount)
	tr.Start(kStore)
	tr.StartLatest(kSelect)
	if got := tr.Kinds(); !slices.Equal(got, []Kind{kSelect, kStore, kCount}) {
		t.Fatalf("Kinds = %v", got)
	}
	if c.Kind() != kCount || tr.Last() != 3 || c.Num() != 1 {
		t.Fatalf("kind %v last %d num %d", c.Kind(), tr.Last(), c.Num())
	}
}

// TestRandomBusy: whatever the order of starts, answers (also late and
// repeated ones) and drops, Busy is true exactly when some call is still
// awaited, as a plain model counts it.
func TestRandomBusy(t *testing.T) {
	for seed := int64(0); seed < 100; seed++ {
		r := rand.New(rand.NewSource(seed))
		var tr Tracker
		var ids []ID
		awaited := map[ID]bool{}
		for step := 0; step < 200; step++ {
			k := Kind(r.Intn(3) + 1)
			switch r.Intn(4) {
			case 0:
				id := tr.Start(k)
				ids, awaited[id] = append(ids, id), true
			case 1:
				for id := range awaited {
					if id.kind == k {
						delete(awaited, id)
					}
				}
				id := tr.StartLatest(k)
				ids, awaited[id] = append(ids, id), true
			case 2:
				if len(ids) > 0 {
					id := ids[r.Intn(len(ids))]
					tr.Finish(id)
					delete(awaited, id)
				}
			case 3:
				tr.Drop(k)
				for id := range awaited {
					if id.kind == k {
						delete(awaited, id)
					}
				}
			}
			if tr.Busy() != (len(awaited) > 0) {
				t.Fatalf("seed %d step %d: Busy %v with %d awaited", seed, step, tr.Busy(), len(awaited))
			}
		}
	}
}
