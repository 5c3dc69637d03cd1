package reader

import (
	"fmt"
	"strings"

	"tern/imapsvc"
	"tern/themes"
	"tern/ui/pane"
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

// partsTop is the lines above the parts: the title and a blank line.
const partsTop = 2

// first is the first part shown in height lines, so that the cursor is
// always on screen.
func (p partsModel) first(height int) int {
	return max(0, p.cursor-(height-partsTop-1))
}

// rowAt is the part drawn on line y of the list, height lines high.
func (p partsModel) rowAt(y, height int) (int, bool) {
	i := p.first(height) + y - partsTop
	if y < partsTop || y >= height || i >= len(p.parts) {
		return 0, false
	}
	return i, true
}

// view draws the list in the viewer's place, width×height cells.
func (p partsModel) view(st themes.ViewerStyles, title string, width, height int) string {
	out := []string{st.HeaderKey.Render(pane.Fit(title, width)), ""}
	for i := p.first(height); i < len(p.parts) && len(out) < height; i++ {
		pt := p.parts[i]
		mark := "  "
		if pt.Attachment {
			mark = " +"
		}
		name := pt.Name
		if name == "" {
			name = "-"
		}
		line := fmt.Sprintf("%s %s %s %s %s  %s", mark, pane.Fit(pt.Section, 6), pane.Fit(pt.Type, 24), pane.Fit(name, 24),
			pane.FitRight(pane.FormatSize(int64(pt.Size)), 6), pt.Encoding)
		style := st.Body
		if pt.Attachment {
			style = st.Attachment
		}
		if i == p.cursor {
			style = st.Selected
			line = ">" + line[1:]
		}
		out = append(out, style.Render(pane.Fit(line, width)))
	}
	if len(out) > height {
		out = out[:height]
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", width))
	}
	return strings.Join(out, "\n")
}
