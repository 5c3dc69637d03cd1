package imapsvc

import (
	"context"
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Expunging: the UI asks first, naming what will go (ExpungePlan), and the
// server is asked again right before EXPUNGE or CLOSE, so what goes is
// exactly what the user confirmed.

// PlanChangedError refuses an expunge whose \Deleted messages changed on
// the server since the user confirmed the plan. Nothing was expunged; Plan
// is the folder's state now, to ask again.
type PlanChangedError struct {
	Plan ExpungePlan
	Why  error // ErrNoUIDPlus when UIDPLUS went away; nil when the set changed
}

func (e *PlanChangedError) Error() string {
	if e.Why != nil {
		return "the server no longer advertises UIDPLUS, so only an EXPUNGE of every \\Deleted message is possible; nothing was expunged"
	}
	return "the folder's \\Deleted messages changed on the server since you confirmed; nothing was expunged"
}

func (e *PlanChangedError) Unwrap() error { return e.Why }

// ExpungePlan lists every \Deleted message of the folder (UID SEARCH
// DELETED), so the UI can say what an EXPUNGE would remove.
func (s *Service) ExpungePlan(ctx context.Context, mb Mailbox) (ExpungePlan, error) {
	var out ExpungePlan
	err := s.do(ctx, func() error {
		c, _, err := s.writable(mb)
		if err != nil {
			return err
		}
		out, err = s.plan(c, mb)
		return err
	})
	return out, err
}

// plan asks the server for the folder's \Deleted messages. A NOOP goes
// first, and its OK is awaited: Dovecot answers SEARCH from the session's
// view as of its last sync, so a flag another client set since would be
// missed while EXPUNGE acts on the current state; pipelined, Dovecot may
// run the SEARCH before the NOOP's sync.
func (s *Service) plan(c *imapclient.Client, mb Mailbox) (ExpungePlan, error) {
	out := ExpungePlan{Mailbox: mb, UIDPlus: s.has(imap.CapUIDPlus)}
	if err := c.Noop().Wait(); err != nil {
		return out, serverErr("NOOP", err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
	if err != nil {
		return out, serverErr("UID SEARCH DELETED", err)
	}
	out.Deleted, err = listedUIDs(mb.Name, data)
	return out, err
}

// Expunge removes messages marked \Deleted. With whole it sends EXPUNGE,
// which removes every \Deleted message of the folder; uids must then be
// the plan the user confirmed (every \Deleted message shown to them).
// Otherwise it sends UID EXPUNGE of exactly uids, which needs UIDPLUS
// (ErrNoUIDPlus without). Either way the server is asked again first, and
// a changed plan is refused with a *PlanChangedError.
func (s *Service) Expunge(ctx context.Context, mb Mailbox, uids []UID, whole bool) (ExpungeResult, error) {
	out := ExpungeResult{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, sel, err := s.writable(mb)
		if err != nil {
			return err
		}
		if !whole && len(uids) == 0 {
			return nil
		}
		now, err := s.plan(c, mb)
		if err != nil {
			return err
		}
		if !whole && !now.UIDPlus { // the live set lost UIDPLUS since the plan
			return &PlanChangedError{Plan: now, Why: ErrNoUIDPlus}
		}
		if !planHolds(now.Deleted, uids, whole) {
			return &PlanChangedError{Plan: now}
		}
		// Calling Expunge or UIDExpunge sends it: build only the one meant.
		var cmd *imapclient.ExpungeCommand
		if whole {
			cmd = c.Expunge()
		} else {
			cmd = c.UIDExpunge(uidSet(uids))
		}
		out.Expunged, err = s.collectExpunge(cmd, sel)
		slices.Sort(out.Expunged)
		return err
	})
	return out, err
}

// planHolds: for EXPUNGE (whole) the \Deleted messages must be exactly
// the confirmed ones; for UID EXPUNGE every chosen one must still be
// \Deleted (others do not matter: UID EXPUNGE leaves them).
func planHolds(deleted, confirmed []UID, whole bool) bool {
	c := slices.Clone(confirmed)
	slices.Sort(c)
	c = slices.Compact(c)
	if whole {
		return slices.Equal(deleted, c)
	}
	for _, u := range c {
		if _, ok := slices.BinarySearch(deleted, u); !ok {
			return false
		}
	}
	return true
}

// collectExpunge reads an EXPUNGE's responses, maps them to UIDs with the
// sequence map, and tells the UI about each.
func (s *Service) collectExpunge(cmd *imapclient.ExpungeCommand, sel *selected) ([]UID, error) {
	s.drainUnilateral() // earlier responses first: they shift sequence numbers
	var gone []UID
	for {
		seq := cmd.Next()
		if seq == 0 {
			break
		}
		if uid, ok := sel.seq.expunge(seq); ok && uid != 0 {
			gone = append(gone, uid)
			s.emit(Expunged{Mailbox: sel.Mailbox, UID: uid})
		}
	}
	if err := cmd.Close(); err != nil {
		return gone, serverErr("EXPUNGE", err)
	}
	return gone, nil
}

// CloseFolder sends CLOSE, which expunges \Deleted messages silently: the
// UI asks first, and deleted is what it showed (empty when it had nothing
// to ask). The server is asked again right before CLOSE; a changed set is
// refused with a *PlanChangedError. No folder is open afterwards.
func (s *Service) CloseFolder(ctx context.Context, mb Mailbox, deleted []UID) error {
	return s.leave(ctx, mb, "CLOSE", func(c *imapclient.Client) error {
		if s.sel.readOnly && s.has(imap.CapUnselect) {
			// CLOSE must not expunge after EXAMINE, but the embedded
			// server does not enforce EXAMINE: leave without CLOSE.
			return c.Unselect().Wait()
		}
		now, err := s.plan(c, mb)
		if err != nil {
			return err
		}
		if !planHolds(now.Deleted, deleted, true) {
			return &PlanChangedError{Plan: now}
		}
		return c.UnselectAndExpunge().Wait()
	})
}
