package ui

import (
	"sort"
	"strings"

	"tern/imapsvc"
)

// treeNode is one folder of the tree built from the flat LIST answer.
// Placeholder nodes stand for parents the server did not list.
type treeNode struct {
	Path        imapsvc.FolderName // the server's full name, used for commands and as the key
	Label       string             // the last component, sanitized, for the screen
	Folder      imapsvc.Folder
	Placeholder bool
	Children    []*treeNode
}

// selectable reports whether SELECT may be sent for the node.
func (n *treeNode) selectable() bool { return !n.Placeholder && !n.Folder.NoSelect }

// splitName splits a folder name by its delimiter; a flat name is one part.
func splitName(name, delim string) []string {
	if delim == "" {
		return []string{name}
	}
	return strings.Split(name, delim)
}

// buildTree turns the flat LIST into a tree. Every folder carries its own
// delimiter, so Dovecot's "/" and Cyrus's "." (INBOX.Sub) both work; a
// missing parent becomes a placeholder node. Siblings are sorted with INBOX
// first, then by name ignoring case.
func buildTree(folders []imapsvc.Folder) []*treeNode {
	byPath := map[imapsvc.FolderName]*treeNode{}
	var roots []*treeNode
	// Parents first, so a listed parent is never replaced by a placeholder.
	sorted := append([]imapsvc.Folder(nil), folders...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return len(splitName(string(sorted[i].Name), sorted[i].Delim)) < len(splitName(string(sorted[j].Name), sorted[j].Delim))
	})
	for _, f := range sorted {
		parts := splitName(string(f.Name), f.Delim) // wire form: the tree's keys
		labels := splitName(f.Display, f.Delim)
		if len(labels) != len(parts) {
			// An escape sequence spanning a delimiter: each level is
			// shown as its own part, sanitized.
			labels = make([]string, len(parts))
			for i, p := range parts {
				labels[i] = imapsvc.FolderName(p).String()
			}
		}
		var parent *treeNode
		for i := range parts {
			path := imapsvc.FolderName(strings.Join(parts[:i+1], f.Delim))
			n, ok := byPath[path]
			if !ok {
				shown := imapsvc.FolderName(strings.Join(labels[:i+1], f.Delim)).String()
				n = &treeNode{Path: path, Label: labels[i], Placeholder: true,
					Folder: imapsvc.Folder{Name: path, Display: shown, Delim: f.Delim, NoSelect: true}}
				byPath[path] = n
				if parent == nil {
					roots = append(roots, n)
				} else {
					parent.Children = append(parent.Children, n)
				}
			}
			if i == len(parts)-1 {
				n.Folder, n.Placeholder = f, false
			}
			parent = n
		}
	}
	sortNodes(roots)
	return roots
}

func sortNodes(nodes []*treeNode) {
	sort.SliceStable(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		ai, bi := a.Path.IsInbox(), b.Path.IsInbox()
		if ai != bi {
			return ai
		}
		al, bl := strings.ToLower(a.Label), strings.ToLower(b.Label)
		if al != bl {
			return al < bl
		}
		return a.Label < b.Label
	})
	for _, n := range nodes {
		sortNodes(n.Children)
	}
}

// treeRow is one visible line of the folder pane.
type treeRow struct {
	Node     *treeNode
	Depth    int
	Expanded bool // meaningful only when the node has children
}

// flattenTree lists the visible rows: children of collapsed nodes are
// hidden. collapsed is keyed by Path.
func flattenTree(roots []*treeNode, collapsed map[imapsvc.FolderName]bool) []treeRow {
	var rows []treeRow
	var walk func(nodes []*treeNode, depth int)
	walk = func(nodes []*treeNode, depth int) {
		for _, n := range nodes {
			open := !collapsed[n.Path]
			rows = append(rows, treeRow{Node: n, Depth: depth, Expanded: open})
			if open {
				walk(n.Children, depth+1)
			}
		}
	}
	walk(roots, 0)
	return rows
}

// allFolderNames lists every selectable folder name, for completion.
func allFolderNames(roots []*treeNode) []imapsvc.FolderName {
	var names []imapsvc.FolderName
	for _, r := range flattenTree(roots, nil) {
		if r.Node.selectable() {
			names = append(names, r.Node.Path)
		}
	}
	return names
}

// specialIcon is the letter shown before a special-use folder.
func specialIcon(f imapsvc.Folder, isInbox bool) string {
	if isInbox {
		return "I"
	}
	switch f.SpecialUse {
	case "Drafts":
		return "D"
	case "Sent":
		return "S"
	case "Trash":
		return "T"
	case "Junk":
		return "J"
	case "Archive":
		return "A"
	case "All":
		return "*"
	case "Flagged":
		return "F"
	}
	return " "
}
