package console

import "testing"

// TestWheelScrollsTrace: the wheel up goes back through the trace, down
// comes back to the latest, within the trace's ends.
func TestWheelScrollsTrace(t *testing.T) {
	m := Model{trace: make([]string, 10)}
	if m = m.Wheel(-3); m.back != 3 {
		t.Fatalf("back %d after a notch up, want 3", m.back)
	}
	if m = m.Wheel(-30); m.back != 10 {
		t.Fatalf("back %d past the start, want 10", m.back)
	}
	if m = m.Wheel(30); m.back != 0 {
		t.Fatalf("back %d past the latest, want 0", m.back)
	}
}
