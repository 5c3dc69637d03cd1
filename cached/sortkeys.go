package cached

import (
	"context"
	"slices"

	"tern/imapsvc"
)

// rowKeys are the sort keys a list row holds: INTERNALDATE, and the size
// once the row has its details.
const rowKeys = imapsvc.KeyArrived | imapsvc.KeySize

// SortKeys answers from the keys kept by earlier sorts and from the
// cached rows (none of them ever changes for a UID), and asks the server
// only for the messages they do not cover; what the server answers is
// kept. Sorting a cached folder again thus costs only the delta.
func (b *Backend) SortKeys(ctx context.Context, mb imapsvc.Mailbox, requestID int, uids []imapsvc.UID, fields imapsvc.KeyFields) (imapsvc.KeyList, error) {
	have, err := b.knownKeys(mb, uids, fields)
	if err != nil {
		return b.Service.SortKeys(ctx, mb, requestID, uids, fields)
	}
	out := imapsvc.KeyList{Mailbox: mb, RequestID: requestID}
	var uncovered []imapsvc.UID
	var missing imapsvc.KeyFields // the fields some uncovered message lacks
	for _, u := range uids {
		k := have[u]
		if k.Known&fields == fields {
			out.Keys = append(out.Keys, k)
		} else {
			uncovered = append(uncovered, u)
			missing |= fields &^ k.Known
		}
	}
	if len(uncovered) > 0 {
		// Only the fields missing are asked: after a sort by sender, a
		// sort by subject reads the Subject alone.
		l, err := b.Service.SortKeys(ctx, mb, requestID, uncovered, missing)
		if err != nil {
			return l, err
		}
		keep := slices.Clone(l.Keys)
		b.write(func() error { return b.store.PutKeys(mb, keep) })
		for _, k := range l.Keys {
			out.Keys = append(out.Keys, have[k.UID].Merge(k))
		}
	}
	slices.SortFunc(out.Keys, func(a, b imapsvc.MessageKeys) int { return int(a.UID) - int(b.UID) })
	return out, nil
}

// knownKeys gathers what the cache knows of uids' keys: kept keys, and
// INTERNALDATE and size from the rows.
func (b *Backend) knownKeys(mb imapsvc.Mailbox, uids []imapsvc.UID, fields imapsvc.KeyFields) (map[imapsvc.UID]imapsvc.MessageKeys, error) {
	have := make(map[imapsvc.UID]imapsvc.MessageKeys)
	kept, err := b.store.Keys(mb, uids)
	if err != nil {
		return nil, err
	}
	for _, k := range kept {
		have[k.UID] = k
	}
	if fields&rowKeys == 0 {
		return have, nil
	}
	rows, err := b.store.Rows(mb, uids)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		n := imapsvc.MessageKeys{UID: r.UID, Arrived: r.Date, Known: imapsvc.KeyArrived}
		if r.HasDetails {
			n.Size, n.Known = r.Size, n.Known|imapsvc.KeySize
		}
		k, ok := have[r.UID]
		if !ok {
			k = imapsvc.MessageKeys{UID: r.UID}
		}
		have[r.UID] = k.Merge(n)
	}
	return have, nil
}
