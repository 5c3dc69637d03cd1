package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// fetchItems runs ":fetch ITEMS" for the open message, or else for the
// marked messages (the one under the cursor when none is marked), and shows
// the decoded answer in the viewer. The item list is parsed before anything
// is sent, so a typing error is reported at once.
func (m Model) fetchItems(items string) (tea.Model, tea.Cmd) {
	if _, err := imapsvc.ParseFetchItems(items); err != nil {
		m.status = m.status.setNotice(err.Error(), true)
		return m, nil
	}
	mb, uids := m.list.mb, []imapsvc.UID(nil)
	if m.viewerOpen && m.readerActive() {
		mb, uids = m.reader.msg.Mailbox, []imapsvc.UID{m.reader.msg.UID}
	} else if !m.viewerOpen {
		uids = m.list.targets()
	}
	if len(uids) == 0 || !m.list.open {
		m.status = m.status.setNotice("fetch: no message selected", true)
		return m, nil
	}
	if !m.readerActive() || m.reader.msg.UID != uids[0] {
		// The answer is shown in the viewer; Back returns to the list.
		m.reader = readerState{msg: imapsvc.Message{Mailbox: mb, UID: uids[0]}, seq: m.reader.seq, saveSeq: m.reader.saveSeq, detached: true}
		m.viewer = m.viewer.setLoading(uids[0])
	}
	m.reader.has, m.reader.seq = true, m.reader.seq+1
	m.viewerOpen, m.focus = true, focusRight
	m.pending.loading = 1
	m = m.syncReaderKeys()
	seq, b := m.reader.seq, m.backend
	title := fmt.Sprintf("UID FETCH %s %s", uidsText(uids), items)
	return m, tea.Batch(m.startSpinner(), call(messageTimeout, func(ctx context.Context) tea.Msg {
		text, err := b.FetchItems(ctx, mb, uids, items)
		return readerTextMsg{seq: seq, view: viewFetch, title: title, text: text, err: err}
	}))
}
