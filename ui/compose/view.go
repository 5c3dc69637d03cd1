package compose

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tern/sanitize"
)

// bodyLines is how much of the body the review shows at most; the editor
// shows the rest.
const bodyLines = 12

// View draws the review: the headers as they will be sent, what is wrong
// with them, the attachments, the first lines of the body and how the
// last send went. Everything the user typed passes sanitize, as a
// pasted escape sequence would otherwise reach the terminal.
func (m Model) View() string {
	st := m.styles
	w := max(1, m.width)
	var out []string
	add := func(s string) { out = append(out, ansi.Truncate(s, w, "…")) }
	field := func(k, v string) {
		add(st.Viewer.HeaderKey.Render(fmt.Sprintf("%-9s", k+":")) + " " + st.Viewer.HeaderValue.Render(sanitize.Line(v)))
	}
	d := m.draft
	add(st.Help.Title.Render("Review: " + what(m.job)))
	field("From", d.From)
	field("To", d.To)
	if d.Cc != "" {
		field("Cc", d.Cc)
	}
	if d.Bcc != "" {
		field("Bcc", d.Bcc)
	}
	field("Subject", d.Subject)
	for i, a := range d.Attachments {
		name := a.Name
		if name == "" {
			name = filepath.Base(a.Path)
		}
		field(fmt.Sprintf("Attach %d", i+1), name+"  ("+a.Path+")")
	}
	if len(m.errs) > 0 {
		add("")
		for _, e := range m.errs {
			// A problem is wrapped, not cut: its end says what is wrong.
			for _, l := range strings.Split(ansi.Wrap("✗ "+sanitize.Line(e), w, ""), "\n") {
				add(st.Status.Error.Render(l))
			}
		}
	}
	switch {
	case m.busy != "":
		add("")
		add(st.Status.Warning.Render(m.busy))
	case m.failure != "":
		add("")
		add(st.Status.Error.Render("✗ " + sanitize.Line(m.failure)))
		if m.failed {
			add(st.Status.Warning.Render("The message was not sent and is kept: " + m.keys.Send.Help().Key + " tries again, " +
				m.keys.Postpone.Help().Key + " postpones it to Drafts."))
		}
	}
	add("")
	room := max(1, m.height-len(out)-1) // one line for "… more"
	body := strings.Split(strings.TrimRight(d.Body, "\n"), "\n")
	n := min(len(body), bodyLines, room)
	for _, l := range body[:n] {
		s := sanitize.Line(strings.ReplaceAll(l, "\t", "    "))
		if strings.HasPrefix(l, ">") {
			add(st.Viewer.Quote.Render(s))
		} else {
			add(st.Viewer.Body.Render(s))
		}
	}
	if len(body) > n {
		add(st.Viewer.Notes.Render(fmt.Sprintf("… %d more lines", len(body)-n)))
	}
	if m.height > 0 && len(out) > m.height {
		out = out[:m.height]
	}
	for len(out) < m.height { // the screen's bottom lines stay at the bottom
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

func what(j Job) string {
	switch {
	case j.Resumed.UID != 0:
		return "draft from Drafts"
	case j.Origin.Flag == "$Forwarded":
		return "forward"
	case j.Origin.UID != 0:
		return "reply"
	}
	return "new message"
}
