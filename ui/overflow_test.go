package ui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// TestExpungeBeatsOlderUIDList: an Expunged event read while a UID list
// is on its way wins over that list when the list was made before the
// expunge; otherwise the row would come back as "(UID n unavailable)".
func TestExpungeBeatsOlderUIDList(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	id := m.reqs.StartLatest(reqUIDs) // a UID list is on its way
	m = drive(t, m, eventMsg{imapsvc.Expunged{Mailbox: inbox7, UID: 4}}).(Model)
	m = drive(t, m, uidsMsg{id: id, mb: inbox7, list: imapsvc.UIDList{Mailbox: inbox7, UIDs: []imapsvc.UID{2, 4, 6}}}).(Model)
	if !slices.Equal(m.list.uids, []imapsvc.UID{2, 6}) {
		t.Fatalf("uids = %v, want [2 6]", m.list.uids)
	}
	if out := screen(m); strings.Contains(out, "unavailable") {
		t.Fatalf("ghost row:\n%s", out)
	}
}

// TestResyncConverges: random batches of changes on the fake server, each
// announced by events of which only a random prefix reaches the UI before
// the service's Resync replaces the rest (an overflow). After every batch
// the list equals the server: UIDs, count, unseen count, and the flags of
// every row it holds as current; nothing reads "unavailable".
func TestResyncConverges(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 9))
		f := quiet(40)
		m := start(t, f, testOptions())
		next := imapsvc.UID(100)
		for range 8 {
			var evs []tea.Msg
			f.mu.Lock()
			b := f.boxes["INBOX"]
			for range 1 + rng.IntN(30) {
				switch op := rng.IntN(3); {
				case op == 0 && len(b.rows) > 0:
					i := rng.IntN(len(b.rows))
					uid := b.rows[i].UID
					b.rows = slices.Delete(slices.Clone(b.rows), i, i+1)
					evs = append(evs, eventMsg{imapsvc.Expunged{Mailbox: inbox7, UID: uid}})
				case op == 1 && len(b.rows) > 0:
					i := rng.IntN(len(b.rows))
					b.rows = slices.Clone(b.rows)
					b.rows[i].Flags.Seen = !b.rows[i].Flags.Seen
					b.rows[i].Flags.Flagged = rng.IntN(2) == 0
					evs = append(evs, eventMsg{imapsvc.FlagsChanged{Mailbox: inbox7, UID: b.rows[i].UID, Flags: b.rows[i].Flags}})
				default:
					r := newRow(next, "arrived")
					next++
					b.rows = append(slices.Clone(b.rows), r)
					evs = append(evs,
						eventMsg{imapsvc.Exists{Mailbox: inbox7, Count: uint32(len(b.rows))}},
						eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{r}}})
				}
			}
			truth := slices.Clone(b.rows)
			f.mu.Unlock()
			k := rng.IntN(len(evs) + 1)
			evs = append(evs[:k], eventMsg{imapsvc.Resync{Mailbox: inbox7, Exists: uint32(len(truth))}})
			m = drive(t, m, evs...).(Model)
			checkConverged(t, seed, m, truth)
			if rng.IntN(2) == 0 { // scroll somewhere else
				m = drive(t, m, keys("ctrl+d", "j")...).(Model)
				checkConverged(t, seed, m, truth)
			}
		}
	}
}

func checkConverged(t *testing.T, seed uint64, m Model, truth []imapsvc.Row) {
	t.Helper()
	var uids []imapsvc.UID
	byUID := map[imapsvc.UID]imapsvc.Row{}
	var unseen uint32
	for _, r := range truth {
		uids = append(uids, r.UID)
		byUID[r.UID] = r
		if !r.Flags.Seen {
			unseen++
		}
	}
	if !slices.Equal(m.list.uids, uids) {
		t.Fatalf("seed %d: list %v\nserver %v", seed, m.list.uids, uids)
	}
	if m.status.sel.Exists != uint32(len(truth)) || m.status.unseen != unseen {
		t.Fatalf("seed %d: status says %d exist, %d unseen; server %d, %d", seed,
			m.status.sel.Exists, m.status.unseen, len(truth), unseen)
	}
	for u, r := range m.list.rows {
		want, ok := byUID[u]
		if m.list.stale[u] {
			continue
		}
		if !ok {
			continue // cached for a moment; not listed
		}
		if !slices.Equal(want.Flags.Keywords, r.Flags.Keywords) || want.Flags.Seen != r.Flags.Seen || want.Flags.Flagged != r.Flags.Flagged {
			t.Fatalf("seed %d: UID %d shows %+v, server %+v", seed, u, r.Flags, want.Flags)
		}
	}
	if out := screen(m); strings.Contains(out, "unavailable") {
		t.Fatalf("seed %d: ghost rows:\n%s", seed, out)
	}
}

// TestExistsFollowsUIDList: a message expunged after a Resync was counted
// and after the UID list was made is absent from the list when its
// Expunged event comes, so that event cannot count it; the count must
// come from the list itself.
func TestExistsFollowsUIDList(t *testing.T) {
	f := quiet(3) // UIDs 2 4 6
	m := start(t, f, testOptions())
	f.mu.Lock()
	b := f.boxes["INBOX"]
	b.rows = slices.DeleteFunc(slices.Clone(b.rows), func(r imapsvc.Row) bool { return r.UID == 4 })
	f.mu.Unlock()
	m = drive(t, m, eventMsg{imapsvc.Resync{Mailbox: inbox7, Exists: 3}}).(Model)
	m = drive(t, m, eventMsg{imapsvc.Expunged{Mailbox: inbox7, UID: 4}}).(Model)
	if !slices.Equal(m.list.uids, []imapsvc.UID{2, 6}) || m.status.sel.Exists != 2 {
		t.Fatalf("list %v, %d exists; want [2 6], 2", m.list.uids, m.status.sel.Exists)
	}
}
