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
