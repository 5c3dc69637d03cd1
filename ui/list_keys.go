package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folderview"
	"tern/ui/requests"
)

// keyFetch gets the sort and thread keys of the whole folder, chunk by
// chunk in the background, where the server cannot SORT or THREAD. The
// view changes only once every message has its keys: a sort or thread of
// part of the folder would be wrong.
type keyFetch struct {
	keys map[imapsvc.UID]imapsvc.MessageKeys
	want *folderview.Spec // the view waiting for keys, nil if none
	// queue holds the UIDs still to ask, oldest first, taken from the
	// folder once per round rather than after every chunk: at 50,000
	// messages a scan of the folder per chunk cost more than the sort.
	queue       []imapsvc.UID
	total, done int  // messages without keys when want was set; answered since
	failed      bool // a fetch failed: not asked again until the next o/T
}

type keysMsg struct {
	mb     imapsvc.Mailbox
	id     requests.ID
	asked  []imapsvc.UID
	fields imapsvc.KeyFields // asked for: the view may want others by now
	list   imapsvc.KeyList
	err    error
}

// fields are the header fields the keys must hold, for the view shown and
// the one waiting.
func (m listModel) fields() imapsvc.KeyFields {
	f := m.look.spec.Fields()
	if m.sorting.want != nil {
		f |= m.sorting.want.Fields()
	}
	return f
}

// wantView asks for a view sorted or threaded here; it is shown once every
// key is in.
func (m listModel) wantView(s folderview.Spec) (listModel, tea.Cmd, string) {
	m.sorting.want, m.sorting.failed = &s, false
	if m.sorting.keys == nil {
		m.sorting.keys = make(map[imapsvc.UID]imapsvc.MessageKeys, len(m.uids)) // grown once, not by doubling
	}
	m.sorting.queue = nil // fetchKeys takes it from the folder
	m.sorting.total, m.sorting.done = len(m.folder().MissingKeys(m.fields())), 0
	cmd, note := m.fetchKeys(), ""
	if m.sorting.want != nil {
		note = m.keysProgress()
	} else {
		note = viewNote(m.look.spec)
	}
	return m, cmd, note
}

// fetchKeys asks for the next chunk of missing keys, when a view needs
// them and nothing is in flight; with none missing, the wanted view is
// shown.
func (m *listModel) fetchKeys() tea.Cmd {
	if !m.open || m.backend == nil || m.reqs.InFlight(reqKeys) > 0 || m.sorting.failed {
		return nil
	}
	if m.sorting.want == nil && !m.look.spec.NeedsKeys() {
		return nil
	}
	if !m.haveAll {
		return nil // setUIDs calls again
	}
	if len(m.sorting.queue) == 0 {
		m.sorting.queue = m.folder().MissingKeys(m.fields())
	}
	need := m.sorting.queue[:min(len(m.sorting.queue), imapsvc.MaxKeyChunk)]
	m.sorting.queue = m.sorting.queue[len(need):]
	if len(need) == 0 {
		if m.sorting.want != nil {
			s := *m.sorting.want
			m.sorting.want = nil
			s.Hits, s.Filter = m.look.spec.Hits, false
			*m = m.setSpec(s)
		}
		return nil
	}
	b, mb, id, fields := m.backend, m.mb, m.reqs.StartLatest(reqKeys), m.missingFields(need)
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, err := b.SortKeys(ctx, mb, int(id.Num()), need, fields)
		return keysMsg{mb: mb, id: id, asked: need, fields: fields, list: l, err: err}
	})
}

// missingFields are the fields some of uids lacks: only those are asked,
// so a sort by sender after one by subject reads the From alone.
func (m listModel) missingFields(uids []imapsvc.UID) imapsvc.KeyFields {
	want := m.fields()
	var missing imapsvc.KeyFields
	for _, u := range uids {
		missing |= want &^ m.sorting.keys[u].Known
	}
	return missing
}

// gotKeys stores a chunk of keys; it returns what the status bar should
// say ("" for nothing).
func (m listModel) gotKeys(msg keysMsg) (listModel, tea.Cmd, string, bool) {
	if !m.current(msg.id, msg.mb) {
		return m, nil, "", false
	}
	if msg.err != nil {
		m.sorting.want, m.sorting.failed = nil, true
		if isStale(msg.err) {
			return m, nil, "", false
		}
		return m, nil, "fetching sort keys: " + errText(msg.err), true
	}
	f := m.folder()
	for _, k := range msg.list.Keys {
		if f.Has(k.UID) {
			m.sorting.keys[k.UID] = m.sorting.keys[k.UID].Merge(k)
		}
	}
	// A message the server did not answer for (expunged meanwhile) gets
	// empty keys for what was asked, which sort first, rather than being
	// asked again forever.
	for _, u := range msg.asked {
		if k := m.sorting.keys[u]; f.Has(u) && k.Known&msg.fields != msg.fields {
			m.sorting.keys[u] = k.Merge(imapsvc.MessageKeys{UID: u, Known: msg.fields})
		}
	}
	m.sorting.done += len(msg.asked)
	waiting := m.sorting.want != nil
	cmd := m.fetchKeys()
	switch {
	case waiting && m.sorting.want != nil:
		return m, cmd, m.keysProgress(), false
	case waiting:
		return m, tea.Batch(cmd, m.fetch()), viewNote(m.look.spec), false
	}
	m.rederive() // keys of new mail: it moves to its sorted place
	return m, tea.Batch(cmd, m.fetch()), "", false
}

func (m listModel) keysProgress() string {
	what := "sorting by " + string(m.sorting.want.Key)
	if m.sorting.want.Kind == folderview.ClientThread {
		what = "threading"
	}
	done := min(m.sorting.done, m.sorting.total)
	return fmt.Sprintf("%s here (the server cannot): fetched %d of %d messages' headers…", what, done, m.sorting.total)
}

// viewNote says what the list shows.
func viewNote(s folderview.Spec) string {
	switch s.Kind {
	case folderview.ServerThread:
		return "threads (THREAD=REFERENCES)"
	case folderview.ClientThread:
		return "threads by References (the server has no THREAD; threaded here)"
	case folderview.ServerSort, folderview.ClientSort:
		note := "sorted by " + string(s.Key)
		if s.Reverse {
			note += ", reversed"
		}
		if s.Kind == folderview.ClientSort {
			note += " (the server has no SORT; sorted here)"
		}
		return note
	}
	return "arrival order"
}
