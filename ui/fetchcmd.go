package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/reader"
	"tern/ui/requests"
)

// fetchedMsg answers ":fetch".
type fetchedMsg struct {
	id  requests.ID // the reader request it answers
	res imapsvc.FetchResult
	err error
}

// fetchItems runs ":fetch [SET] ITEMS": for the sequence set when one is
// typed (translated to UIDs by the service when the command is sent), else
// for the open message, else for the marked messages (the one under the
// cursor when none is marked). The answer is shown in the viewer. The
// items are parsed before anything is sent, so a typing error is reported
// at once.
func (m Model) fetchItems(args string) (tea.Model, tea.Cmd) {
	seq, items := imapsvc.SplitFetchArgs(args)
	if _, err := imapsvc.ParseFetchItems(items); err != nil {
		m.status = m.status.setNotice(err.Error(), true)
		return m, nil
	}
	if !m.list.open {
		m.status = m.status.setNotice("fetch: no folder is open", true)
		return m, nil
	}
	req := imapsvc.FetchRequest{Mailbox: m.list.mb, Seq: seq, Items: items}
	onMessage := m.readerActive()
	switch {
	case seq != "":
	case onMessage:
		open, _ := m.reader.Message()
		req.UIDs = []imapsvc.UID{open.UID}
	default:
		req.UIDs = m.list.targets()
	}
	if seq == "" && len(req.UIDs) == 0 {
		m.status = m.status.setNotice("fetch: no message selected", true)
		return m, nil
	}
	if !onMessage {
		// No message of this folder is open behind the answer: Back
		// returns to the list, and the reading keys stay off until a
		// message is opened.
		m.reader = m.reader.ShowDetached("FETCH "+args, "Fetching…")
		m.reqs.Drop(reqMessage) // a message still loading would replace the answer
	}
	id := m.reqs.StartLatest(reqReader)
	m.focus = focusRight
	b := m.backend
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		res, err := b.FetchItems(ctx, req)
		return fetchedMsg{id: id, res: res, err: err}
	})
}

// fetched applies a :fetch answer. Flags it changed (a non-PEEK item sets
// \Seen) go to the list and the unseen count even when the viewer has
// moved on; the text only to the viewer that asked.
func (m Model) fetched(msg fetchedMsg) (Model, tea.Cmd) {
	if m.list.open && msg.res.Mailbox == m.list.mb {
		for _, u := range msg.res.Updated {
			m, _ = m.handleEvent(imapsvc.FlagsChanged{Mailbox: msg.res.Mailbox, UID: u.UID, Flags: u.Flags})
		}
	}
	detached := m.reader.Detached()
	m, ok := m.readerAnswer(msg.id, msg.err)
	if !ok {
		if msg.err != nil && m.reqs.Current(msg.id) && detached {
			m = m.closeViewer()
		}
		return m, nil
	}
	m.reader, _ = m.reader.Update(reader.Fetched{Title: msg.res.Title, Text: msg.res.Text})
	if msg.res.Seen && !m.list.readOnly {
		m.status = m.status.setNotice(fmt.Sprintf("fetched without PEEK: %s now \\Seen", plural(len(msg.res.UIDs), "message")), false)
	}
	return m, nil
}
