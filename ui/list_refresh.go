package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folderview"
	"tern/ui/requests"
)

// After new mail or a resync, what the server decided about the view (its
// sort, its threads, the search hits) is asked for again, so new messages
// take their place: until the answer, they show first in a server sort or
// thread and not at all under a search filter (only hits are shown). A
// view sorted or threaded here fetches the keys of the new messages
// instead (list_keys.go).
type viewAgainMsg struct {
	mb     imapsvc.Mailbox
	id     requests.ID
	spec   folderview.Spec // what was asked again (Kind, Key, Reverse)
	keys   string          // the search asked again, if that
	sort   imapsvc.SortResult
	thread imapsvc.ThreadResult
	search imapsvc.SearchResult
	err    error
}

// refreshView asks again; answers to older refreshes are stale (the
// tracker's latest-wins kinds reqViewAgain and reqSearchAgain).
func (m *listModel) refreshView() tea.Cmd {
	if !m.open || m.backend == nil {
		return nil
	}
	s, keys, b, mb := m.look.spec, m.look.searchKeys, m.backend, m.mb
	var cmds []tea.Cmd
	ask := func(f func(ctx context.Context, out *viewAgainMsg) error, search bool) {
		k := reqViewAgain
		if search {
			k = reqSearchAgain
		}
		id := m.reqs.StartLatest(k)
		cmds = append(cmds, call(requestTimeout, func(ctx context.Context) tea.Msg {
			out := viewAgainMsg{mb: mb, id: id, spec: s}
			if search {
				out.keys = keys
			}
			out.err = f(ctx, &out)
			return out
		}))
	}
	switch s.Kind {
	case folderview.ServerSort:
		ask(func(ctx context.Context, out *viewAgainMsg) (err error) {
			out.sort, err = b.Sort(ctx, mb, s.Key, s.Reverse)
			return err
		}, false)
	case folderview.ServerThread:
		ask(func(ctx context.Context, out *viewAgainMsg) (err error) {
			out.thread, err = b.Thread(ctx, mb, nil)
			return err
		}, false)
	}
	if keys != "" {
		ask(func(ctx context.Context, out *viewAgainMsg) (err error) {
			out.search, err = b.Search(ctx, mb, keys)
			return err
		}, true)
	}
	return tea.Batch(append(cmds, m.fetchKeys())...)
}

// refreshed takes an answer to refreshView, if the view is still the one
// it was asked for. Errors stay quiet: the view stays as it is.
func (m listModel) refreshed(msg viewAgainMsg) (listModel, tea.Cmd) {
	if !m.current(msg.id, msg.mb) || msg.err != nil {
		return m, nil
	}
	s := m.look.spec
	switch {
	case msg.keys != "":
		if msg.keys != m.look.searchKeys {
			return m, nil
		}
		s.Hits = msg.search.UIDs
		if s.Filter { // hits the list never heard of are not shown
			s.Hits = onlyListed(m.folder(), s.Hits)
		}
	case s.Kind != msg.spec.Kind || s.Key != msg.spec.Key || s.Reverse != msg.spec.Reverse:
		return m, nil
	case s.Kind == folderview.ServerSort:
		s.Server = msg.sort.UIDs
	case s.Kind == folderview.ServerThread:
		s.Threads = msg.thread.Threads
	}
	m = m.setSpec(s)
	return m, m.fetch()
}

func onlyListed(f folderview.Folder, uids []imapsvc.UID) []imapsvc.UID {
	out := make([]imapsvc.UID, 0, len(uids))
	for _, u := range uids {
		if f.Has(u) {
			out = append(out, u)
		}
	}
	return out
}
