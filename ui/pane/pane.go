// Package pane holds the small helpers every pane of the UI shares:
// cursor movement, scrolling, fitting text to a width, and wrapping a
// message in a command. The panes live in packages of their own that do
// not import their parent, so these are here once.
package pane

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
)

// Move applies a movement key to a cursor over n rows in a pane height
// rows tall. It reports whether the key was a movement.
func Move(k keymap.Moves, msg tea.KeyMsg, cursor, n, height int) (int, bool) {
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

// ClampScroll keeps the cursor inside [0, n) and the offset such that the
// cursor is visible in a window of height rows.
func ClampScroll(n, cursor, offset, height int) (int, int) {
	if n == 0 {
		return 0, 0
	}
	height = max(1, height)
	cursor = max(0, min(cursor, n-1))
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	return cursor, max(0, min(offset, n-height))
}

// Fit truncates s to width cells (wide characters count two) with an
// ellipsis, and pads it with spaces to exactly width cells.
func Fit(s string, width int) string {
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

// FitRight is Fit with the text aligned to the right.
func FitRight(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		return ansi.Truncate(s, width, "…")
	}
	return strings.Repeat(" ", width-ansi.StringWidth(s)) + s
}

// OneLine replaces line breaks and tabs so a header value stays on one row.
func OneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// FormatSize shows a byte count in at most four cells: 512B, 1.2K, 34K,
// 5.0M, 1.1G (binary units; a unit changes at 1000 to stay short).
func FormatSize(n int64) string {
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

// Emit wraps a message in a command, for children that report to the
// root.
func Emit(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
