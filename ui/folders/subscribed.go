package folders

import "tern/imapsvc"

// The all/subscribed views: in the subscribed view only subscribed folders
// (and INBOX) are shown; in the all-folders view the unsubscribed ones are
// marked.

// SetSubscribedOnly chooses the subscribed view (on) or all folders.
func (m Model) SetSubscribedOnly(on bool) Model {
	m.subscribedOnly = on
	return m.show()
}

// SubscribedOnly reports whether the subscribed view is chosen.
func (m Model) SubscribedOnly() bool { return m.subscribedOnly }

// Subscribed reports whether name is subscribed; known is false until the
// server said which folders are.
func (m Model) Subscribed(name imapsvc.FolderName) (sub, known bool) {
	if m.subs == nil {
		return false, false
	}
	return !m.unsubscribed[name], true
}

// show builds the tree of the folders the view shows.
func (m Model) show() Model {
	if m.all == nil {
		return m
	}
	m.unsubscribed = map[imapsvc.FolderName]bool{}
	shown := m.all
	if m.subs != nil {
		shown = nil
		for _, f := range m.all {
			sub := m.subs[f.Name] || f.Name.IsInbox()
			if !sub && !f.NoSelect {
				m.unsubscribed[f.Name] = true
			}
			if sub || !m.subscribedOnly {
				shown = append(shown, f)
			}
		}
	}
	return m.setFolders(shown)
}

// setFolders replaces the tree. The cursor stays on its folder; when that
// is no longer shown it lands on its next sibling, else the previous one,
// else the nearest parent still shown.
func (m Model) setFolders(folders []imapsvc.Folder) Model {
	old := m.roots
	m.roots, m.loaded = buildTree(folders), true
	m.rows = flattenTree(m.roots, m.collapsed)
	if m.cursor == "" {
		m.cursor = m.active
	}
	if m.cursor != "" && find(m.roots, m.cursor) == nil {
		m.cursor = neighbour(old, m.cursor, func(n imapsvc.FolderName) bool { return find(m.roots, n) != nil })
	}
	return m.place(m.index())
}

// neighbour is the folder next to name in the tree roots, by the order of
// the pane: the next sibling that shown accepts, else the previous one,
// else the nearest such ancestor; "" when there is none.
func neighbour(roots []*Node, name imapsvc.FolderName, shown func(imapsvc.FolderName) bool) imapsvc.FolderName {
	var walk func(sibs []*Node, up []*Node) (imapsvc.FolderName, bool)
	walk = func(sibs []*Node, up []*Node) (imapsvc.FolderName, bool) {
		for i, n := range sibs {
			if n.Path != name {
				if got, ok := walk(n.Children, append(up, n)); ok {
					return got, true
				}
				continue
			}
			for _, s := range sibs[i+1:] {
				if shown(s.Path) {
					return s.Path, true
				}
			}
			for j := i - 1; j >= 0; j-- {
				if shown(sibs[j].Path) {
					return sibs[j].Path, true
				}
			}
			for j := len(up) - 1; j >= 0; j-- {
				if shown(up[j].Path) {
					return up[j].Path, true
				}
			}
			return "", true
		}
		return "", false
	}
	got, _ := walk(roots, nil)
	return got
}

// AllNames lists every selectable folder of the last LIST answer, also
// those the subscribed view hides.
func (m Model) AllNames() []imapsvc.FolderName {
	var names []imapsvc.FolderName
	for _, f := range m.all {
		if !f.NoSelect {
			names = append(names, f.Name)
		}
	}
	return names
}
