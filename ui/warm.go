package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folders"
)

// Rows first: with a header cache (imapsvc.Warmer), the last-open
// folder's rows come from disk before the connection is up. They show
// as "syncing" until the server's UID list confirms them, and writes to
// them are refused until then. When the server cannot be reached, tern
// stays on the cached rows, offline, and tries again with a growing
// pause.

// warmedMsg answers Warm.
type warmedMsg struct {
	name imapsvc.FolderName // "" at start: the last folder open
	w    imapsvc.Warmed
	ok   bool
	err  error
}

// warmFoldersMsg answers CachedFolders.
type warmFoldersMsg struct {
	list imapsvc.FolderList
	ok   bool
}

// offlineRetryMsg is the time to try connecting again while offline.
type offlineRetryMsg struct{}

// warmWindow is how many rows the cache hands over at start, before the
// screen's size is known.
const warmWindow = 120

// offlineRetryMax caps the pause between tries while offline.
const offlineRetryMax = 2 * time.Minute

func (m Model) warmCmd() tea.Cmd { return m.warmFolderCmd("") }

// warmFolderCmd asks the cache for a folder ("": the last one open).
func (m Model) warmFolderCmd(name imapsvc.FolderName) tea.Cmd {
	w, ok := m.backend.(imapsvc.Warmer)
	if !ok {
		return nil
	}
	window := warmWindow
	if m.list.height > 0 {
		window = m.list.height + m.list.margin()
	}
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		v, ok, err := w.Warm(ctx, name, window)
		return warmedMsg{name: name, w: v, ok: ok, err: err}
	})
}

// openCached opens a folder from the cache while offline (ok: no SELECT
// to send). Online, it asks the cache beside the SELECT: the cached rows
// show (syncing) until the server's answer replaces them.
func (m Model) openCached(name imapsvc.FolderName) (Model, tea.Cmd, bool) {
	m.list.warmWant = name
	if !m.status.offline {
		if m.session == nil || (m.list.open && m.list.mb.Name == name) {
			return m, nil, false
		}
		return m, m.warmFolderCmd(name), false
	}
	return m, m.warmFolderCmd(name), true
}

func (m Model) warmFoldersCmd() tea.Cmd {
	w, ok := m.backend.(imapsvc.Warmer)
	if !ok {
		return nil
	}
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, ok, err := w.CachedFolders(ctx)
		return warmFoldersMsg{list: l, ok: ok && err == nil}
	})
}

// handleWarm handles the cache's answers and the offline retry.
func (m Model) handleWarm(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case warmedMsg:
		asked := msg.name != "" // the user opened this folder; "" is the start's
		if asked && m.status.offline && (!msg.ok || msg.err != nil) {
			m.status = m.status.setNotice(fmt.Sprintf("offline: %s is not in the cache", msg.name), true)
			return m, nil, true
		}
		if asked && m.session != nil && !m.status.offline {
			// Opened online: show the cache unless the SELECT has answered
			// or another folder was asked for since.
			landed := m.list.open && m.list.mb.Name == msg.name && !m.list.warm
			if !msg.ok || msg.err != nil || msg.name != m.list.warmWant || landed {
				return m, nil, true
			}
			m = m.showWarm(msg.w)
			return m, m.list.fetch(), true
		}
		// A session that is up has sent its own SELECT: that one wins.
		if !msg.ok || msg.err != nil || m.session != nil || (m.list.open && !(asked && m.status.offline)) {
			return m, nil, true
		}
		m = m.showWarm(msg.w)
		cmd := tea.Batch(m.list.fetch(), m.warmFoldersCmd())
		if m.phase == phasePrompt && m.prompt.connErr {
			// The server could not be reached before the cache answered.
			var retry tea.Cmd
			m, retry = m.goOffline(m.prompt.err)
			return m.closeKind(layerPrompt), tea.Batch(cmd, retry), true
		}
		return m, cmd, true
	case warmFoldersMsg:
		if msg.ok && len(m.folders.Names()) == 0 {
			m.folders, _ = m.folders.Update(folders.Listed{List: msg.list})
		}
		return m, nil, true
	case offlineRetryMsg:
		if !m.status.offline {
			return m, nil, true
		}
		m.status = m.status.guessState(imapsvc.StateConnecting)
		return m, m.connectCmd(m.password, m.reqs.StartLatest(reqConnect)), true
	}
	return m, nil, false
}

// showWarm shows a folder from the cache, not confirmed yet.
func (m Model) showWarm(w imapsvc.Warmed) Model {
	m.status = m.status.setSelection(w.Selection)
	if m.phase == phaseConnecting {
		m.phase = phaseReady // keys work on the cached rows at once
	}
	m.folders = m.folders.SetActive(w.Name)
	m.list, _ = m.list.warmed(w) // fetch once the list has a size
	return m
}

// offlineConnect handles a Connect answer while the list shows cached
// rows: a failure to reach the server keeps tern on them, offline, and
// schedules the next try; a session ends being offline.
func (m Model) offlineConnect(msg connectedMsg) (Model, tea.Cmd, bool) {
	var auth *imapsvc.AuthError
	if msg.err == nil || errors.As(msg.err, &auth) {
		m.status.offline, m.status.offlineTry = false, 0
		return m, nil, false
	}
	if !m.list.warm {
		return m, nil, false
	}
	m, cmd := m.goOffline(errText(msg.err))
	return m, cmd, true
}

// goOffline stays on the cached rows and schedules the next try, with a
// pause that doubles from 5 s up to offlineRetryMax.
func (m Model) goOffline(why string) (Model, tea.Cmd) {
	m = m.dropQueued() // its text is not in the cache, or it would show
	m.phase = phaseReady
	m.status.offline = true
	m.status = m.status.guessState(imapsvc.StateDisconnected)
	m.status.offlineTry++
	wait := min(5*time.Second<<min(m.status.offlineTry-1, 6), offlineRetryMax)
	m.status.offlineAt = time.Now().Add(wait)
	m.status = m.status.setNotice("offline: "+why+"; showing the cache", true)
	return m, tea.Tick(wait, func(time.Time) tea.Msg { return offlineRetryMsg{} })
}

// warmGuard refuses writes to rows the server has not confirmed yet.
func (m Model) warmGuard() string {
	switch {
	case !m.list.warm:
		return ""
	case m.status.offline:
		return "offline: the rows come from the cache; tern changes nothing until the server is back"
	}
	return "rows from the cache, not confirmed by the server yet (syncing): try again in a moment"
}
