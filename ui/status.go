package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/themes"
)

// statusModel is the status bar and the message line under it.
type statusModel struct {
	styles  themes.StatusStyles
	account string

	sel    imapsvc.Selection // Newest is not kept
	hasSel bool
	state  imapsvc.ConnState

	insecure bool

	notice    string
	noticeErr bool
}

func (m statusModel) setSelection(sel imapsvc.Selection) statusModel {
	sel.Newest = nil
	m.sel, m.hasSel = sel, true
	return m
}

func (m statusModel) setNotice(text string, isErr bool) statusModel {
	m.notice, m.noticeErr = text, isErr
	return m
}

// view renders the status bar: account, folder and mode, the counts as
// SELECT reported them on the left; activity, connection state and
// INSECURE on the right. When the line is too narrow the least useful
// items go first (UIDVALIDITY, then RECENT).
func (m statusModel) view(width int, spin, activity string) string {
	n := m.styles.Normal
	left := " " + m.account
	if m.hasSel {
		mode := m.styles.Mode.Render("[READ-WRITE]")
		if m.sel.ReadOnly {
			mode = m.styles.ReadOnly.Render("[READ-ONLY]")
		}
		left += n.Render(" │ "+m.sel.Name+" ") + mode
	}
	right := m.state.String() + " "
	if spin != "" {
		right = spin + " " + activity + " │ " + right
	}
	right = n.Render(right)
	if m.insecure {
		right += m.styles.Insecure.Render("INSECURE") + n.Render(" ")
	}
	var counts []string
	if m.hasSel {
		counts = []string{
			fmt.Sprintf(" │ %d exists, %d recent, %d unseen │ uidvalidity %d", m.sel.Exists, m.sel.Recent, m.sel.Unseen, m.sel.UIDValidity),
			fmt.Sprintf(" │ %d exists, %d recent, %d unseen", m.sel.Exists, m.sel.Recent, m.sel.Unseen),
			fmt.Sprintf(" │ %d exists, %d unseen", m.sel.Exists, m.sel.Unseen),
			"",
		}
	}
	bar := left
	for _, c := range counts {
		bar = left + n.Render(c)
		if ansi.StringWidth(bar)+ansi.StringWidth(right)+1 <= width {
			break
		}
	}
	gap := width - ansi.StringWidth(bar) - ansi.StringWidth(right)
	if gap >= 1 {
		return bar + n.Render(strings.Repeat(" ", gap)) + right
	}
	return ansi.Truncate(bar+n.Render(" ")+right, width, "…")
}

// noticeView renders the last notice (an error in the error style).
func (m statusModel) noticeView(width int) string {
	text := fit(oneLine(m.notice), width)
	if m.noticeErr {
		return m.styles.Error.Render(text)
	}
	return m.styles.Warning.Render(text)
}
