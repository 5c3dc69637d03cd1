// Package folders is the folder tree pane: the tree built from LIST, the
// cursor (a folder name), counts, subscription marks and their rendering.
// It reports what the user wants to the root through messages (OpenMsg,
// NoticeMsg) and answers questions through methods; the root never writes
// its fields.
package folders

import (
	"sort"
	"strings"

	"tern/imapsvc"
)

// Node is one folder of the tree built from the flat LIST answer.
// Placeholder nodes stand for parents the server did not list.
type Node struct {
	Path        imapsvc.FolderName // the server's full name, used for commands and as the key
	Label       string             // the last component, sanitized, for the screen
	Folder      imapsvc.Folder
	Placeholder bool
	Children    []*Node
}

// Selectable reports whether SELECT may be sent for the node.
func (n *Node) Selectable() bool { return !n.Placeholder && !n.Folder.NoSelect }

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
func buildTree(folders []imapsvc.Folder) []*Node {
	byPath := map[imapsvc.FolderName]*Node{}
	var roots []*Node
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
		var parent *Node
		for i := range parts {
			path := imapsvc.FolderName(strings.Join(parts[:i+1], f.Delim))
			n, ok := byPath[path]
			if !ok {
				shown := imapsvc.FolderName(strings.Join(labels[:i+1], f.Delim)).String()
				n = &Node{Path: path, Label: labels[i], Placeholder: true,
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

func sortNodes(nodes []*Node) {
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

// row is one visible line of the folder pane.
type row struct {
	Node     *Node
	Depth    int
	Expanded bool // meaningful only when the node has children
}

// flattenTree lists the visible rows: children of collapsed nodes are
// hidden. collapsed is keyed by Path.
func flattenTree(roots []*Node, collapsed map[imapsvc.FolderName]bool) []row {
	var rows []row
	var walk func(nodes []*Node, depth int)
	walk = func(nodes []*Node, depth int) {
		for _, n := range nodes {
			open := !collapsed[n.Path]
			rows = append(rows, row{Node: n, Depth: depth, Expanded: open})
			if open {
				walk(n.Children, depth+1)
			}
		}
	}
	walk(roots, 0)
	return rows
}

// allNames lists every selectable folder name, for completion.
func allNames(roots []*Node) []imapsvc.FolderName {
	var names []imapsvc.FolderName
	for _, r := range flattenTree(roots, nil) {
		if r.Node.Selectable() {
			names = append(names, r.Node.Path)
		}
	}
	return names
}
