package ui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// wheelLines is how far one notch of the wheel scrolls a pane.
const wheelLines = 3

// doubleClick is the longest time between two clicks on one row that
// opens its message.
const doubleClick = 500 * time.Millisecond

// mouseState is what the mouse needs to remember: the last click on a
// list row, to tell a double-click.
type mouseState struct {
	off    bool // mouse = false in the config
	lastMb imapsvc.Mailbox
	last   imapsvc.UID // 0: the last click was not on a row
	lastAt time.Time
	pickState
	// part and partAt: the part of the parts list clicked last, as
	// "UID/section".
	part   string
	partAt time.Time
}

// clickPart puts the parts list's cursor on the part clicked; a second
// click on it soon after opens it, as Enter there does.
func (m Model) clickPart(y int) (tea.Model, tea.Cmd) {
	var sec string
	var ok bool
	if m.reader, sec, ok = m.reader.Click(y); !ok {
		m.mouse.part = ""
		return m, nil
	}
	open, _ := m.reader.Message()
	sec = fmt.Sprintf("%d/%s", open.UID, sec)
	now, prev := m.list.now(), m.mouse
	m.mouse.part, m.mouse.partAt = sec, now
	if prev.part != sec || now.Sub(prev.partAt) > doubleClick {
		return m, nil
	}
	m.mouse.part = ""
	return m.readerIntent(m.reader.OpenSelected())
}

// handleMouse routes a click or a wheel notch to the pane under the
// pointer, found with the geometry View draws with. While an overlay is
// open it goes to the overlay (overlay_mouse.go), never to the panes
// behind it.
func (m Model) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.mouse.off || m.phase != phaseReady || msg.Action != tea.MouseActionPress {
		return m, nil
	}
	if m.overlays.Len() > 0 {
		return m.overlayMouse(msg)
	}
	area, _, y, ok := geometry(m.width, m.height).hit(msg.X, msg.Y)
	if !ok {
		return m, nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.wheel(area, -wheelLines)
	case tea.MouseButtonWheelDown:
		return m.wheel(area, wheelLines)
	case tea.MouseButtonLeft:
		return m.click(area, y)
	}
	return m, nil
}

// wheel scrolls the pane under the pointer without moving the focus.
func (m Model) wheel(area paneArea, delta int) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case area == areaFolders:
		m.folders = m.folders.Wheel(delta)
	case m.reader.Shown():
		m.reader = m.reader.Wheel(delta)
	default:
		m.list, cmd = m.list.wheel(delta)
	}
	return m, cmd
}

// click focuses the pane under the pointer. On a folder it opens the
// folder, as Enter there does; on a list row it puts the cursor on that
// message, and a second click on it soon after opens it.
func (m Model) click(area paneArea, y int) (tea.Model, tea.Cmd) {
	if area == areaFolders {
		m.focus, m.mouse.last = focusFolders, 0
		var cmd tea.Cmd
		m.folders, cmd = m.folders.Click(y)
		return m, cmd
	}
	m.focus = focusRight
	if m.readerActive() && m.reader.ShowsParts() {
		return m.clickPart(y)
	}
	if m.reader.Shown() {
		return m, nil // the message text has nothing to click on
	}
	var uid imapsvc.UID
	var ok bool
	if m.list, uid, ok = m.list.clickRow(y); !ok {
		m.mouse.last = 0
		return m, nil
	}
	now, prev := m.list.now(), m.mouse
	m.mouse.lastMb, m.mouse.last, m.mouse.lastAt = m.list.mb, uid, now
	if prev.last == uid && prev.lastMb == m.list.mb && now.Sub(prev.lastAt) <= doubleClick {
		m.mouse.last = 0 // a third click starts again
		return m.openMessage(m.list.mb, uid)
	}
	return m, m.list.fetch()
}
