package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"tern/keymap"
	"tern/themes"
)

// promptModel asks for the password, masked, before connecting. For an
// account that logs in with a token there is no password: it says why the
// login failed and Enter tries again (the service runs token_cmd).
type promptModel struct {
	keys    keymap.PromptKeys
	styles  *themes.Styles
	input   textinput.Model
	account string
	err     string // why we ask (again)
	token   bool
}

func newPromptModel(keys keymap.PromptKeys, styles *themes.Styles, account string, token bool) promptModel {
	in := newInput("Password: ", styles.Cmdline)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.Width = 32
	return promptModel{keys: keys, styles: styles, input: in, account: account, token: token}
}

func (m promptModel) focus(errText string) (promptModel, tea.Cmd) {
	m.err = errText
	m.input.SetValue("")
	return m, m.input.Focus()
}

func (m promptModel) update(msg tea.Msg) (promptModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Cancel):
			m.input.SetValue("")
			return m, emit(promptCancelMsg{})
		case key.Matches(km, m.keys.Submit) && m.token:
			return m, emit(passwordMsg{})
		case m.token:
			return m, nil
		case key.Matches(km, m.keys.Submit):
			pw := m.input.Value()
			m.input.SetValue("") // the model keeps no password
			m.input.Blur()
			return m, emit(passwordMsg{password: pw})
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// view centres the prompt in a width×height area.
func (m promptModel) view(width, height int, warnings []string) string {
	field := m.input.View()
	if m.token {
		field = "Enter: log in again with a new token from token_cmd"
	}
	lines := []string{m.styles.Help.Title.Render("Log in to " + m.account), "", field}
	if m.err != "" {
		lines = append(lines, "", m.styles.Status.Error.Render(m.err))
	}
	for _, w := range warnings {
		lines = append(lines, m.styles.Status.Warning.Render(w))
	}
	box := m.styles.Border.Focused.Padding(0, 1).Render(strings.Join(lines, "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
