package ui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
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
		m.finish(msg.id, msg.err)
		if msg.err != nil {
			m.status = m.status.setNotice("CAPABILITY: "+errDetail(msg.err), true)
			return m, nil
		}
		caps := make([]string, len(msg.caps))
		for i, c := range msg.caps {
			caps[i] = capName(c) // RIGHTS= letters as the server spells them
		}
		if m.openedSince(msg.id) { // the viewer shows what was opened later
			m.status = m.status.setNotice("CAPABILITY "+strings.Join(caps, " "), false)
			return m, nil
		}
		m.reader = m.reader.ShowText("CAPABILITY", strings.Join(caps, "\n"))
		m.focus = focusRight
		return m, nil
	}
	if mm, cmd, ok := m.handleAdminResult(msg); ok {
		return mm, cmd
	}
	if m2, cmd, ok := m.readerResult(msg); ok {
		return m2, cmd
	}
	if m.isOpen(layerPrompt) {
		m.prompt, cmd = m.prompt.update(msg)
	} else if m.isOpen(layerCmdline) {
		m.cmdline, cmd = m.cmdline.update(msg)
	}
	return m, cmd
}

// openedSince reports a message or reading view asked for after call id:
// the user looks at that now, and an answer to id must not replace it.
func (m Model) openedSince(id requests.ID) bool {
	return m.reqs.Newest(reqMessage).Num() > id.Num() || m.reqs.Newest(reqReader).Num() > id.Num()
}

// openMessage shows the viewer at once and fetches the message; reading
// it sets \Seen unless the folder is read-only.
func (m Model) openMessage(mb imapsvc.Mailbox, uid imapsvc.UID) (tea.Model, tea.Cmd) {
	id := m.reqs.StartLatest(reqMessage)
	m.reqs.Drop(reqReader) // the reading views of the message before
	m.reader = m.reader.Loading(uid)
	m.focus = focusRight
	m = m.queueOpen(mb, uid)
	b, markSeen := m.backend, !m.list.readOnly
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		out, err := b.FetchMessage(ctx, mb, uid, markSeen)
		return messageMsg{id: id, mb: mb, uid: uid, msg: out, err: err}
	})
}

func (m Model) closeViewer() Model {
	m.reader = m.reader.Close()
	// Nobody waits for the message or its views any more.
	m.reqs.Drop(reqMessage)
	m.reqs.Drop(reqReader)
	return m
}

func (m Model) gotMessage(msg messageMsg) (tea.Model, tea.Cmd) {
	if !m.reqs.Current(msg.id) || msg.mb != m.list.mb {
		m.reqs.Finish(msg.id)
		return m, nil
	}
	m.finish(msg.id, msg.err)
	if m, ok := m.openNotYet(msg); ok {
		return m, nil
	}
	m = m.openAnswered(msg)
	if msg.err != nil {
		if !isStale(msg.err) {
			m.status = m.status.setNotice(errText(msg.err), true)
		}
		m.reader = m.reader.Close()
		return m, nil
	}
	m.reader = m.reader.ShowMessage(msg.msg)
	flags := msg.msg.Flags
	flags.Seen = flags.Seen || !m.list.readOnly
	var newlySeen bool
	m.list, newlySeen = m.list.setFlags(msg.uid, flags)
	if newlySeen {
		m.status = m.status.addUnseen(-1)
	}
	return m, nil
}
