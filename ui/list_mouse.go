package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// rowAt is the row (in what is shown) drawn on line y of the list pane,
// 0 being the column header, as view draws it.
func (m listModel) rowAt(y int) (int, bool) {
	r := y - listHeaderLines
	if r < 0 || r >= m.height || m.offset+r >= m.disp().Len() {
		return 0, false
	}
	return m.offset + r, true
}

// clickRow puts the cursor on the message drawn on line y.
func (m listModel) clickRow(y int) (listModel, imapsvc.UID, bool) {
	i, ok := m.rowAt(y)
	if !ok {
		return m, 0, false
	}
	m.setCursor(i)
	return m, m.cur, true
}

// wheel scrolls the list by delta rows; the cursor stays on its message
// while that is on screen, else on the nearest row that is.
func (m listModel) wheel(delta int) (listModel, tea.Cmd) {
	n := m.disp().Len()
	if n == 0 {
		return m, nil
	}
	m.offset = max(0, min(m.offset+delta, n-m.height))
	m.setCursor(max(m.offset, min(m.cursor, m.offset+m.height-1)))
	return m, m.fetch()
}
