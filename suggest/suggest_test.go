package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "abc", 0}, {"lsit", "list", 1}, {"kitten", "sitting", 3}, {"", "ab", 2}, {"delet", "delete", 1}} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestNearest(t *testing.T) {
	known := []string{"delete", "move", "copy", "list", "dark", "light"}
	for typed, want := range map[string]string{
		"delet": "delete", "Move": "move", "lsit": "list", "drak": "dark",
		"x": "", "zzzzzz": "", "mvoe": "move", "": "",
	} {
		if got := Nearest(typed, known); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", typed, got, want)
		}
	}
	// Ties go to the name that sorts first, whatever the order given.
	if a, b := Nearest("cat", []string{"hat", "bat"}), Nearest("cat", []string{"bat", "hat"}); a != "bat" || b != "bat" {
		t.Errorf("tie: %q, %q", a, b)
	}
}
