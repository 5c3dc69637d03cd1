package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/pane"
)

// overlayMouse gives a click or a wheel notch to the overlay in front.
// The mouse acts on that overlay only: a click beside it, or on the panes
// a one-line overlay (the command line, a question) leaves in view, does
// nothing, so it cannot act behind what the user is answering.
func (m Model) overlayMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	delta := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		delta = -wheelLines
	case tea.MouseButtonWheelDown:
		delta = wheelLines
	case tea.MouseButtonLeft:
	default:
		return m, nil
	}
	g := geometry(m.width, m.height)
	inMain := msg.Y >= 0 && msg.Y < g.mainH
	top, _ := m.overlays.Top()
	switch top.kind {
	case layerPicker:
		area, _, y, ok := g.hit(msg.X, msg.Y)
		if !ok || area != areaRight {
			return m, nil
		}
		if delta != 0 {
			m.acts.picker = m.acts.picker.wheel(delta)
			return m, nil
		}
		return m.clickPicker(y)
	case layerHelp:
		if delta != 0 && inMain {
			total := len(m.help.bodyLines(m.helpKeys(), m.width, g.mainH))
			m.help = m.help.wheel(delta, total, g.mainH)
		}
	case layerPanel:
		if delta != 0 && inMain {
			top.panel.height = m.admin.panel.height
			top.panel = top.panel.wheel(delta)
			m.overlays = m.overlays.SetTop(top)
		}
	case layerConsole:
		if delta != 0 && inMain {
			m.admin.console = m.admin.console.Wheel(delta)
		}
	}
	return m, nil
}

// clickPicker puts the picker's cursor on the folder drawn on line y of
// the right pane (line 0 is the input); a second click on that folder
// soon after chooses it, as Enter does.
func (m Model) clickPicker(y int) (tea.Model, tea.Cmd) {
	p := m.acts.picker
	i, ok := p.rowAt(y, m.list.height+1)
	if !ok {
		m.mouse.pick = ""
		return m, nil
	}
	p.cursor = i
	m.acts.picker = p
	name, now, prev := p.matches[i], m.list.now(), m.mouse
	m.mouse.pick, m.mouse.pickAt = name, now
	if prev.pick != name || now.Sub(prev.pickAt) > doubleClick {
		return m, nil
	}
	m.mouse.pick = ""
	m.acts.picker = p.close()
	m = m.closeTop()
	return m, pane.Emit(folderChosenMsg{dest: name, copy: p.copy, uids: p.uids})
}

// rowAt is the match drawn on line y of the picker, height lines high.
func (m pickerModel) rowAt(y, height int) (int, bool) {
	i := m.first(height) + y - 1
	if y < 1 || y >= height || i >= len(m.matches) {
		return 0, false
	}
	return i, true
}

// first is the first match shown in height lines (the input takes one),
// so that the cursor is always on screen.
func (m pickerModel) first(height int) int {
	return max(0, m.cursor-(height-2))
}

// wheel moves the picker's cursor by delta folders.
func (m pickerModel) wheel(delta int) pickerModel {
	m.cursor = max(0, min(m.cursor+delta, len(m.matches)-1))
	return m
}

// wheel scrolls the help's text by delta lines; total is its line count.
func (m helpModel) wheel(delta, total, height int) helpModel {
	m.offset = max(0, min(m.offset+delta, maxOffset(total, helpRoom(height))))
	return m
}

// wheel scrolls a panel by delta lines.
func (m panelModel) wheel(delta int) panelModel {
	h := max(1, m.height)
	m.offset = max(0, min(m.offset+delta, len(m.lines)-h))
	return m
}

// pickState is the mouse's memory of the picker: the folder last clicked
// and when, to tell a double-click. The folder is named, not numbered, so
// a filter that changes under the pointer cannot choose another one.
type pickState struct {
	pick   imapsvc.FolderName
	pickAt time.Time
}
