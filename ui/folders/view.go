package folders

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/ui/pane"
)

// View renders exactly height lines of width cells.
func (m Model) View(focused bool) string {
	lines := make([]string, 0, m.height)
	if m.multi() {
		lines = m.accountsView(focused)
	} else if m.topLines() > 0 { // the mouse counts this line too (mouse.go)
		lines = append(lines, m.styles.NoSelect.Render(pane.Fit("loading folders…", m.width)))
	}
	cur := m.index()
	for i := m.offset; !m.multi() && i < len(m.rows) && len(lines) < m.height; i++ {
		lines = append(lines, m.rowView(m.rows[i], focused && i == cur, i == cur))
	}
	for len(lines) < m.height {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
}

func (m Model) rowView(r row, selected, cursor bool) string {
	n := r.Node
	marker := "  "
	if len(n.Children) > 0 {
		marker = "▸ "
		if r.Expanded {
			marker = "▾ "
		}
	}
	icon := specialIcon(n.Folder, n.Path.IsInbox())
	sep := " "
	if cursor && !selected {
		sep = "›" // where the cursor is while the pane is not focused
	}
	if m.unsubscribed[n.Path] {
		sep = "~" // not subscribed
	}
	prefix := strings.Repeat(" ", r.Depth) + marker + icon + sep
	counts := ""
	if c, ok := m.counts[n.Path]; ok && n.Selectable() {
		counts = fmt.Sprintf("%d", c.Messages)
		if c.Unseen > 0 {
			counts = fmt.Sprintf("%d/%d", c.Unseen, c.Messages)
		}
	}
	nameW := m.width - ansi.StringWidth(prefix)
	if counts != "" {
		nameW -= len(counts) + 1
	}
	if nameW < 1 {
		counts, nameW = "", m.width-ansi.StringWidth(prefix)
	}
	left := pane.Fit(prefix+pane.Fit(n.Label, nameW), m.width-len(counts)-min(1, len(counts)))
	style := m.styles.Normal
	switch {
	case selected:
		style = m.styles.Selected
	case n.Path == m.active && m.active != "":
		style = m.styles.Active
	case !n.Selectable():
		style = m.styles.NoSelect
	case n.Folder.SpecialUse != "" || icon == "I":
		style = m.styles.Special
	}
	if counts == "" {
		return style.Render(left)
	}
	if selected {
		return style.Render(left + " " + counts)
	}
	return style.Render(left) + " " + m.styles.Counts.Render(counts)
}

// specialIcon is the letter shown before a special-use folder.
func specialIcon(f imapsvc.Folder, isInbox bool) string {
	if isInbox {
		return "I"
	}
	switch f.SpecialUse {
	case "Drafts":
		return "D"
	case "Sent":
		return "S"
	case "Trash":
		return "T"
	case "Junk":
		return "J"
	case "Archive":
		return "A"
	case "All":
		return "*"
	case "Flagged":
		return "F"
	}
	return " "
}
