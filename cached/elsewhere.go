package cached

import (
	"context"
	"slices"
	"strings"

	"tern/imapsvc"
)

// FlagElsewhere adds flag to uid in mb, a folder that need not be open
// (the original of a reply), and then to its cached row, so that the
// folder shows it before its next sync (a warm start, offline).
func (b *Backend) FlagElsewhere(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, flag string) error {
	if err := b.Service.FlagElsewhere(ctx, mb, uid, flag); err != nil {
		return err
	}
	// Read and change the row in the writer, so that writes queued
	// before (an event's flags) are applied first and none is lost.
	b.write(func() error {
		rows, err := b.store.Rows(mb, []imapsvc.UID{uid})
		if err != nil || len(rows) == 0 {
			return err
		}
		up := []imapsvc.FlagUpdate{{UID: uid, Flags: withFlag(rows[0].Flags, flag)}}
		return b.store.SetFlags(mb, up)
	})
	return nil
}

// RemoveElsewhere deletes uid from mb (a sent draft's copy in Drafts)
// and then forgets it in the cache: UID list, row and kept text.
func (b *Backend) RemoveElsewhere(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) error {
	if err := b.Service.RemoveElsewhere(ctx, mb, uid); err != nil {
		return err
	}
	b.write(func() error { return b.store.Remove(mb, []imapsvc.UID{uid}) })
	return nil
}

// withFlag is f with flag set: a system flag by its field, a keyword
// added unless there already (keywords compare case-insensitively).
func withFlag(f imapsvc.Flags, flag string) imapsvc.Flags {
	switch strings.ToLower(flag) {
	case `\seen`:
		f.Seen = true
	case `\flagged`:
		f.Flagged = true
	case `\answered`:
		f.Answered = true
	case `\deleted`:
		f.Deleted = true
	case `\draft`:
		f.Draft = true
	default:
		if strings.HasPrefix(flag, `\`) || slices.ContainsFunc(f.Keywords, func(k string) bool { return strings.EqualFold(k, flag) }) {
			return f
		}
		f.Keywords = append(slices.Clone(f.Keywords), flag)
	}
	return f
}
