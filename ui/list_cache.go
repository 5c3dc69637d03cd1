package ui

import (
	"tern/imapsvc"
	"tern/ui/folderview"
)

// maxCachedRows bounds the row cache. Scrolling through a 200,000-message
// folder would otherwise keep every envelope (about 200 bytes each); past
// the bound, rows far from the visible window are dropped and fetched
// again if the user scrolls back.
const maxCachedRows = 5000

// trimCache drops cached rows outside the visible window plus keep rows on
// either side once the cache holds more than limit rows.
func trimCache(rows map[imapsvc.UID]imapsvc.Row, uids folderview.View, offset, height, keep, limit int) {
	if len(rows) <= limit {
		return
	}
	// Screen row i shows uids.At(i); keep the range around the window.
	lo, hi := max(offset-keep, 0), min(offset+height+keep-1, uids.Len()-1)
	keepSet := make(map[imapsvc.UID]bool, max(0, hi-lo+1))
	for i := lo; i <= hi; i++ {
		keepSet[uids.At(i)] = true
	}
	for u := range rows {
		if !keepSet[u] {
			delete(rows, u)
		}
	}
}
