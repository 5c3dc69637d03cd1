package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/themes"
	"tern/ui/pane"
)

// statusModel is the status bar and the message line under it.
type statusModel struct {
	styles  themes.StatusStyles
	account string

	sel    imapsvc.Selection // Newest is not kept
	hasSel bool
	// unseen comes with the UID list (a SEARCH UNSEEN), after SELECT.
	unseen      uint32
	unseenKnown bool
	state       imapsvc.ConnState
	// stateByEvents: the backend reports its state; from then on the
	// model's own guesses (after Connect, Select) would only race with it.
	stateByEvents bool

	insecure bool
	// offline: the server could not be reached and the cache is what is
	// shown (warm.go).
	offline    bool
	offlineTry int       // tries to connect while offline
	offlineAt  time.Time // when the next one starts
	// retryAt is when the next reconnect try starts; zero when none.
	retryAt      time.Time
	retryAttempt int

	notice    string
	noticeErr bool
	noticeGen int        // counts setNotice calls, so Update sees a new notice
	noticeReq uint64     // the newest request when the notice was set (track.go)
	quota     quotaState // the open folder's fullest quota resource
	rights    string     // MYRIGHTS of the open folder when it forbids writes
}

func (m statusModel) setSelection(sel imapsvc.Selection) statusModel {
	sel.Newest = nil
	m.sel, m.hasSel = sel, true
	m.unseen, m.unseenKnown = 0, false
	return m
}

// guessState sets the state from what the model knows, unless the backend
// reports it itself.
func (m statusModel) guessState(s imapsvc.ConnState) statusModel {
	if !m.stateByEvents {
		m.state = s
	}
	return m
}

func (m statusModel) setUnseen(n uint32) statusModel {
	m.unseen, m.unseenKnown = n, true
	return m
}

// addUnseen adjusts the unseen count after a flag change, when known.
func (m statusModel) addUnseen(delta int) statusModel {
	if m.unseenKnown {
		m.unseen = uint32(max(0, int(m.unseen)+delta))
	}
	return m
}

func (m statusModel) setNotice(text string, isErr bool) statusModel {
	m.notice, m.noticeErr = text, isErr
	m.noticeGen++
	return m
}

// view renders the status bar: account, folder and mode, the counts as
// SELECT reported them on the left; activity, connection state and
// INSECURE on the right. When the line is too narrow the least useful
// items go first (UIDVALIDITY, then RECENT). syncing: the rows shown
// come from the cache, not confirmed by the server yet (the list's warm).
func (m statusModel) view(width int, spin, activity string, syncing bool) string {
	n := m.styles.Normal
	left := " " + m.account
	if m.hasSel {
		mode := m.styles.Mode.Render("[READ-WRITE]")
		if m.sel.ReadOnly {
			mode = m.styles.ReadOnly.Render("[READ-ONLY]")
		}
		left += n.Render(" │ "+m.sel.Name.String()+" ") + mode
	}
	right := m.stateText() + " "
	if spin != "" {
		right = spin + " " + activity + " │ " + right
	}
	right = n.Render(right)
	if syncing && !m.offline {
		right = n.Faint(true).Render("syncing ") + right
	}
	if q := m.quotaView(); q != "" {
		right = q + right
	}
	if m.rights != "" {
		right = m.styles.ReadOnly.Render("rights "+m.rights) + n.Render(" ") + right
	}
	if m.insecure {
		right += m.styles.Insecure.Render("INSECURE") + n.Render(" ")
	}
	var counts []string
	if m.hasSel {
		unseen := ""
		if m.unseenKnown {
			unseen = fmt.Sprintf(", %d unseen", m.unseen)
		}
		// RECENT cannot exceed EXISTS; a server that sends no new RECENT
		// after an expunge (Cyrus) leaves a stale count: clamp and say so.
		recent := fmt.Sprintf("%d recent", m.sel.Recent)
		if m.sel.Recent > m.sel.Exists {
			recent = fmt.Sprintf("%d recent (stale)", m.sel.Exists)
		}
		counts = []string{
			fmt.Sprintf(" │ %d exists, %s%s │ uidvalidity %d", m.sel.Exists, recent, unseen, m.sel.UIDValidity),
			fmt.Sprintf(" │ %d exists, %s%s", m.sel.Exists, recent, unseen),
			fmt.Sprintf(" │ %d exists%s", m.sel.Exists, unseen),
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
	text := pane.Fit(pane.OneLine(m.notice), width)
	if m.noticeErr {
		return m.styles.Error.Render(text)
	}
	return m.styles.Warning.Render(text)
}

// stateText is the connection state, with the next reconnect try while
// disconnected.
func (m statusModel) stateText() string {
	if m.offline {
		return fmt.Sprintf("offline, retry %d at %s", m.offlineTry, m.offlineAt.Format("15:04:05"))
	}
	if m.state == imapsvc.StateDisconnected && !m.retryAt.IsZero() {
		return fmt.Sprintf("disconnected, retry %d at %s", m.retryAttempt, m.retryAt.Format("15:04:05"))
	}
	return m.state.String()
}
