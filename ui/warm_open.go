package ui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// Enter before SELECT lands: a message opened on cached rows whose text
// the cache does not keep cannot be fetched before the server has opened
// the folder (not logged in yet: ErrNotConnected; logged in, nothing
// selected: ErrStale). Rather than fail, the open waits for the folder's
// SELECT and is sent again when it lands; a message that went meanwhile
// is then said to be gone by the server's answer.

// queuedOpen is a message opened on cached rows; retry: its first try
// failed, so it is fetched again once SELECT lands (otherwise the fetch
// is still on its way, queued behind SELECT, and its answer is kept).
type queuedOpen struct {
	mb    imapsvc.Mailbox // as cached
	uid   imapsvc.UID
	retry bool
}

// queueOpen notes a message opened on cached rows, online.
func (m Model) queueOpen(mb imapsvc.Mailbox, uid imapsvc.UID) Model {
	m.list.queued = queuedOpen{}
	if m.list.warm && !m.status.offline && mb == m.list.mb {
		m.list.queued = queuedOpen{mb: mb, uid: uid}
	}
	return m
}

// openNotYet keeps a failed open waiting when the failure only means the
// server has not opened the folder yet.
func (m Model) openNotYet(msg messageMsg) (Model, bool) {
	q := m.list.queued
	notYet := errors.Is(msg.err, imapsvc.ErrNotConnected) || errors.Is(msg.err, imapsvc.ErrStale)
	if q.uid == 0 || q.uid != msg.uid || !m.list.warm || m.status.offline || !notYet {
		return m, false
	}
	m.list.queued.retry = true
	m.status = m.status.setNotice(fmt.Sprintf("UID %d opens once the server has opened %s", msg.uid, m.list.mb.Name), false)
	return m, true
}

// openAnswered forgets the open unless it was answered on rows still
// from the cache: then SELECT's answer, when it lands, leaves the viewer.
func (m Model) openAnswered(msg messageMsg) Model {
	if msg.err != nil || !m.list.warm || m.list.queued.uid != msg.uid {
		m.list.queued = queuedOpen{}
	}
	return m
}

// landing takes the open waiting on the cached rows of the folder whose
// SELECT answered; keep: the open's fetch is on its way and stays wanted.
func (m Model) landing(mb imapsvc.Mailbox) (q queuedOpen, keep bool) {
	q = m.list.queued
	if q.uid == 0 || !m.list.warm || m.list.mb.Name != mb.Name {
		return queuedOpen{}, false
	}
	return q, !q.retry && q.mb == mb
}

// openQueued opens, once SELECT has landed, the message that waited for
// it, unless the folder's UIDVALIDITY changed (the cached UID means
// another message now).
func (m Model) openQueued(q queuedOpen, now imapsvc.Mailbox) (Model, tea.Cmd) {
	m.list.queued = queuedOpen{}
	if q.uid == 0 {
		return m, nil
	}
	if q.mb != now {
		m.reader = m.reader.Close()
		m.status = m.status.setNotice(fmt.Sprintf("UID %d not opened: %s changed on the server (UIDVALIDITY)", q.uid, now.Name), true)
		return m, nil
	}
	if !q.retry {
		return m, nil // its fetch, queued behind SELECT, answers
	}
	mm, cmd := m.openMessage(now, q.uid)
	return mm.(Model), cmd
}

// dropQueued gives up an open waiting for a SELECT that will not come.
func (m Model) dropQueued() Model {
	if m.list.queued.uid == 0 {
		return m
	}
	m.list.queued = queuedOpen{}
	m.reader = m.reader.Close()
	m.reqs.Drop(reqMessage)
	return m
}
