package reader

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
)

// Small helpers the ui package has too; kept here so the pane does not
// import its parent (as ui/folders does).

// move applies a movement key to a cursor over n rows in a pane height
// rows tall. It reports whether the key was a movement.
func move(k keymap.Moves, msg tea.KeyMsg, cursor, n, height int) (int, bool) {
	page, half := max(1, height), max(1, height/2)
	switch {
	case key.Matches(msg, k.Up):
		cursor--
	case key.Matches(msg, k.Down):
		cursor++
	case key.Matches(msg, k.Top):
		cursor = 0
	case key.Matches(msg, k.Bottom):
		cursor = n - 1
	case key.Matches(msg, k.PageUp):
		cursor -= page
	case key.Matches(msg, k.PageDown):
		cursor += page
	case key.Matches(msg, k.HalfUp):
		cursor -= half
	case key.Matches(msg, k.HalfDown):
		cursor += half
	default:
		return cursor, false
	}
	return max(0, min(cursor, n-1)), true
}

// fit truncates s to width cells (wide characters count two) with an
// ellipsis, and pads it with spaces to exactly width cells.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// fitRight is fit with the text aligned to the right.
func fitRight(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		return ansi.Truncate(s, width, "…")
	}
	return strings.Repeat(" ", width-ansi.StringWidth(s)) + s
}

// oneLine replaces line breaks and tabs so a header value stays on one row.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// formatSize shows a byte count in at most four cells: 512B, 1.2K, 34K,
// 5.0M, 1.1G (binary units; a unit changes at 1000 to stay short).
func formatSize(n int64) string {
	const unit = 1024
	if n < 1000 {
		return fmt.Sprintf("%dB", n)
	}
	v, suffix := float64(n)/unit, "K"
	for _, s := range []string{"M", "G", "T"} {
		if v < 999.5 {
			break
		}
		v, suffix = v/unit, s
	}
	if v < 10 {
		return fmt.Sprintf("%.1f%s", v, suffix)
	}
	return fmt.Sprintf("%.0f%s", v, suffix)
}
