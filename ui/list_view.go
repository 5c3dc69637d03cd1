package ui

import (
	"fmt"
	"strings"

	"tern/imapsvc"
)

// Column widths of the message list; the subject takes what is left.
const (
	colFlags = 4
	colDate  = 10
	colSize  = 4
)

func (m listModel) fromWidth() int {
	return max(8, min(24, m.width/4))
}

func (m listModel) subjectWidth() int {
	return max(1, m.width-m.flagsWidth()-colDate-m.fromWidth()-colSize-4)
}

// flagsWidth is the flags column: one cell more for the keyword marker.
func (m listModel) flagsWidth() int {
	if m.keywords == keywordsMarker {
		return colFlags + 1
	}
	return colFlags
}

// view renders the header and exactly height rows of width cells.
func (m listModel) view() string {
	lines := make([]string, 0, m.height+listHeaderLines) // rowAt reads the same lines
	hdr := fit("", m.flagsWidth()) + " " + fit("Date", colDate) + " " + fit("From", m.fromWidth()) + " " +
		fit("Subject", m.subjectWidth()) + " " + fitRight("Size", colSize)
	lines = append(lines, m.styles.Header.Render(fit(hdr, m.width)))
	switch {
	case !m.open:
		lines = append(lines, m.styles.Dim.Render(fit("no folder open", m.width)))
	case m.disp().Len() == 0 && !m.uidsPending:
		lines = append(lines, m.styles.Dim.Render(fit(m.look.emptyText(), m.width)))
	}
	d := m.disp()
	anchor := -1
	if m.look.visual {
		anchor = m.index(m.look.anchor)
	}
	for i := m.offset; i < d.Len() && len(lines) < m.height+1; i++ {
		lines = append(lines, m.rowView(d.At(i), i, anchor))
	}
	for len(lines) < m.height+1 {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
}

func (m listModel) rowView(uid imapsvc.UID, row, anchor int) string {
	selected := row == m.cursor
	r, ok := m.rows[uid]
	if !ok {
		text := "…"
		if m.gone[uid] {
			text = fmt.Sprintf("(UID %d unavailable)", uid)
		}
		line := fit(fit("", m.flagsWidth())+" "+fit("", colDate)+" "+text, m.width)
		if selected {
			return m.styles.Selected.Render(line)
		}
		return m.styles.Dim.Render(line)
	}
	size := ""
	if r.HasDetails {
		size = formatSize(r.Size)
	}
	subject := oneLine(r.Subject)
	if subject == "" {
		subject = "(no subject)"
	}
	flags := flagColumn(r)
	switch m.keywords {
	case keywordsMarker:
		flags += keywordMarker(r.Flags.Keywords)
	case keywordsTags:
		subject = keywordTags(r.Flags.Keywords, m.subjectWidth()/2) + subject
	}
	subject = m.look.indent(uid) + subject
	line := fit(flags, m.flagsWidth()) + m.look.markCell(uid, row, anchor, m.cursor) + fit(formatDate(r.Date, m.now()), colDate) + " " +
		fit(oneLine(r.From), m.fromWidth()) + " " + fit(subject, m.subjectWidth()) + " " +
		fitRight(size, colSize)
	line = fit(line, m.width)
	style := m.styles.Normal
	switch {
	case selected:
		style = m.styles.Selected
	case r.Flags.Deleted:
		style = m.styles.Deleted
	case r.Flags.Flagged:
		style = m.styles.Flagged
	case !r.Flags.Seen:
		style = m.styles.Unseen
	}
	return style.Render(line)
}
