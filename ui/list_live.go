package ui

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// addRows puts newly arrived messages into the list. The cursor stays on
// the message it was on (as in NeoMutt and aerc); with the cursor and the
// view at the top, the new rows show above it at once. Adding a UID that is
// already listed only refreshes its row, so nothing is listed twice.
func (m listModel) addRows(rows []imapsvc.Row) (listModel, int) {
	added := 0
	for _, r := range rows {
		if old, ok := m.rows[r.UID]; ok && old.HasDetails {
			r.Size, r.Attachment, r.HasDetails = old.Size, old.Attachment, true
		}
		m.rows[r.UID] = r
		delete(m.stale, r.UID)
		i, found := slices.BinarySearch(m.uids, r.UID)
		if found {
			continue
		}
		if added == 0 {
			// The view reads m.uids in place (folderview.View), and the old
			// view places the cursor: insert into a copy, never in place.
			m.uids = slices.Grow(slices.Clip(m.uids), len(rows))
		}
		m.uids = slices.Insert(m.uids, i, r.UID)
		m.arrived[r.UID] = true
		added++
	}
	if added > 0 {
		// Scrolled down, the cursor's line stays where it is on the screen;
		// at the top, new rows show above it at once.
		screenRow, scrolled := m.cursor-m.offset, m.offset > 0
		m.rederive()
		if scrolled {
			m.offset = max(0, m.cursor-screenRow)
			m.setCursor(m.cursor)
		}
	}
	return m, added
}

// mergeArrived keeps the messages that arrived (NewMail) after a UID list
// was asked for and are newer than anything in it: the list cannot know
// them, and they must not disappear when it replaces the old one. It
// drops the ones expunged while the list was on its way, which an answer
// from before the expunge still holds (UIDs never come back).
func (m listModel) mergeArrived(uids []imapsvc.UID) []imapsvc.UID {
	if len(m.vanished) > 0 {
		uids = slices.DeleteFunc(slices.Clone(uids), func(u imapsvc.UID) bool { return m.vanished[u] })
	}
	var last imapsvc.UID
	if n := len(uids); n > 0 {
		last = uids[n-1]
	}
	for _, u := range m.uids {
		if u > last && m.arrived[u] {
			uids = append(uids, u)
		}
	}
	return uids
}

// resync takes the same folder back after a reconnect (same UIDVALIDITY):
// the rows stay on screen, the newest window from SELECT is merged, and
// the full UID list is asked for, which drops what was expunged meanwhile.
// Flags changed meanwhile come with the selection (CONDSTORE); without
// that, every cached row is marked stale so what is shown is fetched
// again. The cursor stays on its message.
func (m listModel) resync(sel imapsvc.Selection) (listModel, tea.Cmd) {
	m.readOnly = sel.ReadOnly
	m.stale = make(map[imapsvc.UID]bool, len(m.rows))
	for u := range m.rows {
		m.stale[u] = !sel.FlagsCurrent
	}
	for _, c := range sel.Changed {
		m, _ = m.setFlags(c.UID, c.Flags)
	}
	m.gone, m.noDetail, m.arrived = map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	m, _ = m.addRows(sel.Newest)
	m.arrived = map[imapsvc.UID]bool{}
	m.dropRequests() // answers still in flight came over the old connection
	return m, tea.Batch(m.uidsCmd(), m.fetch(), m.refreshView())
}

// vanish notes an expunge that arrived while a UID list is on its way.
func (m listModel) vanish(uid imapsvc.UID) listModel {
	if !m.uidsPending() {
		return m
	}
	if m.vanished == nil {
		m.vanished = map[imapsvc.UID]bool{}
	}
	m.vanished[uid] = true
	return m
}

// reread asks for the UID list again after the service folded events
// into a Resync. Every cached row is stale, so the flags of what is shown
// are fetched again once the list is in (setUIDs fetches); rows fetched now
// could be of expunged messages. What arrived before is in the new list.
func (m listModel) reread() (listModel, tea.Cmd) {
	m.stale = make(map[imapsvc.UID]bool, len(m.rows))
	for u := range m.rows {
		m.stale[u] = true
	}
	m.gone, m.arrived = map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	return m, tea.Batch(m.uidsCmd(), m.refreshView())
}
