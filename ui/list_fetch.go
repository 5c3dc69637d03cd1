package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// maxBatch caps one Rows or Details request.
const maxBatch = 200

func (m listModel) margin() int { return max(m.height, 10) }

func (m listModel) uidsCmd() tea.Cmd {
	b, mb := m.backend, m.mb
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, err := b.UIDs(ctx, mb)
		return uidsMsg{mb: mb, list: l, err: err}
	})
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
		rows = m.ask(&m.rowsReq, func(u imapsvc.UID) bool {
			_, ok := m.rows[u]
			return (!ok || m.stale[u]) && !m.gone[u]
		}, func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id int, need []imapsvc.UID) tea.Msg {
			l, err := b.Rows(ctx, mb, id, need)
			return rowsMsg{mb: mb, id: id, asked: need, list: l, err: err}
		})
	}
	details := m.ask(&m.detailsReq, func(u imapsvc.UID) bool {
		r, ok := m.rows[u]
		return ok && !r.HasDetails && !m.noDetail[u]
	}, func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id int, need []imapsvc.UID) tea.Msg {
		l, err := b.Details(ctx, mb, id, need)
		return detailsMsg{mb: mb, id: id, asked: need, list: l, err: err}
	})
	return tea.Batch(rows, details)
}

// ask sends one request for the UIDs around the window that want(), unless
// a request of its kind is in flight; *inFlight holds that request's id.
func (m *listModel) ask(inFlight *int, want func(imapsvc.UID) bool,
	send func(context.Context, imapsvc.Backend, imapsvc.Mailbox, int, []imapsvc.UID) tea.Msg) tea.Cmd {
	if *inFlight != 0 {
		return nil
	}
	need := missingUIDs(m.disp(), m.offset, m.height, m.margin(), want)
	if len(need) > maxBatch {
		need = need[:maxBatch]
	}
	if len(need) == 0 {
		return nil
	}
	m.nextID++
	*inFlight = m.nextID
	b, mb, id := m.backend, m.mb, m.nextID
	return call(requestTimeout, func(ctx context.Context) tea.Msg { return send(ctx, b, mb, id, need) })
}

// gotRows merges a Rows answer. Answers to other folders or to requests
// that are not the one in flight are dropped. UIDs the server did not
// answer (expunged meanwhile) or that failed are not asked again.
func (m listModel) gotRows(msg rowsMsg) (listModel, tea.Cmd) {
	if msg.mb != m.mb || msg.id != m.rowsReq {
		return m, nil
	}
	m.rowsReq = 0
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
	if msg.mb != m.mb || msg.id != m.detailsReq {
		return m, nil
	}
	m.detailsReq = 0
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
