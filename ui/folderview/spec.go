// Package folderview is the message list's model of the open folder and the
// views over it: arrival order, a server or client sort, a thread tree,
// search hits. A view is always derived from the folder and a Spec, so live
// events change the folder and the view is derived again; nothing keeps an
// index into a slice the view did not produce. The cursor is a UID (Place).
//
// It is pure state and functions: no bubbletea, no I/O.
package folderview

import (
	"slices"

	"tern/imapsvc"
)

type UID = imapsvc.UID

// Kind is how a view orders the folder.
type Kind int

const (
	Arrival      Kind = iota // newest first
	ServerSort               // the order of a UID SORT answer
	ClientSort               // sorted here by Keys
	ServerThread             // the tree of a UID THREAD answer
	ClientThread             // threaded here by Message-ID, References, In-Reply-To
)

// Spec says what a view shows.
type Spec struct {
	Kind    Kind
	Key     imapsvc.SortKey // ServerSort and ClientSort
	Reverse bool            // ClientSort
	// Server is the server's answer: UIDs first shown first (ServerSort),
	// or the thread tree (ServerThread).
	Server  []UID
	Threads []imapsvc.ThreadNode
	// Filter shows only Hits (ascending); Hits stay for n/N without it.
	Filter bool
	Hits   []UID
}

// Folder is what is known of the open folder: its UIDs in arrival
// (ascending) order and the sort and thread keys fetched so far.
type Folder struct {
	UIDs []UID
	Keys map[UID]imapsvc.MessageKeys
}

// Has reports whether uid is in the folder.
func (f Folder) Has(uid UID) bool {
	_, ok := slices.BinarySearch(f.UIDs, uid)
	return ok
}

// MissingKeys lists the folder's UIDs without all of fields, oldest first.
func (f Folder) MissingKeys(fields imapsvc.KeyFields) []UID {
	var out []UID
	for _, u := range f.UIDs {
		k, ok := f.Keys[u]
		if !ok || k.Known&fields != fields {
			out = append(out, u)
		}
	}
	return out
}

// NeedsKeys reports whether the spec is derived from Keys.
func (s Spec) NeedsKeys() bool { return s.Kind == ClientSort || s.Kind == ClientThread }

// Fields are the header fields the spec is derived from.
func (s Spec) Fields() imapsvc.KeyFields {
	switch {
	case s.Kind == ClientThread:
		return imapsvc.KeyThread
	case s.Kind != ClientSort:
		return 0
	case s.Key == imapsvc.SortDate:
		return imapsvc.KeyDate | imapsvc.KeyArrived // Date falls back to the arrival time
	case s.Key == imapsvc.SortFrom:
		return imapsvc.KeyFrom
	case s.Key == imapsvc.SortSubject:
		return imapsvc.KeySubject
	case s.Key == imapsvc.SortSize:
		return imapsvc.KeySize
	}
	return 0 // arrival order is UID order
}

// IsHit reports whether uid is a search hit.
func (s Spec) IsHit(uid UID) bool {
	_, ok := slices.BinarySearch(s.Hits, uid)
	return ok
}

// Derive computes the view of f that s describes. Messages the view cannot
// place yet (new mail a server sort or thread has not seen, or whose keys
// are not fetched yet) are shown first, newest first, so new mail is never
// hidden; a search filter shows only hits. Arrival order without a filter
// reads f.UIDs in place (View).
func Derive(f Folder, s Spec) View {
	var v View
	switch s.Kind {
	case ServerSort:
		v.rows = placeFirst(f, s.Server)
	case ClientSort:
		v.rows = clientSort(f, s.Key, s.Reverse)
	case ServerThread:
		v.rows, v.Depth = flatten(f, s.Threads)
	case ClientThread:
		v.rows, v.Depth = flatten(f, Thread(f))
	default:
		if !s.Filter {
			return View{rows: f.UIDs, rev: true}
		}
		v.rows = make([]UID, 0, min(len(f.UIDs), len(s.Hits)))
		for i := len(f.UIDs) - 1; i >= 0; i-- {
			if s.IsHit(f.UIDs[i]) {
				v.rows = append(v.rows, f.UIDs[i])
			}
		}
		return v
	}
	if s.Filter {
		v.rows = slices.DeleteFunc(v.rows, func(u UID) bool { return !s.IsHit(u) })
	}
	return v
}

// placeFirst keeps order's UIDs that are still in f, after the UIDs of f
// that order does not hold (newest first).
func placeFirst(f Folder, order []UID) []UID {
	listed := make(map[UID]bool, len(order))
	for _, u := range order {
		listed[u] = true
	}
	out := make([]UID, 0, len(f.UIDs))
	for i := len(f.UIDs) - 1; i >= 0; i-- {
		if !listed[f.UIDs[i]] {
			out = append(out, f.UIDs[i])
		}
	}
	for _, u := range order {
		if f.Has(u) {
			out = append(out, u)
		}
	}
	return out
}

// Place returns the row of the cursor's message cur in rows. If it is gone,
// the cursor goes to its nearest neighbour in the old view (the next one
// below it, else above) that rows still shows; failing that, to the same
// row number, clamped. -1 only for an empty view.
func Place(old, rows View, cur UID, oldRow int) int {
	if rows.Len() == 0 {
		return -1
	}
	if i := rows.Index(cur); i >= 0 {
		return i
	}
	at := make(map[UID]int, rows.Len()) // only when the cursor's message is gone
	for i := range rows.Len() {
		at[rows.At(i)] = i
	}
	if n := old.Len(); oldRow >= 0 && oldRow < n {
		for d := 1; d < n; d++ {
			if j := oldRow + d; j < n {
				if i, ok := at[old.At(j)]; ok {
					return i
				}
			}
			if j := oldRow - d; j >= 0 {
				if i, ok := at[old.At(j)]; ok {
					return i
				}
			}
			if oldRow+d >= n && oldRow-d < 0 {
				break
			}
		}
	}
	return max(0, min(oldRow, rows.Len()-1))
}
