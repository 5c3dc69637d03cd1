package ui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// handleMessageResult handles the viewer, the command line and whatever
// the text inputs need (cursor blinks).
func (m Model) handleMessageResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	if mm, cmd, ok := m.handleActionResult(msg); ok {
		return mm, cmd
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case messageMsg:
		return m.gotMessage(msg)
	case commandMsg:
		return m.runCommand(msg.line)
	case capsMsg:
		m.pending.other--
		if msg.err != nil {
			m.status = m.status.setNotice("CAPABILITY: "+errDetail(msg.err), true)
			return m, nil
		}
		caps := make([]string, len(msg.caps))
		for i, c := range msg.caps {
			caps[i] = capName(c) // RIGHTS= letters as the server spells them
		}
		m.viewer = m.viewer.setText("CAPABILITY", strings.Join(caps, "\n"))
		m.reader.has = false
		m = m.syncReaderKeys()
		m.viewerOpen, m.focus = true, focusRight
		return m, nil
	}
	if mm, cmd, ok := m.handleAdminResult(msg); ok {
		return mm, cmd
	}
	if m2, cmd, ok := m.readerResult(msg); ok {
		return m2, cmd
	}
	if m.phase == phasePrompt {
		m.prompt, cmd = m.prompt.update(msg)
	} else if m.cmdline.active {
		m.cmdline, cmd = m.cmdline.update(msg)
	}
	return m, cmd
}

// openMessage shows the viewer at once and fetches the message; reading
// it sets \Seen unless the folder is read-only.
func (m Model) openMessage(mb imapsvc.Mailbox, uid imapsvc.UID) (tea.Model, tea.Cmd) {
	m.msgSeq++
	m.pending.loading = 1
	m.viewer = m.viewer.setLoading(uid)
	m.reader.has, m.reader.seq = false, m.reader.seq+1
	m = m.syncReaderKeys()
	m.viewerOpen, m.focus = true, focusRight
	seq, b, markSeen := m.msgSeq, m.backend, !m.list.readOnly
	return m, tea.Batch(m.startSpinner(), call(messageTimeout, func(ctx context.Context) tea.Msg {
		out, err := b.FetchMessage(ctx, mb, uid, markSeen)
		return messageMsg{seq: seq, mb: mb, uid: uid, msg: out, err: err}
	}))
}

func (m Model) closeViewer() Model {
	m.viewerOpen = false
	if m.pending.loading > 0 {
		m.msgSeq++ // nobody waits for that message any more
		m.pending.loading = 0
	}
	return m
}

func (m Model) gotMessage(msg messageMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.msgSeq || msg.mb != m.list.mb {
		return m, nil
	}
	m.pending.loading = 0
	if msg.err != nil {
		if !isStale(msg.err) {
			m.status = m.status.setNotice(errText(msg.err), true)
		}
		m.viewerOpen = false
		return m, nil
	}
	m = m.showMessage(msg.msg)
	flags := msg.msg.Flags
	flags.Seen = flags.Seen || !m.list.readOnly
	var newlySeen bool
	m.list, newlySeen = m.list.setFlags(msg.uid, flags)
	if newlySeen {
		m.status = m.status.addUnseen(-1)
	}
	return m, nil
}

// runCommand carries out a ":" command line.
func (m Model) runCommand(line string) (tea.Model, tea.Cmd) {
	c, err := parseCommand(line)
	if err != nil {
		m.status = m.status.setNotice(err.Error(), true)
		return m, nil
	}
	if m.phase != phaseReady && c.Verb != verbLogout && c.Verb != verbLogin {
		m.status = m.status.setNotice("not connected yet", true)
		return m, nil
	}
	if isAdminVerb(c.Verb) {
		return m.adminCommand(c)
	}
	if mm, cmd, ok := m.runActionCommand(c); ok {
		return mm, cmd
	}
	switch c.Verb {
	case verbSelect, verbExamine:
		return m.openFolder(m.folders.resolve(c.Arg), c.Verb == verbExamine)
	case verbLogin:
		// Log in again, e.g. after the connection was lost; the open
		// folder is opened again once connected.
		m.phase = phasePrompt
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.focus("")
		return m, cmd
	case verbFetch:
		return m.fetchItems(c.Arg)
	case verbCapability:
		m.pending.other++
		b := m.backend
		return m, tea.Batch(m.startSpinner(), call(requestTimeout, func(ctx context.Context) tea.Msg {
			caps, err := b.Capability(ctx)
			return capsMsg{caps: caps, err: err}
		}))
	}
	return m.quit()
}
