package imapsvc

import (
	"context"
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// HeldChangedError refuses a Resolve whose step no longer fits what the
// server holds; nothing was done. Held is the state now.
type HeldChangedError struct {
	Held Held
}

func (e *HeldChangedError) Error() string {
	return "the messages changed since tern looked, so nothing was done: " + e.Held.Describe()
}

// Resolve takes the step h.Next() offers after a cut, once the user has
// agreed: it looks again first and refuses if the step changed, acts in
// the source folder by UID, then looks once more and returns what the
// server holds. Afterwards no folder is open: the UI opens the source.
func (s *Service) Resolve(ctx context.Context, h Held) (Held, error) {
	step, uids := h.Next()
	if step == StepNone {
		return h, fmt.Errorf("nothing to do: %s", h.Describe())
	}
	t := Transfer{Source: h.Source, Dest: h.Dest, UIDs: h.UIDs, Move: true,
		SourceUIDs: h.Copied, DestUIDs: h.Copies, DestUIDValidity: h.DestUIDValidity}
	var out Held
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		now := s.lookAgain(&t, moveStart{})
		if now.Err != "" {
			return fmt.Errorf("looking again: %s", now.Err)
		}
		if nstep, nuids := now.Next(); nstep != step || !slices.Equal(nuids, uids) {
			out = now
			return &HeldChangedError{Held: now}
		}
		_, sel, leave, err := s.reselect(h.Source, "; nothing was done")
		if err != nil {
			return err
		}
		defer leave()
		if err := s.takeStep(c, sel, step, uids); err != nil {
			return err
		}
		out = s.lookAgain(&t, moveStart{})
		return nil
	})
	return out, err
}

func (s *Service) takeStep(c *imapclient.Client, sel *selected, step HeldStep, uids []UID) error {
	set := uidSet(uids)
	op := imap.StoreFlagsAdd
	if step == StepUnmark {
		op = imap.StoreFlagsDel
	}
	if step == StepFinish && !s.has(imap.CapUIDPlus) {
		return ErrNoUIDPlus
	}
	err := c.Store(set, &imap.StoreFlags{Op: op, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close()
	if err != nil {
		return serverErr("UID STORE", err)
	}
	if step != StepFinish {
		return nil
	}
	if _, err := s.collectExpunge(c.UIDExpunge(set), sel); err != nil {
		return err
	}
	return nil
}
