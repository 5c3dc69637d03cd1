package imapsvc

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// Warmer is a Backend with a header cache in front of it (package
// cached). The UI asks it, before any connection, for what the cache
// holds, and shows that as not yet confirmed.
type Warmer interface {
	// Warm answers from the cache alone, with no round trip: the folder
	// (the last one opened when name is ""), its UID list and its newest
	// window rows. ok is false when nothing is cached.
	Warm(ctx context.Context, name FolderName, window int) (w Warmed, ok bool, err error)
	// CachedFolders is the last folder list the server gave, for
	// starting offline; ok is false when none is kept.
	CachedFolders(ctx context.Context) (l FolderList, ok bool, err error)
}

// CacheNotice is news about the header cache the user should hear
// (damage found, the file rebuilt).
type CacheNotice struct{ Text string }

func (CacheNotice) event() {}

// Warmed is a folder as the cache last knew it.
type Warmed struct {
	Selection // Newest: the rows of the newest window the cache has
	UIDs      []UID
	ReadOnly  bool
}

// FlagSync answers FlagsSince.
type FlagSync struct {
	Mailbox
	// ModSeq is the folder's HIGHESTMODSEQ when it was selected; 0 when
	// the server has no CONDSTORE (then Changed is empty and every flag
	// must be fetched again).
	ModSeq  uint64
	Changed []FlagUpdate
}

// FlagsSince fetches the flags changed since modSeq in the open folder:
// UID FETCH 1:* (FLAGS) (CHANGEDSINCE modSeq). Expunged messages are
// found by the UID list: go-imap v2 beta.8 has no QRESYNC, so no
// VANISHED. Without CONDSTORE, or with modSeq 0, it sends nothing and
// answers ModSeq 0.
func (s *Service) FlagsSince(ctx context.Context, mb Mailbox, modSeq uint64) (FlagSync, error) {
	out := FlagSync{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil || sel.modSeq == 0 || !s.has(imap.CapCondStore) {
			return err
		}
		if modSeq > sel.modSeq {
			return nil // MODSEQ went back: trust nothing, fetch every flag
		}
		out.ModSeq = sel.modSeq
		if modSeq == 0 || modSeq == sel.modSeq {
			return nil // nothing changed (or nothing to compare with)
		}
		var all imap.UIDSet
		all.AddRange(1, 0)
		msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true, ChangedSince: modSeq}).Collect()
		if err != nil {
			return serverErr("UID FETCH (CHANGEDSINCE)", err)
		}
		for _, m := range msgs {
			out.Changed = append(out.Changed, FlagUpdate{UID: UID(m.UID), Flags: toFlags(m.Flags)})
		}
		return nil
	})
	return out, err
}

// FlagsOf fetches the flags of uids in the open folder (UID FETCH uids
// (FLAGS)); the cache checks its flags this way where there is no
// CONDSTORE, a batch at a time between the user's requests.
func (s *Service) FlagsOf(ctx context.Context, mb Mailbox, uids []UID) ([]FlagUpdate, error) {
	var out []FlagUpdate
	if len(uids) == 0 {
		return nil, nil
	}
	err := s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		msgs, err := c.Fetch(uidSet(uids), &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			return serverErr("UID FETCH (FLAGS)", err)
		}
		for _, m := range msgs {
			sel.seq.learn(m.SeqNum, UID(m.UID))
			out = append(out, FlagUpdate{UID: UID(m.UID), Flags: toFlags(m.Flags)})
		}
		return nil
	})
	return out, err
}
