package reader

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/mailtext"
	"tern/themes"
	"tern/ui/pane"
)

// viewer shows one message (or a text such as the capability list):
// the headers stay at the top, the wrapped body scrolls below them.
type viewer struct {
	keys   keymap.ViewerKeys
	styles themes.ViewerStyles

	title   string // "" for a message
	msg     imapsvc.Message
	hasMsg  bool
	loading bool
	text    string
	notes   []string

	lines         []string // wrapped body
	linkFrom      int      // the first line of the numbered link list, len(lines) if none
	offset        int
	width, height int
}

// setSize rewraps only when the width changes: the wrapped lines are
// cached for the current width, so a resize in height or a scroll costs
// nothing in the size of the text.
func (m viewer) setSize(w, h int) viewer {
	widthChanged := w != m.width
	m.width, m.height = w, h
	if !widthChanged {
		m.offset = max(0, min(m.offset, m.maxOffset()))
		return m
	}
	return m.rewrap()
}

// setLoading shows the viewer while a message is fetched.
func (m viewer) setLoading(uid imapsvc.UID) viewer {
	m.title, m.hasMsg, m.loading = "", false, true
	m.text, m.notes, m.offset = fmt.Sprintf("Loading message UID %d…", uid), nil, 0
	return m.rewrap()
}

func (m viewer) setMessage(msg imapsvc.Message) viewer {
	m.title, m.msg, m.hasMsg, m.loading = "", msg, true, false
	m.text, m.notes, m.offset = msg.Text, msg.Notes, 0
	return m.rewrap()
}

// setText shows a titled text, e.g. the CAPABILITY answer.
func (m viewer) setText(title, text string) viewer {
	m.title, m.hasMsg, m.loading = title, false, false
	m.text, m.notes, m.offset = text, nil, 0
	return m.rewrap()
}

func (m viewer) rewrap() viewer {
	// Quoted lines keep their ">" marks when wrapped; CJK counts two cells.
	// A message's link list is wrapped apart so its lines are known.
	body, links := m.text, ""
	if m.hasMsg {
		off, _ := footer(m.text)
		body, links = m.text[:off], m.text[off:]
	}
	m.lines = mailtext.WrapQuoted(body, max(1, m.width))
	m.linkFrom = len(m.lines)
	m.lines = append(m.lines, mailtext.WrapQuoted(links, max(1, m.width))...)
	m.offset = max(0, min(m.offset, m.maxOffset()))
	return m
}

func (m viewer) bodyHeight() int { return max(1, m.height-len(m.headerLines())) }

func (m viewer) maxOffset() int { return max(0, len(m.lines)-m.bodyHeight()) }

// scroll moves the top line: the viewer's "cursor" is the top line.
func (m viewer) scroll(km tea.KeyMsg) viewer {
	m.offset, _ = pane.Move(m.keys.Moves, km, m.offset, m.maxOffset()+1, m.bodyHeight())
	return m
}

func (m viewer) headerLines() []string {
	if m.title != "" {
		return []string{m.styles.HeaderKey.Render(pane.Fit(m.title, m.width)), ""}
	}
	if !m.hasMsg {
		return nil
	}
	var out []string
	add := func(k, v string) {
		k += ": "
		out = append(out, m.styles.HeaderKey.Render(k)+m.styles.HeaderValue.Render(pane.Fit(pane.OneLine(v), max(1, m.width-len(k)))))
	}
	add("From", m.msg.From)
	add("To", m.msg.To)
	if m.msg.Cc != "" {
		add("Cc", m.msg.Cc)
	}
	if !m.msg.Date.IsZero() {
		add("Date", m.msg.Date.Format(time.RFC1123Z))
	}
	add("Subject", m.msg.Subject)
	if kws := m.msg.Flags.Keywords; len(kws) > 0 {
		add("Keywords", strings.Join(kws, " "))
	}
	if len(m.msg.Parts) > 0 {
		add("Parts", partsLine(m.msg.Parts))
	}
	for _, n := range m.notes {
		out = append(out, m.styles.Notes.Render(pane.Fit("[note] "+pane.OneLine(n), m.width)))
	}
	return append(out, "")
}

// partsLine summarises the MIME structure: "text/plain 1.2K, report.pdf
// application/pdf 34K".
func partsLine(parts []imapsvc.PartInfo) string {
	var s []string
	for _, p := range parts {
		item := p.Type
		if p.Name != "" {
			item = p.Name + " " + item
		}
		if p.Size > 0 {
			item += " " + pane.FormatSize(int64(p.Size))
		}
		s = append(s, item)
	}
	return strings.Join(s, ", ")
}

// view renders exactly height lines of width cells.
func (m viewer) view() string {
	out := m.headerLines()
	if len(out) > m.height {
		out = out[:m.height]
	}
	for i := m.offset; i < len(m.lines) && len(out) < m.height; i++ {
		style := m.styles.Body
		switch {
		case i >= m.linkFrom:
			style = m.styles.Link
		case strings.HasPrefix(m.lines[i], ">"):
			style = m.styles.Quote
		}
		line := pane.Fit(m.lines[i], m.width)
		if i >= m.linkFrom { // underline the link, not the padding after it
			text := strings.TrimRight(line, " ")
			out = append(out, style.Render(text)+line[len(text):])
			continue
		}
		out = append(out, style.Render(line))
	}
	for len(out) < m.height {
		out = append(out, strings.Repeat(" ", m.width))
	}
	return strings.Join(out, "\n")
}
