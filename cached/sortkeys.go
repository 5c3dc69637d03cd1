package cached

import (
	"context"
	"slices"

	"tern/imapsvc"
)

// cachedKeys are the sort keys the cache holds: INTERNALDATE and
// RFC822.SIZE never change for a UID. The header fields (Date, From,
// Subject, the thread links) are not kept, so they still come from the
// server.
const cachedKeys = imapsvc.KeyArrived | imapsvc.KeySize

// SortKeys answers INTERNALDATE and RFC822.SIZE from the cache and asks
// the server only for what it lacks, so sorting a cached folder by size
// costs no FETCH for the messages already seen.
func (b *Backend) SortKeys(ctx context.Context, mb imapsvc.Mailbox, requestID int, uids []imapsvc.UID, fields imapsvc.KeyFields) (imapsvc.KeyList, error) {
	if fields&cachedKeys == 0 {
		return b.Service.SortKeys(ctx, mb, requestID, uids, fields)
	}
	rows, err := b.store.Rows(mb, uids)
	if err != nil {
		return b.Service.SortKeys(ctx, mb, requestID, uids, fields)
	}
	have := make(map[imapsvc.UID]imapsvc.MessageKeys, len(rows))
	for _, r := range rows {
		k := imapsvc.MessageKeys{UID: r.UID}
		if fields&imapsvc.KeyArrived != 0 {
			k.Arrived, k.Known = r.Date, k.Known|imapsvc.KeyArrived
		}
		if fields&imapsvc.KeySize != 0 && r.HasDetails {
			k.Size, k.Known = r.Size, k.Known|imapsvc.KeySize
		}
		if k.Known == fields&cachedKeys {
			have[r.UID] = k
		}
	}
	var uncovered, covered []imapsvc.UID
	for _, u := range uids {
		if _, ok := have[u]; ok {
			covered = append(covered, u)
		} else {
			uncovered = append(uncovered, u)
		}
	}
	out := imapsvc.KeyList{Mailbox: mb, RequestID: requestID}
	if len(uncovered) > 0 {
		l, err := b.Service.SortKeys(ctx, mb, requestID, uncovered, fields)
		if err != nil {
			return l, err
		}
		out.Keys = append(out.Keys, l.Keys...)
	}
	if rest := fields &^ cachedKeys; rest != 0 && len(covered) > 0 {
		l, err := b.Service.SortKeys(ctx, mb, requestID, covered, rest)
		if err != nil {
			return l, err
		}
		answered := make(map[imapsvc.UID]bool, len(l.Keys))
		for _, k := range l.Keys {
			if c, ok := have[k.UID]; ok {
				have[k.UID], answered[k.UID] = c.Merge(k), true
			}
		}
		// What the server did not answer is gone: leave it out, as it would.
		covered = slices.DeleteFunc(covered, func(u imapsvc.UID) bool { return !answered[u] })
	}
	for _, u := range covered {
		out.Keys = append(out.Keys, have[u])
	}
	slices.SortFunc(out.Keys, func(a, b imapsvc.MessageKeys) int { return int(a.UID) - int(b.UID) })
	return out, nil
}
