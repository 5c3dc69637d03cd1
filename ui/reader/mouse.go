package reader

// Wheel scrolls what the viewer shows by delta lines (negative: up); in
// the parts list it moves the cursor one part instead, as j and k do there.
func (m Model) Wheel(delta int) Model {
	if m.ShowsParts() {
		step := 1 // a part a notch: the list is short
		if delta < 0 {
			step = -1
		}
		m.parts.cursor = max(0, min(m.parts.cursor+step, len(m.parts.parts)-1))
		return m
	}
	m.v.offset = max(0, min(m.v.offset+delta, m.v.maxOffset()))
	return m
}

// Offset is the first body line shown, for tests and the mouse.
func (m Model) Offset() int { return m.v.offset }

// Click puts the parts list's cursor on the part drawn on line y of the
// pane; ok is false when the list is not shown or no part is there.
// section names the part, so the root can tell a double-click on it.
func (m Model) Click(y int) (_ Model, section string, ok bool) {
	if !m.ShowsParts() {
		return m, "", false
	}
	i, ok := m.parts.rowAt(y, m.v.height)
	if !ok {
		return m, "", false
	}
	m.parts.cursor = i
	return m, m.parts.parts[i].Section, true
}

// OpenSelected asks to open the part under the parts list's cursor, as
// Enter there does; nil when the list is not shown.
func (m Model) OpenSelected() Intent {
	part, ok := m.parts.selected()
	if !m.ShowsParts() || !ok {
		return nil
	}
	return Open{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Part: part}
}
