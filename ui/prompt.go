package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// promptModel asks for the password, masked, before connecting. For an
// account that logs in with a token there is no password: it says why the
// login failed and Enter tries again (the service runs token_cmd). After
// a connection error (not a refused login) it asks nothing: it says what
// happened and Enter or r (prompt.retry) tries again.
type promptModel struct {
	keys    keymap.PromptKeys
	styles  *themes.Styles
	input   textinput.Model
	account string
	err     string // why we ask (again)
	token   bool
	connErr bool // err is a connection error: offer to try again
}

// retryMsg asks to connect again with the credentials last used.
type retryMsg struct{}

func newPromptModel(keys keymap.PromptKeys, styles *themes.Styles, account string, token bool) promptModel {
	in := newInput("Password: ", styles.Cmdline)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.Width = 32
	return promptModel{keys: keys, styles: styles, input: in, account: account, token: token}
}

func (m promptModel) focus(errText string) (promptModel, tea.Cmd) {
	m.err, m.connErr = errText, false
	m.input.SetValue("")
	return m, m.input.Focus()
}

// connFailed shows a connection error with the retry keys instead of
// the password field.
func (m promptModel) connFailed(errText string) promptModel {
	m.err, m.connErr = errText, true
	m.input.SetValue("")
	m.input.Blur()
	return m
}

func (m promptModel) update(msg tea.Msg) (promptModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Cancel):
			m.input.SetValue("")
			return m, pane.Emit(promptCancelMsg{})
		case m.connErr && (key.Matches(km, m.keys.Submit) || key.Matches(km, m.keys.Retry)):
			return m, pane.Emit(retryMsg{})
		case m.connErr:
			return m, nil
		case key.Matches(km, m.keys.Submit) && m.token:
			return m, pane.Emit(passwordMsg{})
		case m.token:
			return m, nil
		case key.Matches(km, m.keys.Submit):
			pw := m.input.Value()
			m.input.SetValue("") // the model keeps no password
			m.input.Blur()
			return m, pane.Emit(passwordMsg{password: pw})
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// maxPromptText is the widest a line of the box gets on a wide terminal.
const maxPromptText = 72

// view centres the prompt in a width×height area; the box is never wider
// than width: long errors wrap.
func (m promptModel) view(width, height int, warnings []string) string {
	inner := min(maxPromptText, max(width-4, 10)) // border and padding take 4
	wrap := lipgloss.NewStyle().Width(inner)
	title := "Log in to " + m.account
	if w := inner - lipgloss.Width(m.input.Prompt) - 1; w < m.input.Width {
		m.input.Width = max(w, 1)
	}
	field := m.input.View()
	switch {
	case m.connErr:
		title = "Could not connect: " + m.account
		field = wrap.Render(m.keys.Submit.Help().Key + " or " + m.keys.Retry.Help().Key + ": " + m.keys.Retry.Help().Desc + " · " +
			m.keys.Cancel.Help().Key + ": " + m.keys.Cancel.Help().Desc)
	case m.token:
		field = wrap.Render("Enter: log in again with a new token from token_cmd")
	}
	lines := []string{m.styles.Help.Title.Render(ansi.Truncate(title, inner, "…")), "", field}
	if m.err != "" {
		lines = append(lines, "", m.styles.Status.Error.Render(wrap.Render(m.err)))
	}
	for _, w := range warnings {
		lines = append(lines, m.styles.Status.Warning.Render(wrap.Render(w)))
	}
	box := m.styles.Border.Focused.Padding(0, 1).Render(strings.Join(lines, "\n"))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
