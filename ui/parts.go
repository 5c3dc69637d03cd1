package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/themes"
)

// partsModel is the parts list of the open message (NeoMutt's attachment
// menu): every part with its section, type, name, size and encoding.
type partsModel struct {
	parts  []imapsvc.PartInfo
	cursor int
}

func (p partsModel) reset(parts []imapsvc.PartInfo) partsModel {
	p.parts, p.cursor = parts, 0
	for i, pt := range parts { // start on the first attachment
		if pt.Attachment {
			p.cursor = i
			break
		}
	}
	return p
}

func (p partsModel) selected() (imapsvc.PartInfo, bool) {
	if p.cursor < 0 || p.cursor >= len(p.parts) {
		return imapsvc.PartInfo{}, false
	}
	return p.parts[p.cursor], true
}

// partsKey handles keys while the parts list is shown.
func (m Model) partsKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	k := m.viewer.keys
	r := &m.reader
	if c, ok := move(k.Moves, msg, r.parts.cursor, len(r.parts.parts), m.viewer.bodyHeight()); ok {
		r.parts.cursor = c
		return m, nil, true
	}
	part, ok := r.parts.selected()
	switch {
	case key.Matches(msg, k.Back, k.Parts):
		return m.showMessage(r.msg), nil, true
	case key.Matches(msg, k.Save) && ok:
		m, cmd := m.askSave(part)
		return m, cmd, true
	case key.Matches(msg, k.Open) && ok:
		m, cmd := m.openPart(part)
		return m, cmd, true
	case key.Matches(msg, k.SaveAll):
		m, cmd := m.askSaveAll()
		return m, cmd, true
	}
	return m, nil, true
}

// view draws the list in the viewer's place, width×height cells.
func (p partsModel) view(st themes.ViewerStyles, title string, width, height int) string {
	out := []string{st.HeaderKey.Render(fit(title, width)), ""}
	for i, pt := range p.parts {
		mark := "  "
		if pt.Attachment {
			mark = " +"
		}
		name := pt.Name
		if name == "" {
			name = "-"
		}
		line := fmt.Sprintf("%s %s %s %s %s  %s", mark, fit(pt.Section, 6), fit(pt.Type, 24), fit(name, 24),
			fitRight(formatSize(int64(pt.Size)), 6), pt.Encoding)
		style := st.Body
		if pt.Attachment {
			style = st.Attachment
		}
		if i == p.cursor {
			style = st.Selected
			line = ">" + line[1:]
		}
		out = append(out, style.Render(fit(line, width)))
	}
	if len(out) > height {
		out = out[:height]
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", width))
	}
	return strings.Join(out, "\n")
}
