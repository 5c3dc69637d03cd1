package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

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
