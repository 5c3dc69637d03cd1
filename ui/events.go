package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/reader"
)

// handleEvent applies one unsolicited server event. Events about a folder
// other than the open one are stale and dropped. The caller re-arms the
// event reader.
func (m Model) handleEvent(ev imapsvc.Event) (Model, tea.Cmd) {
	open := m.list.open
	switch ev := ev.(type) {
	case imapsvc.StateChanged:
		m.status.state, m.status.stateByEvents = ev.State, true
		m.status.retryAt = time.Time{} // a Reconnecting event that follows sets it again
		if ev.Err != nil && m.phase == phaseReady && !m.status.offline {
			m.status = m.status.setNotice("connection lost: "+errText(ev.Err)+" (:login reconnects)", true)
		}
		if ev.State == imapsvc.StateDisconnected {
			m.reqs.Reset() // no answer is coming but an error
		}
	case imapsvc.SaveProgress:
		var it reader.Intent
		m.reader, it = m.reader.Update(ev)
		return m.readerIntent(it)
	case imapsvc.ServerAlert:
		m.status = m.status.setNotice("ALERT: "+ev.Text, true)
	case imapsvc.CacheNotice:
		m.status = m.status.setNotice(ev.Text, true)
	case imapsvc.Exists:
		if !open || ev.Mailbox != m.list.mb {
			return m, nil
		}
		// The new rows themselves come with NewMail.
		m.status.sel.Exists = ev.Count
	case imapsvc.Recent:
		if open && ev.Mailbox == m.list.mb {
			m.status.sel.Recent = ev.Count
		}
	case imapsvc.Expunged:
		if !open || ev.Mailbox != m.list.mb {
			return m, nil
		}
		if r, ok := m.list.rows[ev.UID]; ok && !r.Flags.Seen {
			m.status = m.status.addUnseen(-1)
		}
		if m.list.pos(ev.UID) >= 0 && m.status.sel.Exists > 0 {
			m.status.sel.Exists--
		}
		m.list = m.list.expunged(ev.UID)
		m.list = m.list.vanish(ev.UID)
	case imapsvc.FlagsChanged:
		if !open || ev.Mailbox != m.list.mb {
			return m, nil
		}
		old, had := m.list.rows[ev.UID]
		m.list, _ = m.list.setFlags(ev.UID, ev.Flags)
		if had && old.Flags.Seen != ev.Flags.Seen {
			if ev.Flags.Seen {
				m.status = m.status.addUnseen(-1)
			} else {
				m.status = m.status.addUnseen(1)
			}
		}
		m.reader, _ = m.reader.Update(ev)
	default:
		return m.handleLiveEvent(ev)
	}
	return m, nil
}
