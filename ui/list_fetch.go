package ui

import (
	"errors"

	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
)

// maxBatch caps one Rows or Details request.
const maxBatch = 200

// The answers to the list's window requests. Each carries its request's
// ID: the tracker (m.reqs) says whether it is still wanted, and the
// folder (name and UIDVALIDITY) must be the one shown.
type (
	uidsMsg struct {
		id   requests.ID
		mb   imapsvc.Mailbox
		list imapsvc.UIDList
		err  error
	}
	rowsMsg struct {
		id    requests.ID
		mb    imapsvc.Mailbox
		asked []imapsvc.UID
		list  imapsvc.RowList
		err   error
	}
	detailsMsg struct {
		id    requests.ID
		mb    imapsvc.Mailbox
		asked []imapsvc.UID
		list  imapsvc.DetailList
		err   error
	}
)

func (m listModel) margin() int { return max(m.height, 10) }

// uidsCmd asks for the full UID list; an older request's answer is stale.
func (m listModel) uidsCmd() tea.Cmd {
	b, mb, id := m.backend, m.mb, m.reqs.StartLatest(reqUIDs)
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, err := b.UIDs(ctx, mb)
		return uidsMsg{id: id, mb: mb, list: l, err: err}
	})
}

// uidsPending reports whether a UID list is on its way.
func (m listModel) uidsPending() bool { return m.reqs.InFlight(reqUIDs) > 0 }

// dropRequests makes the answers to every request of the list stale: it
// shows another folder, or the folder again over a new connection.
func (m listModel) dropRequests() {
	for _, k := range []requests.Kind{reqUIDs, reqRows, reqDetails, reqKeys, reqViewAgain, reqSearchAgain} {
		m.reqs.Drop(k)
	}
}

// current takes the answer to id, for mb: whether it is to be used.
func (m listModel) current(id requests.ID, mb imapsvc.Mailbox) bool {
	return m.reqs.Finish(id) && m.open && mb == m.mb
}

// wanted reports, without taking it, whether the answer to id, for mb,
// is to be used.
func (m listModel) wanted(id requests.ID, mb imapsvc.Mailbox) bool {
	return m.reqs.Current(id) && m.open && mb == m.mb
}

// listResult takes the answers to the list's window requests: what they
// mean for the status bar and the folder pane, then the list's own part.
// A stale answer changes nothing.
func (m Model) listResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case uidsMsg:
		used := m.list.wanted(msg.id, msg.mb)
		if used && tellListError(msg.err) {
			m.status = m.status.setNotice(errText(msg.err), true)
		}
		if used && msg.err == nil {
			m.status = m.status.setUnseen(msg.list.Unseen)
			m.folders = m.folders.SetCounts(map[imapsvc.FolderName]imapsvc.Counts{msg.mb.Name: {
				Messages: uint32(len(msg.list.UIDs)), Unseen: msg.list.Unseen}})
		}
		m.list, cmd = m.list.setUIDs(msg)
		if used && msg.err == nil {
			// The list is the folder now: an EXPUNGE that comes after the
			// answer finds its row gone and counts nothing.
			m.status.sel.Exists = uint32(len(m.list.uids))
		}
		return m, tea.Batch(cmd, m.countsCmd())
	case rowsMsg:
		if m.list.wanted(msg.id, msg.mb) && tellListError(msg.err) {
			m.status = m.status.setNotice(errText(msg.err), true)
		}
		m.list, cmd = m.list.gotRows(msg)
	case detailsMsg:
		m.list, cmd = m.list.gotDetails(msg) // details are optional: errors stay quiet
	}
	return m, cmd
}

// tellListError reports whether the list's own fetch failed in a way the
// user should read. "Not connected" is not: the status bar says the
// connection is down and when it is tried again, the notice says why it
// was lost, and the list fetches again once the folder is back.
func tellListError(err error) bool {
	return err != nil && !isStale(err) && !errors.Is(err, imapsvc.ErrNotConnected)
}

// fetch asks for what the window around the visible rows lacks: rows
// first, then details for rows without them. At most one request of each
// kind is in flight; each answer triggers the next check.
func (m *listModel) fetch() tea.Cmd {
	if !m.open || m.backend == nil || m.height == 0 {
		return nil
	}
	var rows tea.Cmd
	if m.haveAll {
		rows = m.ask(reqRows, func(u imapsvc.UID) bool {
			_, ok := m.rows[u]
			return (!ok || m.stale[u]) && !m.gone[u]
		}, func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID, need []imapsvc.UID) tea.Msg {
			l, err := b.Rows(ctx, mb, int(id.Num()), need)
			return rowsMsg{mb: mb, id: id, asked: need, list: l, err: err}
		})
	}
	details := m.ask(reqDetails, func(u imapsvc.UID) bool {
		r, ok := m.rows[u]
		return ok && !r.HasDetails && !m.noDetail[u]
	}, func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID, need []imapsvc.UID) tea.Msg {
		l, err := b.Details(ctx, mb, int(id.Num()), need)
		return detailsMsg{mb: mb, id: id, asked: need, list: l, err: err}
	})
	return tea.Batch(rows, details)
}

// ask sends one request of kind k for the UIDs around the window that
// want(), unless one of its kind is in flight.
func (m *listModel) ask(k requests.Kind, want func(imapsvc.UID) bool,
	send func(context.Context, imapsvc.Backend, imapsvc.Mailbox, requests.ID, []imapsvc.UID) tea.Msg) tea.Cmd {
	if m.reqs.InFlight(k) > 0 {
		return nil
	}
	need := missingUIDs(m.disp(), m.offset, m.height, m.margin(), want)
	if len(need) > maxBatch {
		need = need[:maxBatch]
	}
	if len(need) == 0 {
		return nil
	}
	b, mb, id := m.backend, m.mb, m.reqs.StartLatest(k)
	return call(requestTimeout, func(ctx context.Context) tea.Msg { return send(ctx, b, mb, id, need) })
}

// gotRows merges a Rows answer. Answers to other folders or to requests
// the tracker calls stale are dropped. UIDs the server did not answer
// (expunged meanwhile) or that failed are not asked again.
func (m listModel) gotRows(msg rowsMsg) (listModel, tea.Cmd) {
	if !m.current(msg.id, msg.mb) {
		return m, nil
	}
	if msg.err == nil {
		for _, r := range msg.list.Rows {
			if old, ok := m.rows[r.UID]; ok && old.HasDetails && !r.HasDetails {
				r.Size, r.Attachment, r.HasDetails = old.Size, old.Attachment, true
			}
			m.rows[r.UID] = r
			delete(m.stale, r.UID)
		}
	}
	for _, u := range msg.asked {
		if _, ok := m.rows[u]; !ok || m.stale[u] {
			m.gone[u] = true
		}
	}
	trimCache(m.rows, m.disp(), m.offset, m.height, 2*m.margin(), maxCachedRows)
	return m, m.fetch()
}

// gotDetails merges a Details answer.
func (m listModel) gotDetails(msg detailsMsg) (listModel, tea.Cmd) {
	if !m.current(msg.id, msg.mb) {
		return m, nil
	}
	if msg.err == nil {
		for _, d := range msg.list.Rows {
			if r, ok := m.rows[d.UID]; ok {
				r.Size, r.Attachment, r.HasDetails = d.Size, d.Attachment, true
				m.rows[d.UID] = r
			}
		}
	}
	for _, u := range msg.asked {
		if r, ok := m.rows[u]; !ok || !r.HasDetails {
			m.noDetail[u] = true
		}
	}
	return m, m.fetch()
}
