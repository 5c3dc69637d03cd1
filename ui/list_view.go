package ui

import (
	"fmt"
	"strings"

	"tern/imapsvc"
	"tern/ui/pane"
)

// Column widths of the message list; the subject takes what is left.
const (
	colFlags     = 4
	colDate      = 10
	colDateShort = 6 // "15:04", "Jan 02", "2006"
	colSize      = 4
)

// Below these list widths the Size column drops and the date shortens,
// then the date drops too, so that the subject keeps a readable share.
const (
	narrowList = 50
	tinyList   = 36
)

// dateWidth is the Date column's width; 0: not shown.
func (m listModel) dateWidth() int {
	switch {
	case m.width < tinyList:
		return 0
	case m.width < narrowList:
		return colDateShort
	}
	return colDate
}

// sizeWidth is the Size column's width; 0: not shown.
func (m listModel) sizeWidth() int {
	if m.width < narrowList {
		return 0
	}
	return colSize
}

func (m listModel) fromWidth() int {
	if m.width < narrowList {
		return max(8, min(24, m.width/5))
	}
	return max(8, min(24, m.width/4))
}

func (m listModel) subjectWidth() int {
	used := m.flagsWidth() + 1 + m.fromWidth() + 1 // flags, mark cell, From, space
	if w := m.dateWidth(); w > 0 {
		used += w + 1
	}
	if w := m.sizeWidth(); w > 0 {
		used += w + 1
	}
	return max(1, m.width-used)
}

// dateCell is a row's date in the Date column (empty when it is dropped).
func (m listModel) dateCell(r imapsvc.Row) string {
	switch m.dateWidth() {
	case 0:
		return ""
	case colDateShort:
		return pane.Fit(formatDateShort(r.Date, m.now()), colDateShort) + " "
	}
	return pane.Fit(formatDate(r.Date, m.now()), colDate) + " "
}

// dateHeader and sizeCell follow the same columns.
func (m listModel) dateHeader() string {
	if w := m.dateWidth(); w > 0 {
		return pane.Fit("Date", w) + " "
	}
	return ""
}

func (m listModel) sizeCell(s string) string {
	if w := m.sizeWidth(); w > 0 {
		return " " + pane.FitRight(s, w)
	}
	return ""
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
	hdr := pane.Fit("", m.flagsWidth()) + " " + m.dateHeader() + pane.Fit("From", m.fromWidth()) + " " +
		pane.Fit("Subject", m.subjectWidth()) + m.sizeCell("Size")
	lines = append(lines, m.styles.Header.Render(pane.Fit(hdr, m.width)))
	switch {
	case !m.open:
		lines = append(lines, m.styles.Dim.Render(pane.Fit("no folder open", m.width)))
	case m.disp().Len() == 0 && !m.uidsPending():
		lines = append(lines, m.styles.Dim.Render(pane.Fit(m.look.emptyText(), m.width)))
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
		line := pane.Fit(pane.Fit("", m.flagsWidth())+" "+pane.Fit("", m.dateWidth())+" "+text, m.width)
		if selected {
			return m.styles.Selected.Render(line)
		}
		return m.styles.Dim.Render(line)
	}
	size := ""
	if r.HasDetails {
		size = pane.FormatSize(r.Size)
	}
	subject := pane.OneLine(r.Subject)
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
	mark := m.look.markCell(uid, row, anchor, m.cursor)
	line := pane.Fit(flags, m.flagsWidth()) + mark + m.dateCell(r) +
		pane.Fit(pane.OneLine(r.From), m.fromWidth()) + " " + pane.Fit(subject, m.subjectWidth()) + m.sizeCell(size)
	line = pane.Fit(line, m.width)
	style := m.styles.Normal
	switch {
	case selected:
		style = m.styles.Selected
	case mark != " ":
		style = m.styles.Marked
	case r.Flags.Deleted:
		style = m.styles.Deleted
	case r.Flags.Flagged:
		style = m.styles.Flagged
	case !r.Flags.Seen:
		style = m.styles.Unseen
	}
	return style.Render(line)
}
