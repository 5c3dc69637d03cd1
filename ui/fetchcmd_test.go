package ui

import (
	"strings"
	"testing"
)

// TestFetchMarkedMessages: with messages marked, :fetch asks for all of
// them in one command and shows each answer.
func TestFetchMarkedMessages(t *testing.T) {
	f := quiet(5)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("t", "t")...).(Model) // marks the two newest
	m = drive(t, m, typed(":fetch flags")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if got := lastCall(f, "ITEMS"); got != "ITEMS 8,10 flags" {
		t.Fatalf("sent %q (calls %v)", got, f.callLog())
	}
	if s := screen(m); !strings.Contains(s, "UID 10") || !strings.Contains(s, "UID 8") {
		t.Fatalf("answer not shown:\n%s", s)
	}
}
