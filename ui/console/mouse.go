package console

// Wheel scrolls the trace by delta lines (negative: back, as the wheel
// up goes), as the scroll keys do ten at a time.
func (m Model) Wheel(delta int) Model {
	m.back = max(0, min(len(m.trace), m.back-delta))
	return m
}
