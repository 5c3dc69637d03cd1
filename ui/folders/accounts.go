package folders

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/ui/pane"
)

// With several accounts open, the tree has one root per account, each
// with that account's folders under it. Each account keeps its own pane
// Model; the one shown gets the others as Roots (WithRoots) and draws
// them from their last state. Its cursor moves across every root: moving
// onto another account's root or folder asks the root model to show that
// account (SwitchMsg), whose pane then holds the cursor.

// Root is one account as a root of the tree.
type Root struct {
	Name string
	// Note is said beside the name: why the account shows no folders
	// (connecting, its error and the key to retry), "" when it is up.
	Note string
	Err  bool
	tree Model // the account's pane, as it last was
}

// SwitchMsg asks the root model to show another account with the cursor
// on its root (Folder "") or on one of its folders, kept Offset rows from
// the top; Open asks to open that folder too (a click).
type SwitchMsg struct {
	Account string
	Folder  imapsvc.FolderName
	Offset  int
	Open    bool
}

// item is one line of the tree with roots: an account's root line
// (row -1) or one of that account's rows.
type item struct{ acct, row int }

// AsRoot is this pane as a root of another account's tree.
func (m Model) AsRoot(name, note string, isErr bool) Root {
	m.accts = nil // a snapshot does not keep the others' snapshots alive
	return Root{Name: name, Note: note, Err: isErr, tree: m}
}

// WithRoots makes the pane draw every account's root, this one being
// roots[own]; fewer than two roots is the plain tree of one account.
func (m Model) WithRoots(roots []Root, own int) Model {
	if len(roots) < 2 {
		m.accts = nil
		return m
	}
	m.accts, m.own = roots, own
	items := m.items()
	_, m.aoff = pane.ClampScroll(len(items), m.itemIndex(items), m.aoff, m.height)
	return m
}

// CursorToAccount puts the cursor on the account's root ("") or on one of
// its folders, the tree scrolled offset rows as before.
func (m Model) CursorToAccount(name imapsvc.FolderName, offset int) Model {
	m.aoff = offset
	if name == "" {
		m.onRoot = true
		return m
	}
	m.onRoot, m.rootCollapsed = false, false
	return m.CursorTo(name)
}

func (m Model) multi() bool { return len(m.accts) > 1 }

// tree is account i's pane: this one, or the other's snapshot.
func (m Model) tree(i int) Model {
	if i == m.own {
		return m
	}
	return m.accts[i].tree
}

func (m Model) items() []item {
	var out []item
	for i := range m.accts {
		out = append(out, item{i, -1})
		if t := m.tree(i); !t.rootCollapsed && t.loaded {
			for j := range t.rows {
				out = append(out, item{i, j})
			}
		}
	}
	return out
}

// itemIndex is the cursor's line: this account's root or its folder.
func (m Model) itemIndex(items []item) int {
	row := -1
	if !m.onRoot && !m.rootCollapsed && len(m.rows) > 0 {
		row = m.index()
	}
	for k, it := range items {
		if it.acct == m.own && it.row == row {
			return k
		}
	}
	return 0
}

// accountKey handles the keys that differ with roots: moves across every
// account, and the root line's own keys; ok is false for the others.
func (m Model) accountKey(km tea.KeyMsg) (Model, tea.Cmd, bool) {
	items := m.items()
	cur := m.itemIndex(items)
	if c, moved := pane.Move(m.keys.Moves, km, cur, len(items), m.height); moved {
		m, cmd := m.placeItem(items, c, false)
		return m, cmd, true
	}
	if !m.onRoot {
		r := m.rows[m.index()]
		if key.Matches(km, m.keys.Collapse) && r.Depth == 0 && !(len(r.Node.Children) > 0 && r.Expanded) {
			m.onRoot = true // a top folder's parent is its account
			return m, nil, true
		}
		return m, nil, false
	}
	switch {
	case key.Matches(km, m.keys.Open, m.keys.Toggle):
		m.rootCollapsed = !m.rootCollapsed
	case key.Matches(km, m.keys.Collapse):
		m.rootCollapsed = true
	case key.Matches(km, m.keys.Expand):
		m.rootCollapsed = false
	default:
		return m, nil, false
	}
	return m, nil, true
}

// placeItem puts the cursor on line c; a line of another account asks to
// show that account (and, with open, to open the folder).
func (m Model) placeItem(items []item, c int, open bool) (Model, tea.Cmd) {
	c, m.aoff = pane.ClampScroll(len(items), c, m.aoff, m.height)
	it := items[c]
	if it.acct != m.own {
		msg := SwitchMsg{Account: m.accts[it.acct].Name, Offset: m.aoff, Open: open}
		if it.row >= 0 {
			msg.Folder = m.tree(it.acct).rows[it.row].Node.Path
		}
		return m, pane.Emit(msg)
	}
	if it.row < 0 {
		m.onRoot = true
		return m, nil
	}
	m.onRoot = false
	m.cursor = m.rows[it.row].Node.Path
	if open {
		return m, m.openCmd(m.rows[it.row].Node)
	}
	return m, nil
}

// accountsView draws the tree with roots.
func (m Model) accountsView(focused bool) []string {
	items := m.items()
	cur := m.itemIndex(items)
	lines := make([]string, 0, m.height)
	for k := m.aoff; k < len(items) && len(lines) < m.height; k++ {
		it, sel := items[k], k == cur
		if it.row < 0 {
			lines = append(lines, m.rootView(it.acct, focused && sel, sel))
			continue
		}
		t := m.tree(it.acct)
		r := t.rows[it.row]
		r.Depth++
		if it.acct == m.own {
			lines = append(lines, m.rowView(r, focused && sel, sel))
		} else {
			t.width = m.width
			lines = append(lines, t.rowView(r, false, false))
		}
	}
	return lines
}

// rootView is an account's line: its name, then its note or its unread
// count.
func (m Model) rootView(i int, selected, cursor bool) string {
	root, t := m.accts[i], m.tree(i)
	marker := "▾ "
	if t.rootCollapsed || !t.loaded {
		marker = "▸ "
	}
	if cursor && !selected {
		marker = "›" + marker[len("▾"):]
	}
	note := root.Note
	if note == "" && !t.loaded {
		note = "loading folders…"
	}
	name := ansi.Strip(root.Name)
	if note == "" {
		if n := t.unseen(); n > 0 {
			note = fmt.Sprint(n)
		}
	}
	left := marker + name
	style := m.styles.Special
	switch {
	case selected:
		style = m.styles.Selected
	case i == m.own:
		style = m.styles.Active
	}
	if note == "" {
		return style.Render(pane.Fit(left, m.width))
	}
	if selected {
		return style.Render(pane.Fit(left+" "+note, m.width))
	}
	left = ansi.Truncate(left, m.width, "…")
	rest := m.width - ansi.StringWidth(left) - 1
	if rest < 1 {
		return style.Render(left)
	}
	noteStyle := m.styles.Counts
	if root.Err {
		noteStyle = m.styles.NoSelect
	}
	return style.Render(left) + " " + noteStyle.Render(pane.Fit(note, rest))
}

// unseen is the account's unread messages in the folders counted.
func (m Model) unseen() uint32 {
	var n uint32
	for _, name := range allNames(m.roots) {
		n += m.counts[name].Unseen
	}
	return n
}

// OtherAccounts names the other accounts' folders as ACCOUNT:FOLDER, for
// the copy and move picker: there they are refused with a reason rather
// than missing without one.
func (m Model) OtherAccounts() []imapsvc.FolderName {
	var out []imapsvc.FolderName
	for i, r := range m.accts {
		if i == m.own {
			continue
		}
		for _, n := range r.tree.Names() {
			out = append(out, imapsvc.FolderName(r.Name+":")+n)
		}
	}
	return out
}

// accountsClick is Click with roots: a click on another account's line
// shows it (and opens the folder clicked).
func (m Model) accountsClick(y int) (Model, tea.Cmd) {
	items := m.items()
	k := m.aoff + y
	if y < 0 || y >= m.height || k >= len(items) {
		return m, nil
	}
	if items[k].row < 0 && items[k].acct == m.own {
		m.onRoot = true
		m.rootCollapsed = !m.rootCollapsed
		return m, nil
	}
	return m.placeItem(items, k, true)
}
