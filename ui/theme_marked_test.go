package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"tern/themes"
)

// TestMarkedRowsDrawnInTheMarkedStyle: a row marked with t, and the rows
// of a v range, are drawn with list.marked; the cursor row keeps
// list.selected so the user still sees where it is.
func TestMarkedRowsDrawnInTheMarkedStyle(t *testing.T) {
	opts := testOptions()
	opts.Styles = themes.Default()
	opts.Styles.List.Marked = lipgloss.NewStyle().Transform(func(s string) string { return "MARK|" + s })
	m := start(t, quiet(12), opts)
	count := func(m Model) int { return strings.Count(m.View(), "MARK|") }
	if n := count(m); n != 0 {
		t.Fatalf("%d marked rows before marking\n%s", n, m.View())
	}
	m = drive(t, m, keys("t")...).(Model)
	if len(m.list.look.marked) != 1 {
		t.Fatalf("t marked %d messages", len(m.list.look.marked))
	}
	if n := count(m); n != 1 {
		t.Fatalf("%d rows in the marked style after one t\n%s", n, m.View())
	}
	m = drive(t, m, keys("esc", "v", "j", "j")...).(Model)
	// Three rows in the range: the cursor row is drawn selected.
	if n := count(m); n != 2 {
		t.Fatalf("%d rows in the marked style in a range of three\n%s", n, m.View())
	}
}
