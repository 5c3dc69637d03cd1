package ui

// question is the question in front of the others (tests read it).
func (m Model) question() confirmModel {
	all := m.overlays.All()
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].kind == layerConfirm {
			return all[i].confirm
		}
	}
	return confirmModel{}
}

// active reports whether the question is being asked.
func (c confirmModel) active() bool { return c.onYes != nil }
