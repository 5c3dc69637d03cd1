package imapsvc

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Undo takes back a move. A move whose originals were left \Deleted (no
// UIDPLUS) is undone where it stands: the \Deleted flag is cleared, and the
// copies are removed only where COPYUID named them and UID EXPUNGE can take
// just those. Any other move is taken back from the destination: tern
// checks that its UIDVALIDITY is still the one COPYUID named, finds which
// copies are still there, moves them back the same safe way (UID MOVE,
// else COPY then delete), and checks that every one came back.
// Afterwards no folder is open: the UI opens the source again.
func (s *Service) Undo(ctx context.Context, t Transfer) error {
	if t.LeftDeleted {
		return s.undoMarks(ctx, t)
	}
	if len(t.DestUIDs) == 0 {
		return ErrNoCopyUID
	}
	return s.do(ctx, func() error {
		c, sel, leave, err := s.reselect(Mailbox{Name: t.Dest, UIDValidity: t.DestUIDValidity}, "since the move; nothing was undone")
		if err != nil {
			return err
		}
		defer leave()
		there, err := searchUIDs(c, t.DestUIDs, false)
		if err != nil {
			return err
		}
		if len(there) == 0 {
			return fmt.Errorf("none of the %s is still in %s; nothing was undone", plural(len(t.DestUIDs), "message"), cleanLine(t.Dest))
		}
		back := Transfer{Source: sel.Mailbox, Dest: t.Source.Name, UIDs: there, Move: true}
		if err := s.move(c, sel, there, t.Source.Name, &back); err != nil {
			return err
		}
		if n := len(t.DestUIDs); len(there) < n {
			return fmt.Errorf("only %d of %d came back to %s: the others were no longer in %s",
				len(there), n, cleanLine(t.Source.Name), cleanLine(t.Dest))
		}
		if back.LeftDeleted {
			return fmt.Errorf("all %d are back in %s; their copies in %s are marked \\Deleted (no UIDPLUS: $ there removes them)",
				len(there), cleanLine(t.Source.Name), cleanLine(t.Dest))
		}
		return nil
	})
}

// undoMarks undoes a move that left the originals \Deleted: it clears the
// flag, checks every original is still there, and removes the copies
// where it can name them and expunge only them.
func (s *Service) undoMarks(ctx context.Context, t Transfer) error {
	return s.do(ctx, func() error {
		c, _, leave, err := s.reselect(t.Source, "since the move; nothing was undone")
		if err != nil {
			return err
		}
		defer leave()
		err = c.Store(uidSet(t.UIDs), &imap.StoreFlags{Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close()
		if err != nil {
			return serverErr("UID STORE -FLAGS (\\Deleted)", err)
		}
		there, err := searchUIDs(c, t.UIDs, false)
		if err != nil {
			return err
		}
		if len(there) < len(t.UIDs) {
			return fmt.Errorf("\\Deleted cleared, but only %d of %d originals are still in %s",
				len(there), len(t.UIDs), cleanLine(t.Source.Name))
		}
		if len(t.DestUIDs) == 0 || !s.has(imap.CapUIDPlus) {
			return fmt.Errorf("\\Deleted cleared on all %d in %s; their copies stay in %s (without UIDPLUS tern cannot remove only them)",
				len(t.UIDs), cleanLine(t.Source.Name), cleanLine(t.Dest))
		}
		_, sel, _, err := s.reselect(Mailbox{Name: t.Dest, UIDValidity: t.DestUIDValidity}, "; its copies stay")
		if err != nil {
			return err
		}
		if err := s.takeStep(c, sel, StepFinish, t.DestUIDs); err != nil {
			return fmt.Errorf("\\Deleted cleared in %s, but removing the copies from %s: %w",
				cleanLine(t.Source.Name), cleanLine(t.Dest), err)
		}
		return nil
	})
}

// reselect opens mb read-write on the main connection for undo and
// refuses a folder whose UIDVALIDITY changed (why ends the message).
// leave forgets the folder afterwards: the UI opens what it shows again.
func (s *Service) reselect(mb Mailbox, why string) (*imapclient.Client, *selected, func(), error) {
	c, err := s.client()
	if err != nil {
		return nil, nil, nil, err
	}
	s.drainUnilateral()
	s.sel = nil
	data, err := c.Select(string(mb.Name), nil).Wait()
	if err != nil {
		return nil, nil, nil, serverErr("SELECT "+cleanLine(mb.Name), err)
	}
	sel := &selected{Mailbox: Mailbox{Name: mb.Name, UIDValidity: data.UIDValidity}, unseen: -1}
	sel.seq.reset(data.NumMessages)
	s.sel = sel
	leave := func() {
		s.drainUnilateral()
		s.sel = nil
		s.emit(StateChanged{State: StateAuthenticated})
	}
	if data.UIDValidity != mb.UIDValidity {
		leave()
		return nil, nil, nil, fmt.Errorf("%s changed its UIDVALIDITY %s", cleanLine(mb.Name), why)
	}
	return c, sel, leave, nil
}
