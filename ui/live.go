package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/notify"
	"tern/ui/requests"
)

// Live watching in the UI: new mail from the service, reconnects and the
// periodic refresh of other folders' counts.

const notifyTimeout = 30 * time.Second

type (
	// countsTickMsg asks for a refresh of the folder counts.
	countsTickMsg struct{}
	// refreshedMsg answers a periodic refresh: a whole LIST-STATUS answer
	// or STATUS counts.
	refreshedMsg struct {
		id     requests.ID
		list   *imapsvc.FolderList
		counts imapsvc.FolderCounts
		err    error
	}
)

// handleLiveEvent handles the events of live watching.
func (m Model) handleLiveEvent(ev imapsvc.Event) (Model, tea.Cmd) {
	switch ev := ev.(type) {
	case imapsvc.NewMail:
		return m.newMail(ev)
	case imapsvc.Reconnecting:
		m.status.retryAt, m.status.retryAttempt = ev.At, ev.Attempt
		why := ""
		if ev.Err != nil {
			why = errText(ev.Err) + "; "
		}
		m.status = m.status.setNotice(fmt.Sprintf("connection lost: %sreconnecting at %s (try %d)",
			why, ev.At.Format("15:04:05"), ev.Attempt), true)
	case imapsvc.Resync:
		return m.resyncOpen(ev)
	case imapsvc.CountsChanged:
		// Pushed by the server (NOTIFY), kept for folders of the tree only;
		// the open folder keeps the counts its own connection follows.
		known := map[imapsvc.FolderName]imapsvc.Counts{}
		for _, n := range m.folders.Names() {
			if c, ok := ev.Counts[n]; ok {
				known[n] = c
			}
		}
		m.folders = m.folders.SetCounts(known)
		m = m.syncOpenCounts()
		if ev.Incomplete && m.phase == phaseReady {
			return m, m.refreshCmd()
		}
	case imapsvc.LateInterrupted:
		m, _ = m.heldFailure(ev.Err) // the request itself timed out
		return m, nil
	case imapsvc.Reconnected:
		m.status.retryAt, m.status.retryAttempt = time.Time{}, 0
		m.status = m.status.setNotice("reconnected", false)
		return m.reconnected()
	}
	return m, nil
}

// resyncOpen re-reads the open folder after the service folded events the
// UI was too slow to take: the counts come with the event, the UID list,
// the unseen count and the shown rows' flags from the server.
func (m Model) resyncOpen(ev imapsvc.Resync) (Model, tea.Cmd) {
	if !m.list.open || ev.Mailbox != m.list.mb {
		return m, nil
	}
	m.status.sel.Exists, m.status.sel.Recent = ev.Exists, ev.Recent
	var cmd tea.Cmd
	m.list, cmd = m.list.reread()
	return m, cmd
}

// newMail lists arrived messages, counts them and tells the user.
func (m Model) newMail(ev imapsvc.NewMail) (Model, tea.Cmd) {
	if !m.list.open || ev.Mailbox != m.list.mb || len(ev.Rows) == 0 {
		return m, nil
	}
	var added int
	m.list, added = m.list.addRows(ev.Rows)
	if added == 0 {
		return m, nil
	}
	unseen := 0
	for _, r := range ev.Rows {
		if !r.Flags.Seen {
			unseen++
		}
	}
	m.status = m.status.addUnseen(unseen)
	m.status.sel.Exists = max(m.status.sel.Exists, uint32(len(m.list.uids)))

	newest := ev.Rows[len(ev.Rows)-1]
	mail := notify.Mail{Folder: ev.Name.String(), From: newest.From, Subject: newest.Subject, Count: added}
	text := fmt.Sprintf("new mail in %s: %s — %s", ev.Name, newest.From, newest.Subject)
	if added > 1 {
		text = fmt.Sprintf("%d new messages in %s; newest: %s — %s", added, ev.Name, newest.From, newest.Subject)
	}
	m.status = m.status.setNotice(text, false)
	// fetch: sizes of the new rows; refreshView: their place in the view.
	return m, tea.Batch(m.list.fetch(), m.list.refreshView(), m.notifyCmd(mail))
}

func (m Model) notifyCmd(mail notify.Mail) tea.Cmd {
	n := m.notifier
	if !n.Enabled() {
		return nil
	}
	mail.Account = m.status.account
	return call(notifyTimeout, func(ctx context.Context) tea.Msg {
		if err := n.Notify(ctx, mail); err != nil {
			return noticeMsg{text: err.Error(), err: true}
		}
		return nil
	})
}

// reconnected opens the folder that was open again, marked so that its
// answer resyncs the list instead of resetting it, and refreshes the
// folder pane.
func (m Model) reconnected() (Model, tea.Cmd) {
	refresh := m.refreshCmd()
	m.admin.rights = map[imapsvc.FolderName]string{} // they may have changed meanwhile: asked again on SELECT
	if !m.list.open {
		return m, refresh
	}
	m, sel := m.selectCmd(m.list.mb.Name, m.list.readOnly, true)
	return m, tea.Batch(sel, refresh)
}

// resynced takes the answer to the SELECT after a reconnect. With the
// same UIDVALIDITY the list is resynced in place; a new UIDVALIDITY means
// the server renumbered the folder, so it is loaded from scratch.
func (m Model) resynced(msg selectedMsg) (tea.Model, tea.Cmd) {
	if old := m.list.mb.UIDValidity; msg.sel.Mailbox != m.list.mb {
		msg.resync = false
		next, cmd := m.selected(msg)
		m = next.(Model)
		m.status = m.status.setNotice(fmt.Sprintf("UIDVALIDITY of %s changed (%d → %d): folder reloaded",
			msg.name, old, msg.sel.UIDValidity), true)
		return m, cmd
	}
	unseen, known := m.status.unseen, m.status.unseenKnown
	m.status = m.status.setSelection(msg.sel)
	m.status.unseen, m.status.unseenKnown = unseen, known
	q, _ := m.landing(msg.sel.Mailbox)
	var cmd tea.Cmd
	m.list, cmd = m.list.resync(msg.sel)
	m, open := m.openQueued(q, msg.sel.Mailbox)
	return m, tea.Batch(cmd, m.afterSelect(msg.sel.Name), open)
}

// startCountsTicker starts the periodic refresh of folder counts, once.
func (m Model) startCountsTicker() (Model, tea.Cmd) {
	if m.ticking || m.statusEvery <= 0 {
		return m, nil
	}
	m.ticking = true
	return m, m.countsTick()
}

func (m Model) countsTick() tea.Cmd {
	return tea.Tick(m.statusEvery, func(time.Time) tea.Msg { return countsTickMsg{} })
}

// refreshCmd asks for every folder's counts: one LIST-STATUS where the
// server has it, else STATUS for each folder except the open one (whose
// counts the open connection follows itself). Where the server has NOTIFY
// the counts are also pushed (imapsvc.CountsChanged); this stays as the
// fallback.
func (m Model) refreshCmd() tea.Cmd {
	if m.session == nil {
		return nil
	}
	b := m.backend
	if slices.Contains(m.session.Caps, "LIST-STATUS") {
		id := m.reqs.Start(reqRefresh)
		return call(requestTimeout, func(ctx context.Context) tea.Msg {
			l, err := b.ListFolders(ctx)
			return refreshedMsg{id: id, list: &l, err: err}
		})
	}
	var names []imapsvc.FolderName
	for _, n := range m.folders.Names() {
		if !m.list.open || n != m.list.mb.Name {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	id := m.reqs.Start(reqRefresh)
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		c, err := b.Counts(ctx, names)
		return refreshedMsg{id: id, counts: c, err: err}
	})
}

// handleLiveResult handles the results of live watching; ok is false for
// other messages.
func (m Model) handleLiveResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case countsTickMsg:
		var refresh tea.Cmd
		if m.phase == phaseReady && m.status.state != imapsvc.StateDisconnected {
			refresh = m.refreshCmd()
		}
		return m, tea.Batch(refresh, m.countsTick()), true
	case refreshedMsg:
		m.finish(msg.id, msg.err)
		// A periodic refresh that fails stays quiet: the connection state
		// is in the status bar already.
		switch {
		case msg.err != nil:
		case msg.list != nil:
			// Counts only: replacing the tree would move the pane's cursor.
			counts := map[imapsvc.FolderName]imapsvc.Counts{}
			for _, f := range msg.list.Folders {
				if f.Counts != nil {
					counts[f.Name] = *f.Counts
				}
			}
			m.folders = m.folders.SetCounts(counts)
		default:
			m.folders = m.folders.SetCounts(msg.counts.Counts)
		}
		return m, nil, true
	}
	return m, nil, false
}

// syncOpenCounts makes the folder pane show the open folder's counts as
// the status bar has them, after events changed them.
func (m Model) syncOpenCounts() Model {
	if !m.list.open || !m.status.hasSel || m.status.sel.Name != m.list.mb.Name {
		return m
	}
	c, ok := m.folders.Count(m.list.mb.Name)
	if !ok && !m.status.unseenKnown {
		return m
	}
	c.Messages = m.status.sel.Exists
	if m.status.unseenKnown {
		c.Unseen = m.status.unseen
	}
	m.folders = m.folders.SetCounts(map[imapsvc.FolderName]imapsvc.Counts{m.list.mb.Name: c})
	return m
}
