package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
	"tern/themes"
)

// helpModel is the "?" overlay and the one-line short help. Both are
// generated from the bindings that handle the keys.
type helpModel struct {
	model  help.Model
	styles themes.HelpStyles
	border lipgloss.Style
	// commands shows the command page (from the command table) instead
	// of the keys; ":" in the help turns the page.
	commands bool
	// offset is the first line of the overlay's text shown when it does
	// not fit the screen (the moves scroll it).
	offset int
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
	return append(append([]key.Binding{}, k.pane.ShortHelp()...), k.unshadowed(k.global.ShortHelp())...)
}

func (k paneKeys) FullHelp() [][]key.Binding {
	out := append([][]key.Binding{}, k.pane.FullHelp()...)
	for _, g := range k.global.FullHelp() {
		out = append(out, k.unshadowed(g))
	}
	return out
}

// unshadowed leaves out the global bindings with a key that the pane
// takes first (q is Back in the viewer, not Quit), so help never offers
// one key with two meanings.
func (k paneKeys) unshadowed(global []key.Binding) []key.Binding {
	taken := map[string]bool{}
	for _, g := range k.pane.FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				for _, s := range b.Keys() {
					taken[s] = true
				}
			}
		}
	}
	var out []key.Binding
	for _, b := range global {
		if !slices.ContainsFunc(b.Keys(), func(s string) bool { return taken[s] }) {
			out = append(out, b)
		}
	}
	return out
}

// shortView is the help line shown when there is no notice.
func (m helpModel) shortView(k help.KeyMap, width int) string {
	m.model.Width = width
	return m.model.ShortHelpView(k.ShortHelp())
}

// bodyLines is the overlay's text, before it is boxed.
func (m helpModel) bodyLines(k paneKeys, width, height int) []string {
	m.model.Width = max(10, width-4)
	body := m.styles.Title.Render("Keys: "+k.title) + m.styles.Desc.Render("  (: commands)") + "\n\n" + m.fullView(k.FullHelp(), m.model.Width-4)
	if m.commands {
		body = m.styles.Title.Render("Commands") + m.styles.Desc.Render("  (: keys, Tab completes)") + "\n\n" +
			m.commandsView(commandHelp(), m.model.Width-4, height-4)
	}
	return strings.Split(body, "\n")
}

// helpRoom is how many lines of text the box holds in height: the
// border takes two.
func helpRoom(height int) int { return max(2, height-2) }

// maxOffset is the last offset that still fills the box, whose last line
// is then the "more" line.
func maxOffset(total, room int) int { return max(0, total-(room-1)) }

// scroll moves the text by the list's moves; total is its line count.
func (m helpModel) scroll(msg tea.KeyMsg, mv keymap.Moves, total, height int) helpModel {
	room := helpRoom(height)
	switch {
	case key.Matches(msg, mv.Down):
		m.offset++
	case key.Matches(msg, mv.Up):
		m.offset--
	case key.Matches(msg, mv.PageDown, mv.HalfDown):
		m.offset += room - 2
	case key.Matches(msg, mv.PageUp, mv.HalfUp):
		m.offset -= room - 2
	case key.Matches(msg, mv.Top):
		m.offset = 0
	case key.Matches(msg, mv.Bottom):
		m.offset = total
	}
	m.offset = max(0, min(m.offset, maxOffset(total, room)))
	return m
}

// overlayView is the full help, boxed and centred in width×height; text
// taller than the box scrolls, with a last line saying so.
func (m helpModel) overlayView(k paneKeys, mv keymap.Moves, width, height int) string {
	text := m.bodyLines(k, width, height)
	textW := 0 // of all the text, so that the box keeps its width as it scrolls
	for _, l := range text {
		textW = max(textW, lipgloss.Width(l))
	}
	if room := helpRoom(height); len(text) > room {
		off := max(0, min(m.offset, maxOffset(len(text), room)))
		more := fmt.Sprintf("lines %d-%d of %d · %s %s %s: scroll", off+1, off+room-1, len(text),
			mv.Down.Help().Key, mv.Up.Help().Key, mv.PageDown.Help().Key)
		text = append(slices.Clip(text[off:off+room-1]), m.styles.Desc.Render(ansi.Truncate(more, max(1, width-4), "…")))
	}
	box := m.border.Padding(0, 1).Width(min(textW, max(1, width-4)) + 2).Render(strings.Join(text, "\n"))
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

// commandsView lays the commands out in as few columns of at most height
// rows as hold them all, each with its arguments and what it does; where
// the descriptions do not fit the width, the commands alone.
func (m helpModel) commandsView(cmds []key.Binding, width, height int) string {
	if len(cmds) == 0 {
		return ""
	}
	cols := (len(cmds) + max(1, height) - 1) / max(1, height)
	rows := (len(cmds) + cols - 1) / cols
	var full, short []string
	for c := 0; c*rows < len(cmds); c++ {
		part := cmds[c*rows : min(len(cmds), (c+1)*rows)]
		kw := 0
		for _, b := range part {
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		keys, descs := make([]string, len(part)), make([]string, len(part))
		for i, b := range part {
			keys[i] = m.styles.Key.Render(b.Help().Key + strings.Repeat(" ", kw-ansi.StringWidth(b.Help().Key)))
			descs[i] = keys[i] + " " + m.styles.Desc.Render(b.Help().Desc)
		}
		if c > 0 {
			full, short = append(full, "  "), append(short, "   ")
		}
		full, short = append(full, strings.Join(descs, "\n")), append(short, strings.Join(keys, "\n"))
	}
	if out := lipgloss.JoinHorizontal(lipgloss.Top, full...); lipgloss.Width(out) <= width {
		return out
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, short...)
}
