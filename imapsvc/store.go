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

// Unselect leaves the folder without expunging (UNSELECT).
func (s *Service) Unselect(ctx context.Context, mb Mailbox) error {
	return s.leave(ctx, mb, "UNSELECT", func(c *imapclient.Client) error {
		if !s.has(imap.CapUnselect) {
			return fmt.Errorf("the server does not advertise UNSELECT; :close leaves the folder (it asks first when that would expunge)")
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
