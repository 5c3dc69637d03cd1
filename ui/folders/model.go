package folders

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// Model is the folder tree pane on the left. Its cursor is a folder name:
// a new LIST keeps it on its folder, or on a neighbour when that is gone.
type Model struct {
	keys   keymap.FolderKeys
	admin  keymap.FolderAdminKeys
	styles themes.FolderStyles

	all            []imapsvc.Folder            // the last LIST answer, unfiltered
	subs           map[imapsvc.FolderName]bool // nil until the subscriptions are known
	subscribedOnly bool
	unsubscribed   map[imapsvc.FolderName]bool // marked in the all-folders view

	roots     []*Node
	rows      []row
	collapsed map[imapsvc.FolderName]bool
	counts    map[imapsvc.FolderName]imapsvc.Counts
	loaded    bool
	active    imapsvc.FolderName // the open folder, "" when none is
	focusNext imapsvc.FolderName // put the cursor here after the next LIST

	cursor imapsvc.FolderName
	// stay keeps the cursor where it is when the next folder opens: that
	// is INBOX in place of the open folder just deleted, and the cursor is
	// on the deleted folder's neighbour.
	stay          bool
	offset        int
	width, height int

	// Several accounts (accounts.go): every account's root, this one's
	// index, the cursor on this account's root line, its folders hidden,
	// and the scroll of the tree with roots.
	accts         []Root
	own           int
	onRoot        bool
	rootCollapsed bool
	aoff          int
}

// Messages the pane sends to the root.
type (
	// OpenMsg asks the root to open a folder.
	OpenMsg struct{ Name imapsvc.FolderName }
	// NoticeMsg is a line for the message line; Err marks it an error.
	NoticeMsg struct {
		Text string
		Err  bool
	}
)

// Results the pane applies in Update. The root sends the requests, keeps
// its books on what is in flight, shows errors, and hands them on.
type (
	// Listed answers LIST.
	Listed struct {
		List imapsvc.FolderList
		Err  error
	}
	// Counted answers STATUS of some folders.
	Counted struct {
		Counts imapsvc.FolderCounts
		Err    error
	}
	// SubsListed answers LIST (SUBSCRIBED) or LSUB.
	SubsListed struct {
		Names []imapsvc.FolderName
		Err   error
	}
)

// New is an empty pane that says it is loading.
func New(keys keymap.FolderKeys, admin keymap.FolderAdminKeys, styles themes.FolderStyles) Model {
	return Model{keys: keys, admin: admin, styles: styles, collapsed: map[imapsvc.FolderName]bool{},
		counts: map[imapsvc.FolderName]imapsvc.Counts{}, unsubscribed: map[imapsvc.FolderName]bool{}}
}

// SetSize sets the pane's inner size in cells.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	return m.place(m.index())
}

// Update handles the pane's keys and its results: a tea.KeyMsg, Listed,
// Counted or SubsListed. Any other message, a result wrapped in another
// type included (the root's answers carry the result beside a request
// ID), is not the pane's: it changes nothing, so the root must hand over
// the result itself.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(msg)
	case Listed:
		if msg.Err == nil {
			m.all = msg.List.Folders
			// Counts are taken when LIST answers, not whenever the tree
			// is drawn again from it: by then they may be old.
			for _, f := range m.all {
				if f.Counts != nil {
					m.counts[f.Name] = *f.Counts
				}
			}
			m = m.show()
			if m.focusNext != "" {
				m, m.focusNext = m.CursorTo(m.focusNext), ""
			}
		}
	case Counted:
		m = m.SetCounts(msg.Counts.Counts)
	case SubsListed:
		if msg.Err != nil {
			m.subscribedOnly = false // without them, all folders
			return m.show(), nil
		}
		m.subs = map[imapsvc.FolderName]bool{}
		for _, n := range msg.Names {
			m.subs[n] = true
		}
		return m.show(), nil
	default:
		return m, nil // not the pane's (see above)
	}
	return m, nil
}

func (m Model) key(km tea.KeyMsg) (Model, tea.Cmd) {
	if m.multi() {
		if m, cmd, ok := m.accountKey(km); ok {
			return m, cmd
		}
	}
	if m, cmd, ok := m.adminKey(km); ok {
		return m, cmd
	}
	if len(m.rows) == 0 {
		return m, nil
	}
	i := m.index()
	if c, moved := pane.Move(m.keys.Moves, km, i, len(m.rows), m.height); moved {
		return m.place(c), nil
	}
	r := m.rows[i]
	n := r.Node
	switch {
	case key.Matches(km, m.keys.Open):
		return m, m.openCmd(n)
	case key.Matches(km, m.keys.Collapse):
		if len(n.Children) > 0 && r.Expanded {
			return m.setCollapsed(n.Path, true), nil
		}
		return m.toParent(i), nil
	case key.Matches(km, m.keys.Expand):
		if len(n.Children) > 0 {
			return m.setCollapsed(n.Path, false), nil
		}
	case key.Matches(km, m.keys.Toggle):
		if len(n.Children) > 0 {
			return m.setCollapsed(n.Path, r.Expanded), nil
		}
	}
	return m, nil
}

// SetActive marks the open folder ("" for none) and moves the cursor to
// it, except to the folder opened in place of a deleted one (see Gone).
func (m Model) SetActive(name imapsvc.FolderName) Model {
	m.active = name
	if name == "" {
		return m
	}
	if m.stay {
		m.stay = false
		return m
	}
	return m.CursorTo(name)
}

// Gone tells the pane a folder was deleted, before the next LIST shows
// it: a cursor on it goes to its neighbour, and stays there when the root
// opens another folder in place of this one if it was open.
func (m Model) Gone(name imapsvc.FolderName) Model {
	if m.active == name {
		m.active, m.stay = "", true
	}
	if m.cursor != name {
		return m
	}
	next := neighbour(m.roots, name, func(n imapsvc.FolderName) bool { return n != name })
	if next == "" {
		return m
	}
	m.cursor = next
	return m.place(m.index())
}

// Active is the folder marked open.
func (m Model) Active() imapsvc.FolderName { return m.active }

// CursorTo puts the cursor on a shown folder; other names change nothing.
func (m Model) CursorTo(name imapsvc.FolderName) Model {
	for i, r := range m.rows {
		if r.Node.Path == name {
			m.onRoot = false
			return m.place(i)
		}
	}
	return m
}

// FocusAfterList puts the cursor on name once the next LIST shows it
// (a folder just created or renamed).
func (m Model) FocusAfterList(name imapsvc.FolderName) Model {
	m.focusNext = name
	return m
}

// Cursor is the folder under the cursor.
func (m Model) Cursor() (Node, bool) {
	if len(m.rows) == 0 || (m.multi() && m.onRoot) {
		return Node{}, false
	}
	return *m.rows[m.index()].Node, true
}

// SetCounts records message counts; the root sets the open folder's from
// SELECT and its events.
func (m Model) SetCounts(c map[imapsvc.FolderName]imapsvc.Counts) Model {
	for name, n := range c {
		m.counts[name] = n
	}
	return m
}

// Count is a folder's known counts.
func (m Model) Count(name imapsvc.FolderName) (imapsvc.Counts, bool) {
	c, ok := m.counts[name]
	return c, ok
}

// Uncounted lists the selectable folders with no counts yet.
func (m Model) Uncounted() []imapsvc.FolderName {
	var names []imapsvc.FolderName
	for _, n := range allNames(m.roots) {
		if _, ok := m.counts[n]; !ok {
			names = append(names, n)
		}
	}
	return names
}

// Names lists the selectable folders shown, for completion and pickers.
func (m Model) Names() []imapsvc.FolderName { return allNames(m.roots) }

// Lookup finds a shown folder by its server name.
func (m Model) Lookup(name imapsvc.FolderName) (Node, bool) {
	if n := find(m.roots, name); n != nil {
		return *n, true
	}
	return Node{}, false
}

// SpecialUse is the first folder shown with that special use, or "".
func (m Model) SpecialUse(use string) imapsvc.FolderName {
	for _, r := range flattenTree(m.roots, nil) {
		if r.Node.Folder.SpecialUse == use && !r.Node.Placeholder {
			return r.Node.Path
		}
	}
	return ""
}

func find(nodes []*Node, name imapsvc.FolderName) *Node {
	for _, r := range flattenTree(nodes, nil) {
		if r.Node.Path == name {
			return r.Node
		}
	}
	return nil
}

// index is the row of the cursor's folder, 0 when it is not shown.
func (m Model) index() int {
	for i, r := range m.rows {
		if r.Node.Path == m.cursor {
			return i
		}
	}
	return 0
}

// place puts the cursor on row i, clamped, and scrolls to it.
func (m Model) place(i int) Model {
	i, m.offset = pane.ClampScroll(len(m.rows), i, m.offset, m.height)
	if len(m.rows) > 0 {
		m.cursor = m.rows[i].Node.Path
	}
	return m
}

func (m Model) setCollapsed(path imapsvc.FolderName, c bool) Model {
	if c {
		m.collapsed[path] = true
	} else {
		delete(m.collapsed, path)
	}
	m.rows = flattenTree(m.roots, m.collapsed)
	return m.CursorTo(path)
}

func (m Model) toParent(i int) Model {
	d := m.rows[i].Depth
	for j := i - 1; j >= 0; j-- {
		if m.rows[j].Depth < d {
			return m.place(j)
		}
	}
	return m
}
