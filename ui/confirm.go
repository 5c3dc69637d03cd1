package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// confirmModel asks a yes/no question in the message line before a
// destructive action; onYes runs only after an explicit yes.
type confirmModel struct {
	keys     keymap.ConfirmKeys
	styles   themes.StatusStyles
	question string
	onYes    func(Model) (Model, tea.Cmd) // gets the model as it is when answered
}

func (c confirmModel) ask(q string, onYes func(Model) (Model, tea.Cmd)) confirmModel {
	c.question, c.onYes = q, onYes
	return c
}

// answerConfirm handles a key while question c is in front; any key
// other than yes or no is ignored so a stray key cannot confirm.
func (m Model) answerConfirm(c confirmModel, msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, c.keys.Yes):
		return c.onYes(m.closeTop())
	case key.Matches(msg, c.keys.No):
		m = m.closeTop()
		m.status = m.status.setNotice("cancelled: nothing was changed", false)
	}
	return m, nil
}

func (c confirmModel) view(width int) string {
	// The question is cut, never the [y/n] after it.
	q := ansi.Truncate(pane.OneLine(c.question), max(1, width-6), "…")
	return c.styles.Warning.Render(pane.Fit(q+" [y/n]", width))
}

// askMsg asks q and, on yes, sends onYes back through Update.
func (c confirmModel) askMsg(q string, onYes tea.Msg) confirmModel {
	return c.ask(q, func(m Model) (Model, tea.Cmd) { return m, pane.Emit(onYes) })
}
