package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"tern/themes"
)

// helpModel is the "?" overlay and the one-line short help. Both are
// generated from the bindings that handle the keys.
type helpModel struct {
	model  help.Model
	styles themes.HelpStyles
	border lipgloss.Style
}

func newHelpModel(s *themes.Styles) helpModel {
	h := help.New()
	h.Styles = help.Styles{
		ShortKey: s.Help.Key, ShortDesc: s.Help.Desc, ShortSeparator: s.Help.Sep,
		FullKey: s.Help.Key, FullDesc: s.Help.Desc, FullSeparator: s.Help.Sep,
		Ellipsis: s.Help.Sep,
	}
	return helpModel{model: h, styles: s.Help, border: s.Border.Focused}
}

// paneKeys joins a pane's bindings with the global ones, so the overlay
// shows what works where the focus is.
type paneKeys struct {
	title        string
	pane, global help.KeyMap
}

func (k paneKeys) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, k.pane.ShortHelp()...), k.global.ShortHelp()...)
}

func (k paneKeys) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, k.pane.FullHelp()...), k.global.FullHelp()...)
}

// shortView is the help line shown when there is no notice.
func (m helpModel) shortView(k help.KeyMap, width int) string {
	m.model.Width = width
	return m.model.ShortHelpView(k.ShortHelp())
}

// overlayView is the full help, boxed and centred in width×height.
func (m helpModel) overlayView(k paneKeys, width, height int) string {
	m.model.Width = max(10, width-4)
	body := m.styles.Title.Render("Keys: "+k.title) + "\n\n" + m.fullView(k.FullHelp(), m.model.Width-4)
	box := m.border.Padding(0, 1).Render(body)
	lines := strings.Split(lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box), "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n")
}

// fullView lays the help's columns out in as many blocks, one under the
// other, as the width needs, so no column is cut off.
func (m helpModel) fullView(groups [][]key.Binding, width int) string {
	hm := m.model
	hm.Width = 0 // measure without the model's own truncation
	var blocks []string
	var cur [][]key.Binding
	for _, g := range groups {
		next := append(append([][]key.Binding{}, cur...), g)
		if len(cur) > 0 && lipgloss.Width(hm.FullHelpView(next)) > width {
			blocks = append(blocks, m.model.FullHelpView(cur))
			next = [][]key.Binding{g}
		}
		cur = next
	}
	if len(cur) > 0 {
		blocks = append(blocks, m.model.FullHelpView(cur))
	}
	return strings.Join(blocks, "\n\n")
}
