package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/keymap"
)

// move applies a movement key to a cursor over n rows in a pane height
// rows tall. It reports whether the key was a movement.
func move(k keymap.Moves, msg tea.KeyMsg, cursor, n, height int) (int, bool) {
	page := max(1, height)
	half := max(1, height/2)
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

// matchesAny reports whether msg matches an enabled binding of a help
// key map; the root uses it to let the focused pane claim a key before
// the global bindings see it.
func matchesAny(msg tea.KeyMsg, groups [][]key.Binding) bool {
	for _, g := range groups {
		if key.Matches(msg, g...) {
			return true
		}
	}
	return false
}

// emit wraps a message in a command, for children that report to the root.
func emit(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
