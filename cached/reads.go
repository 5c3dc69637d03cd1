package cached

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"tern/imapsvc"
)

// offline reports an error that means there is no connection to ask.
func offline(err error) bool { return errors.Is(err, imapsvc.ErrNotConnected) }

// Rows answers from the cache where the folder's cache is confirmed, and
// asks the server for the rest. Offline, the cache answers what it has.
func (b *Backend) Rows(ctx context.Context, mb imapsvc.Mailbox, requestID int, uids []imapsvc.UID) (imapsvc.RowList, error) {
	if !b.confirmed(mb) {
		l, err := b.Service.Rows(ctx, mb, requestID, uids)
		if err == nil {
			rows := slices.Clone(l.Rows)
			b.write(func() error { return b.store.PutRows(mb, rows) })
		} else if offline(err) {
			if rows, cerr := b.store.Rows(mb, uids); cerr == nil {
				return imapsvc.RowList{Mailbox: mb, RequestID: requestID, Rows: rows}, nil
			}
		}
		return l, err
	}
	have, err := b.store.Rows(mb, uids)
	if err != nil {
		b.lose()
		go b.tell() // the UI may be waiting for this answer, not reading events
		return b.Service.Rows(ctx, mb, requestID, uids)
	}
	missing := without(uids, have)
	if len(missing) > 0 {
		l, err := b.Service.Rows(ctx, mb, requestID, missing)
		if err != nil {
			return l, err
		}
		rows := slices.Clone(l.Rows)
		b.write(func() error { return b.store.PutRows(mb, rows) })
		have = append(have, l.Rows...)
	}
	sortRows(have)
	return imapsvc.RowList{Mailbox: mb, RequestID: requestID, Rows: have}, nil
}

// Details never change for a UID (size and structure of a message are
// fixed), so the cache answers them whether or not flags are confirmed.
func (b *Backend) Details(ctx context.Context, mb imapsvc.Mailbox, requestID int, uids []imapsvc.UID) (imapsvc.DetailList, error) {
	cached, _ := b.store.Rows(mb, uids)
	var have []imapsvc.Row
	for _, r := range cached {
		if r.HasDetails {
			have = append(have, imapsvc.Row{UID: r.UID, Size: r.Size, Attachment: r.Attachment, HasDetails: true})
		}
	}
	missing := without(uids, have)
	if len(missing) > 0 {
		l, err := b.Service.Details(ctx, mb, requestID, missing)
		if err != nil && !(offline(err) && len(have) > 0) {
			return l, err
		}
		rows := slices.Clone(l.Rows)
		b.write(func() error { return b.store.PutDetails(mb, rows) })
		have = append(have, l.Rows...)
	}
	sortRows(have)
	return imapsvc.DetailList{Mailbox: mb, RequestID: requestID, Rows: have}, nil
}

// FetchMessage keeps the text of what the user reads; offline, or while
// the folder shown from the cache is not selected yet, it answers from
// what was kept (the same UIDVALIDITY and UID are the same message).
func (b *Backend) FetchMessage(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, markSeen bool) (imapsvc.Message, error) {
	m, err := b.Service.FetchMessage(ctx, mb, uid, markSeen)
	if err == nil {
		kept := m
		b.write(func() error { return b.store.PutBody(mb, kept) })
		return m, nil
	}
	if offline(err) || errors.Is(err, imapsvc.ErrStale) {
		if cm, ok, cerr := b.store.Body(mb, uid); cerr == nil && ok {
			note := "offline: shown from the cache"
			if !offline(err) {
				note = "shown from the cache: the server has not opened the folder yet"
			}
			cm.Notes = append(cm.Notes, note)
			return cm, nil
		}
		if !offline(err) && b.selectingFolder(mb.Name) {
			return m, errNotYet
		}
	}
	return m, err
}

// errNotYet answers a message opened on cached rows while the server is
// still opening their folder. It is an ErrStale: the UI waits for the
// SELECT and asks again.
var errNotYet = fmt.Errorf("the server has not opened the folder yet: %w", imapsvc.ErrStale)

func (b *Backend) selectingFolder(name imapsvc.FolderName) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.selecting == name
}

// Store keeps the flags the server answered.
func (b *Backend) Store(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, op imapsvc.StoreOp, flags []string) (imapsvc.StoreResult, error) {
	r, err := b.Service.Store(ctx, mb, uids, op, flags)
	if err == nil && len(r.Updated) > 0 {
		up := slices.Clone(r.Updated)
		b.write(func() error { return b.store.SetFlags(mb, up) })
	}
	return r, err
}

// Expunge forgets what the server expunged.
func (b *Backend) Expunge(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, whole bool) (imapsvc.ExpungeResult, error) {
	r, err := b.Service.Expunge(ctx, mb, uids, whole)
	if len(r.Expunged) > 0 {
		gone := slices.Clone(r.Expunged)
		b.write(func() error { return b.store.Remove(mb, gone) })
	}
	return r, err
}

// Delete forgets the folder's cache.
func (b *Backend) Delete(ctx context.Context, name imapsvc.FolderName) error {
	err := b.Service.Delete(ctx, name)
	if err == nil {
		b.write(func() error { return b.store.DropFolder(name) })
	}
	return err
}

// Rename forgets the old name's cache; the new name fills its own.
func (b *Backend) Rename(ctx context.Context, from, to imapsvc.FolderName) error {
	err := b.Service.Rename(ctx, from, to)
	if err == nil {
		b.write(func() error { return b.store.DropFolder(from) })
	}
	return err
}

// without lists the UIDs of want that have no row in have.
func without(want []imapsvc.UID, have []imapsvc.Row) []imapsvc.UID {
	got := make(map[imapsvc.UID]bool, len(have))
	for _, r := range have {
		got[r.UID] = true
	}
	var out []imapsvc.UID
	for _, u := range want {
		if !got[u] {
			out = append(out, u)
		}
	}
	return out
}

func sortRows(rows []imapsvc.Row) {
	slices.SortFunc(rows, func(a, b imapsvc.Row) int { return int(a.UID) - int(b.UID) })
}
