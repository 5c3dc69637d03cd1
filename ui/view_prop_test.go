package ui

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"tern/imapsvc"
	"tern/ui/folderview"
)

var inbox = imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}

// liveEvent makes the fake server change as another client or the server
// would, and tells the UI as the service would. Kinds: new mail, expunge of
// the cursor's message, expunge of another, a flag change of the cursor's
// message, a reconnect (SELECT again, resync in place), a Resync (events
// folded by the service).
func liveEvent(t testing.TB, f *fakeBackend, m Model, kind, pick int) Model {
	t.Helper()
	f.mu.Lock()
	b := f.boxes["INBOX"]
	var ev imapsvc.Event
	switch kind % 6 {
	case 0:
		u := imapsvc.UID(1)
		if n := len(b.rows); n > 0 {
			u = b.rows[n-1].UID + 1 + imapsvc.UID(pick%3)
		}
		r := imapsvc.Row{UID: u, Date: testNow, From: fmt.Sprintf("Sender %d", pick%20),
			Subject: fmt.Sprintf("Message number %d", pick%20)}
		b.rows = append(b.rows, r)
		b.texts[u] = "new"
		ev = imapsvc.NewMail{Mailbox: inbox, Rows: []imapsvc.Row{r}}
	case 1, 2:
		if len(b.rows) == 0 {
			break
		}
		i := pick % len(b.rows)
		if cur, ok := m.list.selected(); ok && kind%6 == 1 {
			i = slices.IndexFunc(b.rows, func(r imapsvc.Row) bool { return r.UID == cur })
		}
		if i < 0 {
			break
		}
		ev = imapsvc.Expunged{Mailbox: inbox, UID: b.rows[i].UID}
		b.rows = slices.Delete(b.rows, i, i+1)
	case 3:
		cur, ok := m.list.selected()
		i := slices.IndexFunc(b.rows, func(r imapsvc.Row) bool { return r.UID == cur })
		if !ok || i < 0 {
			break
		}
		b.rows[i].Flags.Seen = !b.rows[i].Flags.Seen
		ev = imapsvc.FlagsChanged{Mailbox: inbox, UID: cur, Flags: b.rows[i].Flags}
	case 4:
		ev = imapsvc.Reconnected{}
	case 5:
		ev = imapsvc.Resync{Mailbox: inbox, Exists: uint32(len(b.rows))}
	}
	f.mu.Unlock()
	if ev == nil {
		return m
	}
	return drive(t, m, eventMsg{ev: ev}).(Model)
}

// expectedRows derives the view from scratch: the folder as the fake holds
// it, and the server's answers to the list's sort, threads and search
// asked now.
func expectedRows(t testing.TB, f *fakeBackend, l listModel) folderview.View {
	t.Helper()
	ctx := context.Background()
	f.mu.Lock()
	var uids []imapsvc.UID
	for _, r := range f.boxes["INBOX"].rows {
		uids = append(uids, r.UID)
	}
	f.mu.Unlock()
	s := l.look.spec
	switch s.Kind {
	case folderview.ServerSort:
		res, _ := f.Sort(ctx, inbox, s.Key, s.Reverse)
		s.Server = res.UIDs
	case folderview.ServerThread:
		res, _ := f.Thread(ctx, inbox, nil)
		s.Threads = res.Threads
	}
	if l.look.searchKeys != "" {
		res, _ := f.Search(ctx, inbox, l.look.searchKeys)
		s.Hits = res.UIDs
	}
	fold := folderview.Folder{UIDs: uids}
	if s.NeedsKeys() {
		keys, _ := f.SortKeys(ctx, inbox, 0, uids, l.fields())
		fold.Keys = map[imapsvc.UID]imapsvc.MessageKeys{}
		for _, k := range keys.Keys {
			fold.Keys[k.UID] = k
		}
	}
	return folderview.Derive(fold, s)
}

// checkList: the rows shown are the view derived from scratch, and the
// cursor is on a shown message.
func checkList(t testing.TB, f *fakeBackend, m Model, step string) {
	t.Helper()
	l := m.list
	want := expectedRows(t, f, l)
	if !slices.Equal(l.disp().Rows(), want.Rows()) {
		t.Fatalf("after %s: shown %v, derived from scratch %v (spec %+v)", step, l.disp().Rows(), want.Rows(), l.look.spec)
	}
	if d := l.disp(); d.Len() > 0 && (l.cursor < 0 || l.cursor >= d.Len() || d.At(l.cursor) != l.cur) {
		t.Fatalf("after %s: cursor row %d, UID %d, rows %v", step, l.cursor, l.cur, d)
	}
}

// viewKeys change how the list is shown, not where the cursor is.
var viewKeys = [][]string{{"o"}, {"O"}, {"T"}, {"esc"}, {"/", "1", "enter"}, {"/", "2", "enter"}}

// moveKeys move the cursor on purpose, or mark.
var moveKeys = [][]string{{"j"}, {"k"}, {"G"}, {"g"}, {"t"}, {"v"}, {"A"}}

// TestListViewProperty drives random interleavings of view keys, moves,
// marks and live events; after every step nothing has panicked, the
// cursor's message is the same unless it is gone from what is shown, and
// the rows shown equal the view derived from scratch.
func TestListViewProperty(t *testing.T) {
	for seed := int64(1); seed <= 60; seed++ {
		r := rand.New(rand.NewSource(seed))
		f := quiet(4 + r.Intn(12))
		f.noSortThread = seed%2 == 0
		m := start(t, f, testOptions())
		checkList(t, f, m, "start")
		for step := 0; step < 80; step++ {
			before, had := m.list.selected()
			var what string
			moved := false
			switch n := r.Intn(10); {
			case n < 4:
				kind, pick := r.Intn(6), r.Intn(1000)
				m = liveEvent(t, f, m, kind, pick)
				what = fmt.Sprintf("seed %d step %d event %d/%d", seed, step, kind, pick)
			case n < 7:
				k := viewKeys[r.Intn(len(viewKeys))]
				m = drive(t, m, keys(k...)...).(Model)
				what = fmt.Sprintf("seed %d step %d keys %v", seed, step, k)
			default:
				k := moveKeys[r.Intn(len(moveKeys))]
				m = drive(t, m, keys(k...)...).(Model)
				what, moved = fmt.Sprintf("seed %d step %d keys %v", seed, step, k), true
			}
			_ = m.View()
			checkList(t, f, m, what)
			if had && !moved && m.list.index(before) >= 0 {
				if now, _ := m.list.selected(); now != before {
					t.Fatalf("after %s: cursor moved from UID %d to %d", what, before, now)
				}
			}
		}
	}
}
