package imapsvc

import (
	"fmt"
	"slices"
	"testing"
)

// Past its size the ring keeps the newest lines, oldest first, and since
// counts positions from the first line ever added.
func TestRingWrapsInOrder(t *testing.T) {
	r := newRing(3)
	for i := range 8 {
		r.add(fmt.Sprint(i))
	}
	for after, want := range map[int][]string{0: {"5", "6", "7"}, 6: {"6", "7"}, 7: {"7"}, 8: nil, 9: nil} {
		got := r.since(after)
		if got.Next != 8 || !slices.Equal(got.Lines, want) {
			t.Errorf("since(%d) = %v next %d, want %v", after, got.Lines, got.Next, want)
		}
	}
}
