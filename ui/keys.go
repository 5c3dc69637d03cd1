package ui

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// handleKey routes a key: to the overlay in front if there is one (the
// stack in overlays.go), else to the focused pane if one of its bindings matches, then the global
// bindings. No key strings are compared here, only bindings.
func (m Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Global.ForceQuit) {
		return m, tea.Quit
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		return m.splitRunes(msg)
	}
	if m2, cmd, ok := m.overlayKey(msg); ok {
		return m2, cmd
	}
	if m2, cmd, ok := m.writeKey(msg); ok {
		return m2, cmd
	}
	var cmd tea.Cmd
	if m.phase == phaseReady && matchesAny(msg, m.paneKeys().FullHelp()) {
		return m.updatePane(msg)
	}
	g := m.keys.Global
	switch {
	case key.Matches(msg, g.Quit):
		return m.quit()
	case key.Matches(msg, g.Help):
		m = m.openLayer(layer{kind: layerHelp})
	case key.Matches(msg, g.Command):
		m.cmdline, cmd = m.cmdline.open(m.folders.Names(), m.status.sel.PermanentFlags)
		return m.openLayer(layer{kind: layerCmdline}), cmd
	case key.Matches(msg, g.Console) && m.phase == phaseReady:
		return m.openConsole()
	case key.Matches(msg, g.ServerInfo) && m.phase == phaseReady:
		return m.serverPanel()
	case key.Matches(msg, g.FocusNext, g.FocusPrev):
		// Two panes: next and previous are the same move.
		if m.focus == focusFolders {
			m.focus = focusRight
		} else {
			m.focus = focusFolders
		}
	}
	return m, nil
}

// updatePane gives a key to the focused pane. Opening and closing the
// viewer change which pane gets the next key, so they happen here, at
// once, not through a message that a fast second key could overtake.
// splitRunes handles keys typed faster than they are read: Bubble Tea
// delivers them as one message ("jjj"), which would match no binding.
// Each rune is handled as its own key, so a ":" in the middle opens the
// command line for the runes after it.
func (m Model) splitRunes(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if t := m.top(); t == layerPrompt || t == layerCmdline || t == layerAsk || t == layerSearch {
		return m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes, Alt: msg.Alt, Paste: true})
	}
	var cmds []tea.Cmd
	var cur tea.Model = m
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		cur, cmd = cur.(Model).handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return cur, tea.Batch(cmds...)
}

func (m Model) updatePane(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.focus == focusFolders:
		m.folders, cmd = m.folders.Update(msg)
	case m.reader.Shown():
		return m.readerKey(msg)
	case key.Matches(msg, m.keys.List.Open):
		if uid, ok := m.list.selected(); ok {
			return m.openMessage(m.list.mb, uid)
		}
	case matchesAny(msg, m.list.keys.Actions.Groups()):
		return m.listAction(msg)
	default:
		m.list, cmd = m.list.update(msg)
	}
	return m, cmd
}

// paneKeys are the bindings of the focused pane.
func (m Model) paneKeys() help.KeyMap {
	switch {
	case m.focus == focusFolders:
		return m.folders.HelpKeys()
	case m.readerActive() && !m.reader.ShowsParts(): // the parts list takes every key
		a := m.list.keys.Actions
		return viewerPaneKeys{m.reader.HelpKeys(), []key.Binding{a.Delete, a.Move, a.Copy, a.ToggleRead, a.ToggleFlag, a.ToggleJunk, a.Undo}, m.keys.Write}
	case m.reader.Shown():
		return viewerPaneKeys{m.reader.HelpKeys(), nil, m.keys.Write}
	}
	return viewerPaneKeys{m.list.helpKeys(), nil, m.keys.Write}
}

// viewerPaneKeys adds the message actions that also work in the viewer.
type viewerPaneKeys struct {
	viewer  help.KeyMap
	actions []key.Binding
	write   help.KeyMap // c, r, a, f, e (write.go)
}

func (k viewerPaneKeys) ShortHelp() []key.Binding { return k.viewer.ShortHelp() }

func (k viewerPaneKeys) FullHelp() [][]key.Binding {
	out := k.viewer.FullHelp()
	if len(k.actions) > 0 {
		out = append(out, k.actions)
	}
	// The writing keys join the second column (the list's Enter, the
	// viewer's back and next): it is the short one, and a column of their
	// own would push the global keys off an 80x24 help.
	out = append([][]key.Binding(nil), out...)
	if len(out) < 2 {
		return append(out, k.write.FullHelp()...)
	}
	out[1] = append(append([]key.Binding(nil), out[1]...), k.write.FullHelp()[0]...)
	return out
}

func (m Model) paneTitle() string {
	switch {
	case m.focus == focusFolders:
		return "folders"
	case m.reader.ShowsParts():
		return "parts"
	case m.reader.Shown():
		return "message"
	}
	return "message list"
}

// quit logs out (bounded by a short timeout) and ends the program. Before
// a session exists, or on a second quit, it ends at once.
func (m Model) quit() (tea.Model, tea.Cmd) {
	if m.quitting || m.session == nil {
		return m, tea.Quit
	}
	m.quitting = true
	m.status = m.status.setNotice("logging out…", false)
	b := m.backend
	return m, call(logoutTimeout, func(ctx context.Context) tea.Msg {
		_ = b.Logout(ctx)
		return loggedOutMsg{}
	})
}
