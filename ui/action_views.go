package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
)

// Answers that change what the list shows, and the expunge questions.
type (
	searchedMsg struct {
		id  requests.ID
		res imapsvc.SearchResult
		err error
	}
	sortedMsg struct {
		id  requests.ID
		res imapsvc.SortResult
		err error
	}
	threadedMsg struct {
		id  requests.ID
		res imapsvc.ThreadResult
		err error
	}
	expungePlanMsg struct {
		id       requests.ID // zero when asked again after a refused expunge
		mb       imapsvc.Mailbox
		plan     imapsvc.ExpungePlan
		err      error
		forClose bool
		chosen   []imapsvc.UID // the marked messages, nil for all \Deleted
		changed  string        // asked again: why the confirmed plan no longer holds
	}
)

// viewCall runs f for the open folder; its answer is used only if no
// newer search, sort or thread was asked for meanwhile.
func (m Model) viewCall(f func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID) tea.Msg) (tea.Model, tea.Cmd) {
	if !m.list.open {
		m.status = m.status.setNotice("no folder open", true)
		return m, nil
	}
	b, mb, id := m.backend, m.list.mb, m.reqs.StartLatest(reqView)
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		return f(ctx, b, mb, id)
	})
}

func (m Model) searchCmd(keys string) (tea.Model, tea.Cmd) {
	if err := imapsvc.ParseSearch(keys); err != nil {
		m.status = m.status.setNotice("search: "+err.Error(), true)
		return m, nil
	}
	return m.viewCall(func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID) tea.Msg {
		res, err := b.Search(ctx, mb, keys)
		return searchedMsg{id: id, res: res, err: err}
	})
}

func (m Model) sortCmd(k imapsvc.SortKey, reverse bool) (tea.Model, tea.Cmd) {
	return m.viewCall(func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID) tea.Msg {
		res, err := b.Sort(ctx, mb, k, reverse)
		return sortedMsg{id: id, res: res, err: err}
	})
}

// threadCmd toggles the threaded view. Without THREAD on the server, the
// messages already fetched are threaded.
func (m Model) threadCmd() (tea.Model, tea.Cmd) {
	if m.list.look.threaded {
		m.list.look.threaded, m.list.look.depth, m.list.look.ordered = false, nil, nil
		m.list = m.list.setShown(nil)
		m.status = m.status.setNotice("threads off: arrival order", false)
		return m, m.list.fetch()
	}
	window := make([]imapsvc.UID, 0, len(m.list.rows))
	for u := range m.list.rows {
		window = append(window, u)
	}
	slices.Sort(window)
	return m.viewCall(func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, id requests.ID) tea.Msg {
		res, err := b.Thread(ctx, mb, window)
		return threadedMsg{id: id, res: res, err: err}
	})
}

func (m Model) viewResult(msg tea.Msg) (Model, tea.Cmd) {
	var id requests.ID
	var err error
	var mb imapsvc.Mailbox
	switch r := msg.(type) {
	case searchedMsg:
		id, err, mb = r.id, r.err, r.res.Mailbox
	case sortedMsg:
		id, err, mb = r.id, r.err, r.res.Mailbox
	case threadedMsg:
		id, err, mb = r.id, r.err, r.res.Mailbox
	case expungePlanMsg:
		m.finish(r.id, r.err)
		return m.expungePlanned(r)
	}
	if !m.finish(id, err) || (err == nil && mb != m.list.mb) {
		return m, nil
	}
	if err != nil {
		if !isStale(err) {
			m.status = m.status.setNotice(errText(err), true)
		}
		return m, nil
	}
	l := &m.list.look
	switch r := msg.(type) {
	case searchedMsg:
		l.hits, l.filtered = r.res.UIDs, true
		base := l.ordered
		if base == nil {
			base = slices.Clone(m.list.uids)
			slices.Reverse(base)
		}
		shown := make([]imapsvc.UID, 0, len(r.res.UIDs))
		for _, u := range base {
			if _, ok := slices.BinarySearch(r.res.UIDs, u); ok {
				shown = append(shown, u)
			}
		}
		m.list = m.list.setShown(shown)
		m.status = m.status.setNotice(fmt.Sprintf("%s match %s (n/N step through them, Esc shows all)",
			plural(len(r.res.UIDs), "message"), r.res.Keys), false)
	case sortedMsg:
		l.ordered, l.orderSort, l.reverse, l.threaded, l.depth, l.filtered = r.res.UIDs, r.res.Key, r.res.Reverse, false, nil, false
		m.list = m.list.setShown(r.res.UIDs)
		note := "sorted by " + string(r.res.Key)
		if r.res.Reverse {
			note += ", reversed"
		}
		if r.res.Note != "" {
			note = r.res.Note
		}
		m.status = m.status.setNotice(note, false)
	case threadedMsg:
		order, depth := flattenThreads(r.res.Threads)
		l.ordered, l.depth, l.threaded, l.filtered = order, depth, true, false
		m.list = m.list.setShown(order)
		note := "threads (THREAD=REFERENCES)"
		if !r.res.Server {
			note = fmt.Sprintf("the server has no THREAD=REFERENCES: threaded the %s fetched so far", plural(len(order), "message"))
		}
		m.status = m.status.setNotice(note, false)
	}
	return m, m.list.fetch()
}

// flattenThreads lists threads newest first, each root followed by its
// replies in order, with their depth.
func flattenThreads(threads []imapsvc.ThreadNode) ([]imapsvc.UID, map[imapsvc.UID]int) {
	var order []imapsvc.UID
	depth := map[imapsvc.UID]int{}
	var walk func(n imapsvc.ThreadNode, d int)
	walk = func(n imapsvc.ThreadNode, d int) {
		if n.UID != 0 {
			order, depth[n.UID] = append(order, n.UID), d
			d++
		}
		for _, c := range n.Children {
			walk(c, d)
		}
	}
	for i := len(threads) - 1; i >= 0; i-- {
		walk(threads[i], 0)
	}
	return order, depth
}

// clearLook is Esc: it ends a visual range, else drops a search filter
// (hits stay for n/N), else forgets hits and marks.
func (m listModel) clearLook() listModel {
	l := &m.look
	switch {
	case l.visual:
		l.visual = false
	case l.filtered:
		l.filtered = false
		m = m.setShown(l.ordered)
	default:
		l.hits, l.marked = nil, nil
	}
	m.updateKeys()
	return m
}

// expungeAsk lists the folder's \Deleted messages, then asks.
func (m Model) expungeAsk(forClose bool) (tea.Model, tea.Cmd) {
	var chosen []imapsvc.UID
	if m.list.marks() > 0 {
		chosen = m.list.targets()
	}
	id, b, mb := m.reqs.Start(reqAction), m.backend, m.list.mb
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		plan, err := b.ExpungePlan(ctx, mb)
		return expungePlanMsg{id: id, mb: mb, plan: plan, err: err, forClose: forClose, chosen: chosen}
	})
}

func (m Model) expungePlanned(r expungePlanMsg) (Model, tea.Cmd) {
	if r.err != nil || r.mb != m.list.mb {
		if r.err != nil && !isStale(r.err) {
			m.status = m.status.setNotice("UID SEARCH DELETED: "+errText(r.err), true)
		}
		return m, nil
	}
	del := r.plan.Deleted
	again := ""
	if r.changed != "" {
		again = strings.ToUpper(r.changed[:1]) + r.changed[1:] + ". "
	}
	if r.forClose {
		if len(del) == 0 && r.changed == "" {
			return m, emit(closeMsg{mb: r.mb})
		}
		q := fmt.Sprintf("%sCLOSE expunges %s silently: %s. Close?", again, plural(len(del), `\Deleted message`), m.describe(del))
		if len(del) == 0 {
			q = again + "Nothing is \\Deleted now. Close?"
		}
		return m.offerConfirm(m.admin.confirm.askMsg(q, closeMsg{mb: r.mb, deleted: del})), nil
	}
	set := del
	if r.chosen != nil {
		set = nil
		for _, u := range r.chosen {
			if _, ok := slices.BinarySearch(del, u); ok {
				set = append(set, u)
			}
		}
	}
	switch {
	case len(set) == 0:
		m.status = m.status.setNotice(again+`nothing to expunge: no chosen message is marked \Deleted`, false)
		return m, nil
	case r.plan.UIDPlus:
		m = m.offerConfirm(m.admin.confirm.askMsg(fmt.Sprintf("%sUID EXPUNGE removes %s for good: %s. Expunge?",
			again, plural(len(set), "message"), m.describe(set)), expungeMsg{mb: r.mb, uids: set, chosen: r.chosen}))
	default:
		m = m.offerConfirm(m.admin.confirm.askMsg(fmt.Sprintf("%sNo UIDPLUS: EXPUNGE removes ALL %s in this folder, "+
			"including ones other clients marked: %s. Expunge all?", again, plural(len(del), `\Deleted message`), m.describe(del)),
			expungeMsg{mb: r.mb, uids: del, whole: true, chosen: r.chosen}))
	}
	return m, nil
}

// describe names up to five messages by subject (else UID), then a count.
func (m Model) describe(uids []imapsvc.UID) string {
	var parts []string
	for i, u := range uids {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(uids)-5))
			break
		}
		if r, ok := m.list.rows[u]; ok && r.Subject != "" {
			parts = append(parts, fmt.Sprintf("%q", oneLine(r.Subject)))
		} else {
			parts = append(parts, fmt.Sprintf("UID %d", u))
		}
	}
	return strings.Join(parts, ", ")
}

// undoCmd takes back the last move or delete.
func (m Model) undoCmd() (tea.Model, tea.Cmd) {
	u := m.acts.undo
	switch {
	case u == nil:
		m.status = m.status.setNotice("nothing to undo", false)
		return m, nil
	case u.transfer != nil && len(u.transfer.DestUIDs) == 0 && !u.transfer.LeftDeleted:
		m.status = m.status.setNotice("cannot undo: the server sent no COPYUID for that move", true)
		return m, nil
	case u.transfer == nil && u.mb.Name == m.list.mb.Name && u.mb.UIDValidity != m.list.mb.UIDValidity:
		m.acts.undo = nil
		m.status = m.status.setNotice("cannot undo: "+u.mb.Name.String()+" has a new UIDVALIDITY, so those UIDs may name other messages", true)
		return m, nil
	case u.transfer == nil && u.mb != m.list.mb:
		m.status = m.status.setNotice("undo: open "+u.mb.Name.String()+" again to take back its \\Deleted marks", true)
		return m, nil
	case u.transfer == nil:
		m.acts.undo = nil
		return m.storeCmd(u.deleted, imapsvc.StoreRemove, []string{`\Deleted`})
	}
	t := *u.transfer
	m.acts.undo = nil
	return m.runBackend("undo", m.list.mb, func(ctx context.Context, b imapsvc.Backend) actionMsg {
		err := b.Undo(ctx, t)
		return actionMsg{err: err, reopen: t.Source.Name, touched: []imapsvc.FolderName{t.Source.Name, t.Dest},
			done: fmt.Sprintf("undone: %s back in %s", plural(len(t.UIDs), "message"), t.Source.Name)}
	})
}
