package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/reader"
	"tern/ui/requests"
)

// readerMsg carries an answer to a reader's Fetch (or :fetch) to the
// root, which drops it when stale and shows its error, and else hands ans
// to the reader.
type readerMsg struct {
	id  requests.ID
	ans tea.Msg // a reader answer: reader.Header, Info, Raw, Body, Fetched
	err error
}

// readerIntent does what the reader asked for.
func (m Model) readerIntent(it reader.Intent) (Model, tea.Cmd) {
	switch it := it.(type) {
	case reader.Close:
		return m.closeViewer(), nil
	case reader.Notice:
		m.status = m.status.setNotice(it.Text, it.Err)
	case reader.Fetch:
		return m, m.readerFetch(it)
	case reader.Save:
		if it.All {
			return m.askSaveAll(it)
		}
		return m.askSave(it.Mailbox, it.UID, it.Parts[0])
	case reader.Open:
		return m.openPart(it)
	case reader.AskLink:
		if it.Count == 1 {
			return m.openCmdline("open 1")
		}
		return m.openCmdline("open ")
	case reader.Step:
		mm, cmd := m.stepMessage(it)
		return mm.(Model), cmd
	}
	return m, nil
}

// readerFetch sends the request for a reading view; a later one replaces
// it.
func (m Model) readerFetch(f reader.Fetch) tea.Cmd {
	id, b := m.reqs.StartLatest(reqReader), m.backend
	return call(messageTimeout, func(ctx context.Context) tea.Msg {
		out := readerMsg{id: id}
		switch f.Want {
		case reader.WantHeader:
			var text string
			text, out.err = b.FetchHeader(ctx, f.Mailbox, f.UID)
			out.ans = reader.Header{UID: f.UID, Text: text}
		case reader.WantInfo:
			var info imapsvc.MessageInfo
			info, out.err = b.FetchInfo(ctx, f.Mailbox, f.UID)
			out.ans = reader.Info{UID: f.UID, Info: info}
		case reader.WantRaw:
			var page imapsvc.RawPage
			page, out.err = b.FetchRaw(ctx, f.Mailbox, f.UID, f.Offset, reader.RawPageSize)
			out.ans = reader.Raw{UID: f.UID, Page: page}
		case reader.WantOther:
			var msg imapsvc.Message
			msg, out.err = b.FetchBody(ctx, f.Mailbox, f.UID, f.HTML)
			out.ans = reader.Body{Msg: msg}
		}
		return out
	})
}

// readerAnswer takes a reading answer for the open viewer: stale ones are
// dropped, errors shown; it reports whether the answer is to be used.
func (m Model) readerAnswer(id requests.ID, err error) (Model, bool) {
	if !m.finish(id, err) || !m.reader.Shown() {
		return m, false
	}
	if err != nil {
		m.status = m.status.setNotice(errText(err), true)
		return m, false
	}
	return m, true
}

// readerResult handles the answers to reading requests; it reports false
// for messages that are not its own.
func (m Model) readerResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case readerMsg:
		var ok bool
		if m, ok = m.readerAnswer(msg.id, msg.err); !ok {
			return m, nil, true
		}
		var it reader.Intent
		m.reader, it = m.reader.Update(msg.ans)
		m, cmd := m.readerIntent(it)
		return m, cmd, true
	case fetchedMsg:
		m, cmd := m.fetched(msg)
		return m, cmd, true
	case unreadSearchMsg:
		mm, cmd := m.unreadFound(msg)
		return mm.(Model), cmd, true
	}
	return m.saveResult(msg)
}

// readerKey gives a key to the shown viewer. The reading keys come first,
// then the message actions on the open message, then Back and scrolling.
func (m Model) readerKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	active := m.readerActive()
	if active && !m.reader.Claims(msg) {
		if m2, cmd, ok := m.viewerAction(msg); ok {
			return m2, cmd
		}
	}
	var it reader.Intent
	m.reader, it = m.reader.Key(msg, active)
	return m.readerIntent(it)
}

// readerActive reports whether the viewer shows a message of the open
// folder or one of its views (not a loading screen, a text such as
// CAPABILITY, a :fetch answer opened from the list, or a message of a
// folder left since: the same UID there is another message).
func (m Model) readerActive() bool {
	msg, ok := m.reader.Message()
	return ok && m.reader.Shown() && m.list.open && msg.Mailbox == m.list.mb
}
