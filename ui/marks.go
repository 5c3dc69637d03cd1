package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"strings"

	"tern/imapsvc"
)

// listLook is how the list is shown beyond arrival order: marked messages,
// search hits (as a filter or as stops for n/N), a server sort or threads.
// shown uses the list's convention (display row i is shown[len-1-i]); nil
// means every UID in arrival order, newest first.
type listLook struct {
	marked    map[imapsvc.UID]bool
	visual    bool
	anchor    int // display row where the visual range started
	shown     []imapsvc.UID
	depth     map[imapsvc.UID]int
	hits      []imapsvc.UID // ascending
	filtered  bool          // shown is the hits
	ordered   []imapsvc.UID // the sort or thread order while a filter hides it
	orderSort imapsvc.SortKey
	reverse   bool
	threaded  bool
}

// disp is the UIDs in display convention: what the list shows now.
func (m listModel) disp() []imapsvc.UID {
	if m.look.shown != nil {
		return m.look.shown
	}
	return m.uids
}

func (l listLook) emptyText() string {
	if l.filtered {
		return "(no messages match)"
	}
	return "(no messages)"
}

// indent draws the thread depth in front of a subject.
func (l listLook) indent(uid imapsvc.UID) string {
	d := l.depth[uid]
	if d == 0 {
		return ""
	}
	return strings.Repeat("  ", d-1) + "↳ "
}

// markCell is the cell between the flags and the date: "*" for a marked
// row or one inside the visual range.
func (l listLook) markCell(uid imapsvc.UID, row, cursor int) string {
	if l.marked[uid] || (l.visual && row >= min(l.anchor, cursor) && row <= max(l.anchor, cursor)) {
		return "*"
	}
	return " "
}

// forget drops an expunged message from every view.
func (l listLook) forget(uid imapsvc.UID) listLook {
	delete(l.marked, uid)
	del := func(s []imapsvc.UID) []imapsvc.UID {
		if s == nil {
			return nil
		}
		return slices.DeleteFunc(s, func(u imapsvc.UID) bool { return u == uid })
	}
	l.shown, l.hits, l.ordered = del(l.shown), del(l.hits), del(l.ordered)
	return l
}

// targets are the messages an action applies to: the marked ones and the
// visual range, else the one under the cursor. Ascending UIDs.
func (m listModel) targets() []imapsvc.UID {
	set := map[imapsvc.UID]bool{}
	for u := range m.look.marked {
		set[u] = true
	}
	d := m.disp()
	if m.look.visual {
		for i := min(m.look.anchor, m.cursor); i <= max(m.look.anchor, m.cursor) && i < len(d); i++ {
			set[uidAt(d, i)] = true
		}
	}
	if len(set) == 0 {
		if u, ok := m.selected(); ok {
			set[u] = true
		}
	}
	out := make([]imapsvc.UID, 0, len(set))
	for u := range set {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

// toggleMark marks or unmarks the cursor's message and steps down, as
// NeoMutt's tag does.
func (m listModel) toggleMark() listModel {
	u, ok := m.selected()
	if !ok {
		return m
	}
	m.look.marked = cloneMarks(m.look.marked)
	if m.look.marked[u] {
		delete(m.look.marked, u)
	} else {
		m.look.marked[u] = true
	}
	m.cursor, m.offset = clampScroll(len(m.disp()), m.cursor+1, m.offset, m.height)
	return m
}

// markAll marks every shown message, or unmarks all when all are marked.
func (m listModel) markAll() listModel {
	d := m.disp()
	if len(m.look.marked) == len(d) && len(d) > 0 {
		m.look.marked = nil
		return m
	}
	m.look.marked = make(map[imapsvc.UID]bool, len(d))
	for _, u := range d {
		m.look.marked[u] = true
	}
	return m
}

// toggleVisual starts a range at the cursor, or ends it by marking it.
func (m listModel) toggleVisual() listModel {
	if !m.look.visual {
		m.look.visual, m.look.anchor = true, m.cursor
		return m
	}
	m.look.marked = cloneMarks(m.look.marked)
	for _, u := range m.targets() {
		m.look.marked[u] = true
	}
	m.look.visual = false
	return m
}

func cloneMarks(in map[imapsvc.UID]bool) map[imapsvc.UID]bool {
	out := make(map[imapsvc.UID]bool, len(in)+1)
	for k, v := range in {
		out[k] = v
	}
	return out
}

func (m listModel) marks() int { return len(m.look.marked) }

// setShown shows uids (display order, first shown first) and keeps the
// cursor on its message where it is still shown.
func (m listModel) setShown(first []imapsvc.UID) listModel {
	cur, had := m.selected()
	if first == nil {
		m.look.shown = nil
	} else {
		m.look.shown = slices.Clone(first)
		slices.Reverse(m.look.shown)
	}
	m.cursor = 0
	if i := m.index(cur); had && i >= 0 {
		m.cursor = i
	}
	m.cursor, m.offset = clampScroll(len(m.disp()), m.cursor, m.offset, m.height)
	m.updateKeys()
	return m
}

// stepHit moves the cursor to the next (dir 1) or previous (-1) search hit
// in what is shown, wrapping around; it reports whether there was one.
func (m listModel) stepHit(dir int) (listModel, bool) {
	if len(m.look.hits) == 0 {
		return m, false
	}
	d := m.disp()
	for k := 1; k <= len(d); k++ {
		i := ((m.cursor+dir*k)%len(d) + len(d)) % len(d)
		if _, ok := slices.BinarySearch(m.look.hits, uidAt(d, i)); ok {
			m.cursor, m.offset = clampScroll(len(d), i, m.offset, m.height)
			return m, true
		}
	}
	return m, false
}

// updateActionKeys disables what cannot apply: actions on an empty list,
// n/N without hits, Esc with nothing to clear. Writes stay enabled in a
// read-only folder so that pressing one says why it is refused.
func (m *listModel) updateActionKeys() {
	a, any := &m.keys.Actions, len(m.disp()) > 0
	for _, b := range []*key.Binding{&a.Delete, &a.Move, &a.Copy, &a.ToggleRead, &a.ToggleFlag,
		&a.ToggleJunk, &a.Mark, &a.MarkAll, &a.Visual} {
		b.SetEnabled(any)
	}
	a.Expunge.SetEnabled(m.open)
	a.NextHit.SetEnabled(len(m.look.hits) > 0)
	a.PrevHit.SetEnabled(len(m.look.hits) > 0)
	a.Clear.SetEnabled(m.look.visual || m.look.filtered || len(m.look.hits) > 0 || len(m.look.marked) > 0)
}
