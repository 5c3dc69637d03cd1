package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/keymap"
	"tern/ui/pane"
)

// move applies a movement key to a cursor (see pane.Move).
func move(k keymap.Moves, msg tea.KeyMsg, cursor, n, height int) (int, bool) {
	return pane.Move(k, msg, cursor, n, height)
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
func emit(msg tea.Msg) tea.Cmd { return pane.Emit(msg) }
