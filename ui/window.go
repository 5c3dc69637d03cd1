package ui

import (
	"tern/imapsvc"
	"tern/ui/folderview"
)

// The message list shows a view (folderview) of the folder, first row
// first: screen row i is rows.At(i). These pure helpers say which UIDs a
// scroll position shows and which of them still need fetching.

// uidAt returns the UID shown on display row i.
func uidAt(rows folderview.View, i int) imapsvc.UID {
	return rows.At(i)
}

// windowRange returns the display rows [lo, hi) of the window that starts
// at offset and is height rows tall, widened by margin on both sides and
// clipped to n rows.
func windowRange(n, offset, height, margin int) (lo, hi int) {
	lo, hi = offset-margin, offset+height+margin
	if lo < 0 {
		lo = 0
	}
	if hi > n {
		hi = n
	}
	if lo > hi {
		lo = hi
	}
	return lo, hi
}

// missingUIDs returns the UIDs of the window for which need is true,
// visible rows first so they are fetched first, then the margin below, then
// the margin above.
func missingUIDs(uids folderview.View, offset, height, margin int, need func(imapsvc.UID) bool) []imapsvc.UID {
	vlo, vhi := windowRange(uids.Len(), offset, height, 0)
	lo, hi := windowRange(uids.Len(), offset, height, margin)
	var out []imapsvc.UID
	add := func(from, to int) {
		for i := from; i < to; i++ {
			if u := uidAt(uids, i); need(u) {
				out = append(out, u)
			}
		}
	}
	add(vlo, vhi)
	add(vhi, hi)
	add(lo, vlo)
	return out
}
