package imapsvc

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Store changes flags of a set of messages with one UID STORE. Keywords
// are checked against PERMANENTFLAGS (any with \*, else only the listed
// ones, compared case-insensitively and sent in the server's spelling).
// The FETCH responses it answers with update the list through events too.
func (s *Service) Store(ctx context.Context, mb Mailbox, uids []UID, op StoreOp, flags []string) (StoreResult, error) {
	out := StoreResult{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, sel, err := s.writable(mb)
		if err != nil {
			return err
		}
		if len(uids) == 0 {
			return nil
		}
		fl, err := allowFlags(sel.perm, flags)
		if err != nil {
			return err
		}
		iop := map[StoreOp]imap.StoreFlagsOp{StoreAdd: imap.StoreFlagsAdd, StoreRemove: imap.StoreFlagsDel, StoreReplace: imap.StoreFlagsSet}[op]
		msgs, err := c.Store(uidSet(uids), &imap.StoreFlags{Op: iop, Flags: fl}, nil).Collect()
		if err != nil {
			return serverErr("UID STORE", err)
		}
		for _, m := range msgs {
			uid := UID(m.UID)
			if uid == 0 {
				uid = sel.seq.uid(m.SeqNum)
			}
			if uid == 0 {
				continue
			}
			u := FlagUpdate{UID: uid, Flags: toFlags(m.Flags)}
			out.Updated = append(out.Updated, u)
			s.emit(FlagsChanged{Mailbox: mb, UID: uid, Flags: u.Flags})
		}
		s.drainUnilateral()
		return nil
	})
	return out, err
}

// writable returns the client and open folder mb, refusing a folder
// opened read-only: the embedded server would accept writes after EXAMINE.
func (s *Service) writable(mb Mailbox) (*imapclient.Client, *selected, error) {
	c, sel, err := s.open(mb)
	if err != nil {
		return nil, nil, err
	}
	if sel.readOnly {
		return nil, nil, fmt.Errorf("%s is open read-only (EXAMINE)", cleanLine(mb.Name))
	}
	return c, sel, nil
}

var systemFlags = []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft}

// allowFlags turns typed flags into what STORE sends. perm is the
// PERMANENTFLAGS list; when the server sent none, every flag is allowed.
func allowFlags(perm []string, typed []string) ([]imap.Flag, error) {
	any := len(perm) == 0 || slices.Contains(perm, `\*`)
	var out []imap.Flag
	var refused []string
	for _, t := range typed {
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, `\`) {
			i := slices.IndexFunc(systemFlags, func(f imap.Flag) bool { return strings.EqualFold(string(f), t) })
			if i < 0 {
				refused = append(refused, t)
				continue
			}
			out = append(out, systemFlags[i])
			continue
		}
		i := slices.IndexFunc(perm, func(p string) bool { return strings.EqualFold(p, t) })
		switch {
		case i >= 0:
			out = append(out, imap.Flag(perm[i]))
		case any:
			out = append(out, imap.Flag(t))
		default:
			refused = append(refused, t)
		}
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("the server does not keep %s (PERMANENTFLAGS: %s)",
			cleanLine(strings.Join(refused, " ")), cleanLine(strings.Join(perm, " ")))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no flags given")
	}
	return out, nil
}

// ExpungePlan lists every \Deleted message of the folder (UID SEARCH
// DELETED), so the UI can say what an EXPUNGE would remove.
func (s *Service) ExpungePlan(ctx context.Context, mb Mailbox) (ExpungePlan, error) {
	out := ExpungePlan{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, _, err := s.writable(mb)
		if err != nil {
			return err
		}
		out.UIDPlus = s.has(imap.CapUIDPlus)
		data, err := c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
		if err != nil {
			return serverErr("UID SEARCH DELETED", err)
		}
		out.Deleted = sortedUIDs(data.AllUIDs())
		return nil
	})
	return out, err
}

// Expunge removes messages marked \Deleted. With whole it sends EXPUNGE,
// which removes every \Deleted message of the folder; otherwise UID
// EXPUNGE of exactly uids, which needs UIDPLUS (ErrNoUIDPlus without).
func (s *Service) Expunge(ctx context.Context, mb Mailbox, uids []UID, whole bool) (ExpungeResult, error) {
	out := ExpungeResult{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, sel, err := s.writable(mb)
		if err != nil {
			return err
		}
		var cmd *imapclient.ExpungeCommand
		switch {
		case whole:
			cmd = c.Expunge()
		case !s.has(imap.CapUIDPlus):
			return ErrNoUIDPlus
		case len(uids) == 0:
			return nil
		default:
			cmd = c.UIDExpunge(uidSet(uids))
		}
		out.Expunged, err = s.collectExpunge(cmd, sel)
		slices.Sort(out.Expunged)
		return err
	})
	return out, err
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
// UI asks first. No folder is open afterwards.
func (s *Service) CloseFolder(ctx context.Context, mb Mailbox) error {
	return s.leave(ctx, mb, "CLOSE", func(c *imapclient.Client) error {
		return c.UnselectAndExpunge().Wait()
	})
}

// Unselect leaves the folder without expunging (UNSELECT).
func (s *Service) Unselect(ctx context.Context, mb Mailbox) error {
	return s.leave(ctx, mb, "UNSELECT", func(c *imapclient.Client) error {
		if !s.has(imap.CapUnselect) {
			return fmt.Errorf("the server does not advertise UNSELECT")
		}
		return c.Unselect().Wait()
	})
}

func (s *Service) leave(ctx context.Context, mb Mailbox, op string, fn func(*imapclient.Client) error) error {
	return s.do(ctx, func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return serverErr(op, err)
		}
		s.drainUnilateral()
		s.sel = nil
		s.emit(StateChanged{State: StateAuthenticated})
		return nil
	})
}

func sortedUIDs(in []imap.UID) []UID {
	out := make([]UID, len(in))
	for i, u := range in {
		out[i] = UID(u)
	}
	slices.Sort(out)
	return out
}
