package folderview

import (
	"slices"
	"strings"

	"tern/imapsvc"
)

// Thread links every message of f with keys to its parent: the nearest
// message in f its References name (last first), else its In-Reply-To.
// Only messages in the folder are linked (no placeholders for missing
// parents); a message whose links would make a loop is a root. Roots and
// children come in UID order. Messages without keys are left out.
func Thread(f Folder) []imapsvc.ThreadNode {
	byID := make(map[string]UID, len(f.Keys))
	for _, u := range f.UIDs { // the first message with an ID keeps it
		if k, ok := f.Keys[u]; ok && k.MessageID != "" {
			id := strings.ToLower(k.MessageID)
			if _, dup := byID[id]; !dup {
				byID[id] = u
			}
		}
	}
	parent := make(map[UID]UID, len(f.Keys))
	for _, u := range f.UIDs {
		k, ok := f.Keys[u]
		if !ok {
			continue
		}
		cands := append(slices.Clone(k.References), k.InReplyTo)
		slices.Reverse(cands)
		if k.InReplyTo != "" { // In-Reply-To is the direct parent when both are there
			cands = append([]string{k.InReplyTo}, cands...)
		}
		for _, id := range cands {
			if p, ok := byID[strings.ToLower(id)]; ok && id != "" && p != u {
				parent[u] = p
				break
			}
		}
	}
	// Break loops: walk up from each message until a message known to
	// reach a root; coming back onto the current walk cuts that link.
	// Each message is walked once, so a long chain costs linear time.
	done := make(map[UID]bool, len(f.UIDs))
	for _, u := range f.UIDs {
		onPath := map[UID]bool{}
		for x := u; !done[x]; {
			onPath[x] = true
			p, ok := parent[x]
			if !ok {
				break
			}
			if onPath[p] {
				delete(parent, x)
				break
			}
			x = p
		}
		for x := range onPath {
			done[x] = true
		}
	}
	children := make(map[UID][]UID, len(parent))
	var roots []UID
	for _, u := range f.UIDs {
		if _, ok := f.Keys[u]; !ok {
			continue
		}
		if p, ok := parent[u]; ok {
			children[p] = append(children[p], u)
		} else {
			roots = append(roots, u)
		}
	}
	var build func(u UID) imapsvc.ThreadNode
	build = func(u UID) imapsvc.ThreadNode {
		n := imapsvc.ThreadNode{UID: u}
		for _, c := range children[u] {
			n.Children = append(n.Children, build(c))
		}
		return n
	}
	out := make([]imapsvc.ThreadNode, 0, len(roots))
	for _, r := range roots {
		out = append(out, build(r))
	}
	return out
}

// flatten lists threads newest first, each root followed by its replies in
// order, with their depth. Messages of f the tree does not hold (new
// mail) come first as roots; UIDs not in f are skipped, their replies
// taking their place.
func flatten(f Folder, threads []imapsvc.ThreadNode) ([]UID, map[UID]int) {
	var order []UID
	depth := map[UID]int{}
	inTree := map[UID]bool{}
	var walk func(n imapsvc.ThreadNode, d int)
	walk = func(n imapsvc.ThreadNode, d int) {
		if n.UID != 0 && f.Has(n.UID) && !inTree[n.UID] {
			inTree[n.UID] = true
			order, depth[n.UID] = append(order, n.UID), d
			d++
		}
		for _, c := range n.Children {
			walk(c, d)
		}
	}
	for i := len(threads) - 1; i >= 0; i-- {
		walk(threads[i], 0)
	}
	var fresh []UID
	for i := len(f.UIDs) - 1; i >= 0; i-- {
		if !inTree[f.UIDs[i]] {
			fresh = append(fresh, f.UIDs[i])
		}
	}
	return append(fresh, order...), depth
}
