package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"strings"

	"tern/imapsvc"
	"tern/ui/folderview"
)

// listLook is how the list is shown beyond arrival order: marked messages
// and the view (arrival order, a sort, threads, search hits) with what it
// derived last. Rows are first shown first.
type listLook struct {
	marked map[imapsvc.UID]bool
	visual bool
	anchor imapsvc.UID // where the visual range started
	spec   folderview.Spec
	view   folderview.View
	// searchKeys re-run the search when new mail comes (list_refresh.go).
	searchKeys string
}

// disp is what the list shows now, first row first.
func (m listModel) disp() folderview.View { return m.look.view }

func (l listLook) emptyText() string {
	if l.spec.Filter {
		return "(no messages match)"
	}
	return "(no messages)"
}

// indent draws the thread depth in front of a subject.
func (l listLook) indent(uid imapsvc.UID) string {
	d := l.view.Depth[uid]
	if d == 0 {
		return ""
	}
	return strings.Repeat("  ", d-1) + "↳ "
}

// markCell is the cell between the flags and the date: "*" for a marked
// row or one inside the visual range (from row anchor to the cursor).
func (l listLook) markCell(uid imapsvc.UID, row, anchor, cursor int) string {
	if l.marked[uid] || (l.visual && anchor >= 0 && row >= min(anchor, cursor) && row <= max(anchor, cursor)) {
		return "*"
	}
	return " "
}

// forget drops an expunged message from the marks and hits; the view
// drops it when it is derived again.
func (l listLook) forget(uid imapsvc.UID) listLook {
	delete(l.marked, uid)
	if i, ok := slices.BinarySearch(l.spec.Hits, uid); ok {
		l.spec.Hits = slices.Delete(slices.Clone(l.spec.Hits), i, i+1)
	}
	return l
}

// visualRange is the rows of the visual range, or -1, -1.
func (m listModel) visualRange() (int, int) {
	a := m.index(m.look.anchor)
	if !m.look.visual || a < 0 {
		return -1, -1
	}
	return min(a, m.cursor), max(a, m.cursor)
}

// targets are the messages an action applies to: the marked ones and the
// visual range, else the one under the cursor. Ascending UIDs.
func (m listModel) targets() []imapsvc.UID {
	set := map[imapsvc.UID]bool{}
	for u := range m.look.marked {
		set[u] = true
	}
	d := m.disp()
	if lo, hi := m.visualRange(); lo >= 0 {
		for i := lo; i <= hi && i < d.Len(); i++ {
			set[d.At(i)] = true
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
	m.setCursor(m.cursor + 1)
	return m
}

// markAll marks every shown message, or unmarks all when all are marked.
func (m listModel) markAll() listModel {
	d := m.disp()
	if len(m.look.marked) == d.Len() && d.Len() > 0 {
		m.look.marked = nil
		return m
	}
	m.look.marked = make(map[imapsvc.UID]bool, d.Len())
	for i := range d.Len() {
		m.look.marked[d.At(i)] = true
	}
	return m
}

// toggleVisual starts a range at the cursor, or ends it by marking it.
func (m listModel) toggleVisual() listModel {
	if !m.look.visual {
		m.look.visual, m.look.anchor = true, m.cur
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

// setSpec shows the folder another way; the cursor stays on its message
// where that is still shown.
func (m listModel) setSpec(s folderview.Spec) listModel {
	m.look.spec = s
	m.rederive()
	return m
}

// stepHit moves the cursor to the next (dir 1) or previous (-1) search hit
// in what is shown, wrapping around; it reports whether there was one.
func (m listModel) stepHit(dir int) (listModel, bool) {
	if len(m.look.spec.Hits) == 0 {
		return m, false
	}
	d := m.disp()
	for k := 1; k <= d.Len(); k++ {
		i := ((m.cursor+dir*k)%d.Len() + d.Len()) % d.Len()
		if m.look.spec.IsHit(d.At(i)) {
			m.setCursor(i)
			return m, true
		}
	}
	return m, false
}

// updateActionKeys disables what cannot apply: actions on an empty list,
// n/N without hits, Esc with nothing to clear. Writes stay enabled in a
// read-only folder so that pressing one says why it is refused.
func (m *listModel) updateActionKeys() {
	a, any := &m.keys.Actions, m.disp().Len() > 0
	for _, b := range []*key.Binding{&a.Delete, &a.Move, &a.Copy, &a.ToggleRead, &a.ToggleFlag,
		&a.ToggleJunk, &a.Mark, &a.MarkAll, &a.Visual} {
		b.SetEnabled(any)
	}
	a.Expunge.SetEnabled(m.open)
	hits := len(m.look.spec.Hits) > 0
	a.NextHit.SetEnabled(hits)
	a.PrevHit.SetEnabled(hits)
	a.Clear.SetEnabled(m.look.visual || m.look.spec.Filter || hits || len(m.look.marked) > 0)
}
