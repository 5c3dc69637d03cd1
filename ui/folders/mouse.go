package folders

import (
	tea "github.com/charmbracelet/bubbletea"

	"tern/ui/pane"
)

// topLines is what View draws above the rows: the loading line.
func (m Model) topLines() int {
	if !m.loaded && !m.multi() {
		return 1
	}
	return 0
}

// rowAt is the row drawn on line y of the pane, as View draws it.
func (m Model) rowAt(y int) (int, bool) {
	r := y - m.topLines()
	if r < 0 || r >= m.height-m.topLines() || m.offset+r >= len(m.rows) {
		return 0, false
	}
	return m.offset + r, true
}

// Click puts the cursor on the folder drawn on line y and opens it, as
// Open does; a click below the last folder does nothing.
func (m Model) Click(y int) (Model, tea.Cmd) {
	if m.multi() {
		return m.accountsClick(y)
	}
	i, ok := m.rowAt(y)
	if !ok {
		return m, nil
	}
	m = m.place(i)
	return m, m.openCmd(m.rows[i].Node)
}

// Wheel scrolls the tree by delta rows; the cursor stays on its folder
// while that is on screen, else on the nearest row that is.
func (m Model) Wheel(delta int) Model {
	if m.multi() {
		// Scrolling past this account would show another: the wheel
		// scrolls within this one's lines.
		items := m.items()
		lo, hi := len(items), 0
		for k, it := range items {
			if it.acct == m.own {
				lo, hi = min(lo, k), max(hi, k)
			}
		}
		c := max(lo, min(hi, m.itemIndex(items)+delta))
		m, _ = m.placeItem(items, c, false)
		return m
	}
	n := len(m.rows)
	if n == 0 {
		return m
	}
	h := max(1, m.height-m.topLines())
	m.offset = max(0, min(m.offset+delta, n-h))
	return m.place(max(m.offset, min(m.index(), m.offset+h-1)))
}

// openCmd asks the root to open n, or says why it cannot be opened.
func (m Model) openCmd(n *Node) tea.Cmd {
	if !n.Selectable() {
		return pane.Emit(NoticeMsg{Text: n.Folder.Display + ` cannot be opened (\Noselect)`, Err: true})
	}
	return pane.Emit(OpenMsg{Name: n.Path})
}
