package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/keymap"
	"tern/themes"
)

// confirmModel asks a yes/no question in the bottom line before a
// destructive action; the question says what will go.
type confirmModel struct {
	keys     keymap.ConfirmKeys
	styles   themes.StatusStyles
	active   bool
	question string
	onYes    tea.Msg // sent to the root on yes
}

func (m confirmModel) helpKeys() help.KeyMap { return m.keys }

func (m confirmModel) ask(question string, onYes tea.Msg) confirmModel {
	m.active, m.question, m.onYes = true, question, onYes
	return m
}

func (m confirmModel) update(msg tea.KeyMsg) (confirmModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Yes):
		m.active = false
		return m, emit(m.onYes)
	case key.Matches(msg, m.keys.No):
		m.active = false
		return m, emit(noticeMsg{text: "cancelled: nothing was changed"})
	}
	return m, nil // any other key keeps the question up
}

func (m confirmModel) view(width int) string {
	return m.styles.Error.Render(fit(m.question+" [y/n]", width))
}
