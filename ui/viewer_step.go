package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/reader"
)

// stepMessage opens the message after (or before) the open one in the
// list's current view: its sort or thread order, and after a search only
// the hits. The list's cursor follows, and the message opens as Enter in
// the list opens it (the same request, \Seen unless the folder is
// read-only).
func (m Model) stepMessage(s reader.Step) (tea.Model, tea.Cmd) {
	if s.Mailbox != m.list.mb || !m.list.open {
		return m, nil
	}
	if s.Unread {
		uid, i, ok, ask := m.list.nextUnread(s.UID, nil)
		switch {
		case len(ask) > 0: // rows not fetched may be unread (viewer_unread.go)
			return m.searchUnread(s.UID, ask)
		case !ok:
			m.status = m.status.setNotice(stepNone(s), false)
			return m, nil
		}
		return m.stepTo(uid, i)
	}
	uid, i, ok := m.list.step(s.UID, s.Dir)
	if !ok {
		m.status = m.status.setNotice(stepNone(s), false)
		return m, nil
	}
	return m.stepTo(uid, i)
}

// stepTo opens message uid, on row i of the list's view, moving the
// list's cursor there.
func (m Model) stepTo(uid imapsvc.UID, i int) (tea.Model, tea.Cmd) {
	m.list.setCursor(i)
	mm, cmd := m.openMessage(m.list.mb, uid)
	return mm, tea.Batch(cmd, m.list.fetch())
}

func stepNone(s reader.Step) string {
	switch {
	case s.Unread:
		return "no unread message after this one"
	case s.Dir < 0:
		return "this is the first message"
	}
	return "this is the last message"
}

// step finds the row after (dir 1) or before (dir -1) message from in what
// the list shows: only search hits when there are hits. From a message no
// longer shown (moved away meanwhile) it starts at the cursor.
func (m listModel) step(from imapsvc.UID, dir int) (imapsvc.UID, int, bool) {
	d := m.disp()
	i := m.index(from)
	if i < 0 {
		i = m.cursor - dir // the cursor's row itself is the next one
	}
	hits := len(m.look.spec.Hits) > 0
	for j := i + dir; j >= 0 && j < d.Len(); j += dir {
		u := d.At(j)
		if hits && !m.look.spec.IsHit(u) {
			continue
		}
		return u, j, true
	}
	return 0, 0, false
}
