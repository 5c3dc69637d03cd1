package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folderview"
)

// sortByDateHere sorts m, whose server cannot SORT, by reverse arrival (the
// server is asked) and then by date (sorted here), and drives it until the
// first keys answer, which it returns undelivered.
func sortByDateHere(t *testing.T, m Model) (Model, keysMsg) {
	t.Helper()
	m = drive(t, m, press("O")).(Model)
	next, cmd := m.Update(press("o"))
	m = next.(Model)
	queue := runCmd(cmd)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("no quiescence before the keys answer")
		}
		msg := queue[0]
		queue = queue[1:]
		if km, ok := msg.(keysMsg); ok {
			return m, km
		}
		next, cmd = m.Update(msg)
		m = next.(Model)
		queue = append(queue, runCmd(cmd)...)
	}
	t.Fatal("no keys asked for")
	return m, keysMsg{}
}

// TestClientSortInChunks: without SORT, the keys come chunk by chunk with
// the progress on the status bar, the list keeps answering keys and
// keeps its order meanwhile, and the sorted view shows once every key is
// in, never a sort of part of the folder.
func TestClientSortInChunks(t *testing.T) {
	const n = imapsvc.MaxKeyChunk + 1000
	f := quiet(n)
	f.noSortThread = true
	m := start(t, f, testOptions())
	before := m.list.disp().Rows()
	m, chunk := sortByDateHere(t, m)
	if len(chunk.list.Keys) != imapsvc.MaxKeyChunk {
		t.Fatalf("first chunk has %d keys", len(chunk.list.Keys))
	}
	next, cmd := m.Update(chunk)
	m = next.(Model)
	if !strings.Contains(m.status.notice, "fetched 5000 of 6000") {
		t.Fatalf("notice %q", m.status.notice)
	}
	if m.list.look.spec.Kind == folderview.ClientSort {
		t.Fatal("sorted before every key was in")
	}
	// Keys still work while the second chunk is out.
	cur := m.list.cur
	next, _ = m.Update(press("j"))
	m = next.(Model)
	if m.list.cur == cur {
		t.Fatal("j did nothing while keys were fetched")
	}
	m = drive(t, m, runCmd(cmd)...).(Model)
	if m.list.look.spec.Kind != folderview.ClientSort || !strings.Contains(m.status.notice, "sorted by date") {
		t.Fatalf("spec %+v, notice %q", m.list.look.spec.Kind, m.status.notice)
	}
	if m.list.disp().Len() != n || len(before) != n {
		t.Fatalf("%d rows shown", m.list.disp().Len())
	}
}

// TestClientSortUnansweredKey: a message the server leaves out of a keys
// answer (expunged meanwhile, or a server that skips it) is not asked for
// again and again; it sorts first, as a message without the field does.
func TestClientSortUnansweredKey(t *testing.T) {
	f := quiet(10)
	f.noSortThread = true
	m, chunk := sortByDateHere(t, start(t, f, testOptions()))
	chunk.list.Keys = slices.DeleteFunc(chunk.list.Keys, func(k imapsvc.MessageKeys) bool { return k.UID == 6 })
	calls := len(f.callLog())
	m = drive(t, m, chunk).(Model)
	for _, c := range f.callLog()[calls:] {
		if strings.HasPrefix(c, "SORTKEYS") {
			t.Fatalf("asked again: %q", c)
		}
	}
	d, at := m.list.disp(), 0 // a message without a date sorts first, last when reversed
	if m.list.look.spec.Reverse {
		at = d.Len() - 1
	}
	if m.list.look.spec.Kind != folderview.ClientSort || d.Len() != 10 || d.At(at) != 6 {
		t.Fatalf("spec %+v, rows %v", m.list.look.spec, d.Rows())
	}
}

// TestClientSortKeyChangedMidway: the key changes while a chunk of the
// old key's fields is out; that answer must not count as the new key's.
func TestClientSortKeyChangedMidway(t *testing.T) {
	f := quiet(10)
	f.noSortThread = true
	m, chunk := sortByDateHere(t, start(t, f, testOptions()))
	chunk.list.Keys = chunk.list.Keys[:len(chunk.list.Keys)-1] // one left out, as if expunged meanwhile
	// By sender, while the date chunk is out.
	m = drive(t, m, append(append([]tea.Msg{press(":")}, typed("sort from")...), press("enter"))...).(Model)
	m = drive(t, m, chunk).(Model)
	if m.list.look.spec.Key != imapsvc.SortFrom {
		t.Fatalf("sorted by %s", m.list.look.spec.Key)
	}
	for _, u := range m.list.uids {
		if k := m.list.sorting.keys[u]; k.From == "" {
			t.Errorf("UID %d sorted without its sender: %+v", u, k)
		}
	}
}

// TestClientSortWithoutAskingServer: where the session's capabilities
// lack SORT (THREAD=REFERENCES), a sort (thread) starts here at once: the
// server is not asked first, which cost a UID SEARCH of the whole folder.
func TestClientSortWithoutAskingServer(t *testing.T) {
	for _, tt := range []struct{ key, asked string }{{"o", "SORT date"}, {"T", "THREAD"}} {
		key := tt.key
		f := quiet(50)
		f.noSortThread = true
		f.caps = []string{"IMAP4rev1", "IDLE", "UIDPLUS"}
		m := start(t, f, testOptions())
		if key == "o" {
			m = drive(t, m, press("o")).(Model) // arrival order, which the server is asked for
		}
		next, cmd := m.Update(press(key))
		m = next.(Model)
		asked := false
		queue := runCmd(cmd)
		for steps := 0; len(queue) > 0 && !asked; steps++ {
			if steps > 10000 {
				t.Fatal("no quiescence before the keys answer")
			}
			msg := queue[0]
			queue = queue[1:]
			if _, ok := msg.(keysMsg); ok {
				asked = true
				break
			}
			next, cmd = m.Update(msg)
			m = next.(Model)
			queue = append(queue, runCmd(cmd)...)
		}
		if !asked {
			t.Fatalf("%s: no keys asked for", key)
		}
		for _, c := range f.callLog() {
			if strings.HasPrefix(c, tt.asked) {
				t.Fatalf("%s: the server was asked first: %q", key, c)
			}
		}
	}
}

// TestClientSortAsksOnlyMissingFields: after a sort by date, a sort by
// sender asks for the From alone, not the Date again (the list still
// wants both while the date sort is shown).
func TestClientSortAsksOnlyMissingFields(t *testing.T) {
	f := quiet(10)
	f.noSortThread = true
	m, chunk := sortByDateHere(t, start(t, f, testOptions()))
	m = drive(t, m, chunk).(Model)
	if m.list.look.spec.Key != imapsvc.SortDate {
		t.Fatalf("sorted by %s", m.list.look.spec.Key)
	}
	calls := len(f.callLog())
	m = drive(t, m, append(append([]tea.Msg{press(":")}, typed("sort from")...), press("enter"))...).(Model)
	if m.list.look.spec.Key != imapsvc.SortFrom {
		t.Fatalf("sorted by %s", m.list.look.spec.Key)
	}
	var asked []string
	for _, c := range f.callLog()[calls:] {
		if strings.HasPrefix(c, "SORTKEYS") {
			asked = append(asked, c)
		}
	}
	want := fmt.Sprintf("SORTKEYS 10 fields=%d", imapsvc.KeyFrom)
	if len(asked) != 1 || asked[0] != want {
		t.Fatalf("asked %q, want [%q]", asked, want)
	}
}
