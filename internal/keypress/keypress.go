// Package keypress makes the key messages tests send to the UI: keys by
// name and text typed a rune at a time. It stays apart from teawait so as
// not to import teatest, whose -update flag the keymap tests define too.
package keypress

import tea "github.com/charmbracelet/bubbletea"

// Named is the message of the key named s, as bubbletea names it ("enter",
// "ctrl+d"; "space" or " " for the space bar); any other s is typed as its
// runes.
func Named(s string) tea.KeyMsg {
	switch s {
	case "space", " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+p":
		return tea.KeyMsg{Type: tea.KeyCtrlP}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Typed is s typed into a text input, one key per rune.
func Typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, Named(string(r)))
	}
	return out
}
