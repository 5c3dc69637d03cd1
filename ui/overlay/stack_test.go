package overlay

import (
	"math/rand"
	"slices"
	"testing"
)

func items(s Stack[int]) []int { return s.All() }

func TestPushPopTop(t *testing.T) {
	var s Stack[int]
	if _, ok := s.Top(); ok || s.Len() != 0 {
		t.Fatal("zero stack not empty")
	}
	s = s.Push(1).Push(2)
	if top, _ := s.Top(); top != 2 {
		t.Fatalf("top %d, want 2", top)
	}
	s = s.Pop()
	if top, _ := s.Top(); top != 1 || s.Len() != 1 {
		t.Fatalf("after pop: %v", items(s))
	}
	s = s.Pop().Pop() // popping an empty stack is harmless
	if s.Len() != 0 {
		t.Fatalf("not empty: %v", items(s))
	}
}

func TestOfferQueuesUnderTheTop(t *testing.T) {
	var s Stack[int]
	s, front := s.Offer(7)
	if !front || !slices.Equal(items(s), []int{7}) {
		t.Fatalf("offer on empty: front=%v %v", front, items(s))
	}
	s = s.Push(8)
	s, front = s.Offer(9)
	if front || !slices.Equal(items(s), []int{7, 9, 8}) {
		t.Fatalf("offer under the top: front=%v %v", front, items(s))
	}
	s = s.Pop()
	if top, _ := s.Top(); top != 9 {
		t.Fatalf("the queued answer is not next: %v", items(s))
	}
}

func TestValuesDoNotShare(t *testing.T) {
	a := Stack[int]{}.Push(1).Push(2)
	b := a.Pop().Push(3)
	c := a.SetTop(4)
	if !slices.Equal(items(a), []int{1, 2}) || !slices.Equal(items(b), []int{1, 3}) || !slices.Equal(items(c), []int{1, 4}) {
		t.Fatalf("a=%v b=%v c=%v", items(a), items(b), items(c))
	}
}

func TestRemoveAndHas(t *testing.T) {
	s := Stack[int]{}.Push(1).Push(2).Push(3).Push(2)
	even := func(x int) bool { return x%2 == 0 }
	if !s.Has(even) {
		t.Fatal("Has missed 2")
	}
	s = s.Remove(even)
	if !slices.Equal(items(s), []int{1, 3}) || s.Has(even) {
		t.Fatalf("after Remove: %v", items(s))
	}
}

// TestRandomSequences checks the contract against a plain model: whatever
// the order of opens, late answers and closes, the top is what the user
// opened last and has not closed, and a late answer never takes the front
// from it.
func TestRandomSequences(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		r := rand.New(rand.NewSource(seed))
		var s Stack[int]
		var model []int // bottom first
		next := 1
		for step := 0; step < 60; step++ {
			before, hadTop := s.Top()
			switch r.Intn(3) {
			case 0: // the user opens something
				s = s.Push(next)
				model = append(model, next)
			case 1: // a late answer
				var front bool
				s, front = s.Offer(next)
				if hadTop {
					if top, _ := s.Top(); front || top != before {
						t.Fatalf("seed %d step %d: late answer %d took the front from %d", seed, step, next, before)
					}
					model = append(model[:len(model)-1], next, model[len(model)-1])
				} else {
					model = append(model, next)
				}
			case 2: // the user closes the top
				s = s.Pop()
				if len(model) > 0 {
					model = model[:len(model)-1]
				}
			}
			next++
			if !slices.Equal(items(s), model) {
				t.Fatalf("seed %d step %d: stack %v, want %v", seed, step, items(s), model)
			}
		}
	}
}
