package main

import (
	tea "github.com/charmbracelet/bubbletea"

	"tern/ui"
)

// programOptions are Bubble Tea's options for a session: the alternate
// screen, and mouse reporting (clicks, wheel, drags with a button down)
// unless the config says mouse = false, which leaves the terminal's own
// selection alone.
func programOptions(o ui.Options) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithAltScreen()}
	if !o.NoMouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	return opts
}
