package folderview

import "slices"

// View is a derived view: the rows first shown first, with thread depths.
// Arrival order is the folder's ascending UID list read backwards, not a
// copy of it: at 200,000 messages a copy is 800 KB more to keep live. The
// folder's list must therefore not be changed in place once a view is
// derived from it (the list replaces it instead).
type View struct {
	rows  []UID
	rev   bool // rows is the folder's list, shown newest (last) first
	Depth map[UID]int
}

// Len is the number of rows shown.
func (v View) Len() int { return len(v.rows) }

// At is the UID shown on row i.
func (v View) At(i int) UID {
	if v.rev {
		return v.rows[len(v.rows)-1-i]
	}
	return v.rows[i]
}

// Index is the row showing uid, or -1.
func (v View) Index(uid UID) int {
	if v.rev {
		if i, ok := slices.BinarySearch(v.rows, uid); ok {
			return len(v.rows) - 1 - i
		}
		return -1
	}
	return slices.Index(v.rows, uid)
}

// Rows returns the rows shown, first first, as a new slice.
func (v View) Rows() []UID {
	out := make([]UID, v.Len())
	for i := range out {
		out[i] = v.At(i)
	}
	return out
}
