package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// folderModel is the folder tree pane on the left.
type folderModel struct {
	keys   keymap.FolderKeys
	styles themes.FolderStyles

	roots     []*treeNode
	rows      []treeRow
	collapsed map[imapsvc.FolderName]bool
	counts    map[imapsvc.FolderName]imapsvc.Counts
	loaded    bool
	active    imapsvc.FolderName // the open folder
	// unsubscribed marks folders in the all-folders view (issue 5).
	unsubscribed map[imapsvc.FolderName]bool

	cursor, offset int
	width, height  int
}

func newFolderModel(keys keymap.FolderKeys, styles themes.FolderStyles) folderModel {
	return folderModel{keys: keys, styles: styles, collapsed: map[imapsvc.FolderName]bool{}, counts: map[imapsvc.FolderName]imapsvc.Counts{}}
}

func (m folderModel) setSize(w, h int) folderModel {
	m.width, m.height = w, h
	m.cursor, m.offset = clampScroll(len(m.rows), m.cursor, m.offset, m.height)
	return m
}

// setFolders replaces the tree with a new LIST answer.
func (m folderModel) setFolders(folders []imapsvc.Folder) folderModel {
	m.roots, m.loaded = buildTree(folders), true
	for _, f := range folders {
		if f.Counts != nil {
			m.counts[f.Name] = *f.Counts
		}
	}
	m.rows = flattenTree(m.roots, m.collapsed)
	return m.cursorTo(m.active)
}

func (m folderModel) setCounts(c map[imapsvc.FolderName]imapsvc.Counts) folderModel {
	for name, n := range c {
		m.counts[name] = n
	}
	return m
}

// setActive marks the open folder and moves the cursor to it.
func (m folderModel) setActive(name imapsvc.FolderName) folderModel {
	m.active = name
	return m.cursorTo(name)
}

func (m folderModel) cursorTo(name imapsvc.FolderName) folderModel {
	for i, r := range m.rows {
		if r.Node.Path == name {
			m.cursor = i
		}
	}
	m.cursor, m.offset = clampScroll(len(m.rows), m.cursor, m.offset, m.height)
	return m
}

// names lists the selectable folders, for completion.
func (m folderModel) names() []imapsvc.FolderName { return allFolderNames(m.roots) }

func (m folderModel) update(msg tea.Msg) (folderModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(m.rows) == 0 {
		return m, nil
	}
	if c, moved := move(m.keys.Moves, km, m.cursor, len(m.rows), m.height); moved {
		m.cursor, m.offset = clampScroll(len(m.rows), c, m.offset, m.height)
		return m, nil
	}
	row := m.rows[m.cursor]
	n := row.Node
	switch {
	case key.Matches(km, m.keys.Open):
		if !n.selectable() {
			return m, emit(noticeMsg{text: fmt.Sprintf("%s cannot be opened (\\Noselect)", n.Folder.Display), err: true})
		}
		return m, emit(openFolderMsg{name: n.Path})
	case key.Matches(km, m.keys.Collapse):
		if len(n.Children) > 0 && row.Expanded {
			return m.setCollapsed(n.Path, true), nil
		}
		return m.toParent(), nil
	case key.Matches(km, m.keys.Expand):
		if len(n.Children) > 0 {
			return m.setCollapsed(n.Path, false), nil
		}
	case key.Matches(km, m.keys.Toggle):
		if len(n.Children) > 0 {
			return m.setCollapsed(n.Path, row.Expanded), nil
		}
	}
	return m, nil
}

func (m folderModel) setCollapsed(path imapsvc.FolderName, c bool) folderModel {
	if c {
		m.collapsed[path] = true
	} else {
		delete(m.collapsed, path)
	}
	m.rows = flattenTree(m.roots, m.collapsed)
	return m.cursorTo(path)
}

func (m folderModel) toParent() folderModel {
	d := m.rows[m.cursor].Depth
	for i := m.cursor - 1; i >= 0; i-- {
		if m.rows[i].Depth < d {
			m.cursor = i
			break
		}
	}
	m.cursor, m.offset = clampScroll(len(m.rows), m.cursor, m.offset, m.height)
	return m
}

// view renders exactly height lines of width cells.
func (m folderModel) view(focused bool) string {
	lines := make([]string, 0, m.height)
	if !m.loaded {
		lines = append(lines, m.styles.NoSelect.Render(fit("loading folders…", m.width)))
	}
	for i := m.offset; i < len(m.rows) && len(lines) < m.height; i++ {
		lines = append(lines, m.rowView(m.rows[i], focused && i == m.cursor, i == m.cursor))
	}
	for len(lines) < m.height {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
}

func (m folderModel) rowView(r treeRow, selected, cursor bool) string {
	n := r.Node
	marker := "  "
	if len(n.Children) > 0 {
		marker = "▸ "
		if r.Expanded {
			marker = "▾ "
		}
	}
	icon := specialIcon(n.Folder, n.Path.IsInbox())
	sep := " "
	if cursor && !selected {
		sep = "›" // where the cursor is while the pane is not focused
	}
	if m.unsubscribed[n.Path] {
		sep = "~" // not subscribed
	}
	prefix := strings.Repeat(" ", r.Depth) + marker + icon + sep
	counts := ""
	if c, ok := m.counts[n.Path]; ok && n.selectable() {
		counts = fmt.Sprintf("%d", c.Messages)
		if c.Unseen > 0 {
			counts = fmt.Sprintf("%d/%d", c.Unseen, c.Messages)
		}
	}
	nameW := m.width - ansi.StringWidth(prefix)
	if counts != "" {
		nameW -= len(counts) + 1
	}
	if nameW < 1 {
		counts, nameW = "", m.width-ansi.StringWidth(prefix)
	}
	left := fit(prefix+fit(n.Label, nameW), m.width-len(counts)-min(1, len(counts)))
	style := m.styles.Normal
	switch {
	case selected:
		style = m.styles.Selected
	case n.Path == m.active:
		style = m.styles.Active
	case !n.selectable():
		style = m.styles.NoSelect
	case n.Folder.SpecialUse != "" || icon == "I":
		style = m.styles.Special
	}
	if counts == "" {
		return style.Render(left)
	}
	if selected {
		return style.Render(left + " " + counts)
	}
	return style.Render(left) + " " + m.styles.Counts.Render(counts)
}
