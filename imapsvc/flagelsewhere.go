package imapsvc

import (
	"context"
	"errors"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// FlagElsewhere adds flag to message uid of mb, a folder that need not be
// the one open on the main connection (the original of a reply sent after
// the user opened another folder). It runs on the background connection,
// so the main connection stays in its folder and keeps idling there. The
// background connection SELECTs mb read-write for this one UID STORE and
// forgets the selection afterwards, so its next read EXAMINEs again. When
// mb's UIDVALIDITY is no longer the one uid was read under, nothing is
// stored and the error says so: the UID may name another message now.
func (s *Service) FlagElsewhere(ctx context.Context, mb Mailbox, uid UID, flag string) error {
	if uid == 0 || flag == "" {
		return errors.New("no message or flag to set")
	}
	return s.elsewhere(ctx, mb, func(c *imapclient.Client, data *imap.SelectData) error {
		fl, err := allowFlags(flagStrings(data.PermanentFlags), []string{flag})
		if err != nil {
			return err
		}
		set := imap.UIDSetNum(imap.UID(uid))
		if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: fl}, nil).Close(); err != nil {
			return serverErr("UID STORE", err)
		}
		return nil
	})
}

// RemoveElsewhere deletes message uid of mb, a folder that need not be the
// open one (a draft resumed from Drafts, sent after the user opened
// another folder): UID STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE
// of just that UID, on the background connection as FlagElsewhere does.
// Without UIDPLUS nothing is touched: a plain EXPUNGE could take other
// messages marked \Deleted.
func (s *Service) RemoveElsewhere(ctx context.Context, mb Mailbox, uid UID) error {
	if uid == 0 {
		return errors.New("no message to remove")
	}
	return s.elsewhere(ctx, mb, func(c *imapclient.Client, _ *imap.SelectData) error {
		if !c.Caps().Has(imap.CapUIDPlus) {
			return errors.New("the server lacks UIDPLUS: tern cannot expunge just that message")
		}
		set := imap.UIDSetNum(imap.UID(uid))
		deleted := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
		if err := c.Store(set, deleted, nil).Close(); err != nil {
			return serverErr("UID STORE", err)
		}
		if err := c.UIDExpunge(set).Close(); err != nil {
			return serverErr("UID EXPUNGE", err)
		}
		return nil
	})
}

// elsewhere runs fn with mb SELECTed read-write on the background
// connection, after checking that mb's UIDVALIDITY is still the one its
// UIDs were read under. The selection is forgotten afterwards, so the
// connection's next read EXAMINEs again.
func (s *Service) elsewhere(ctx context.Context, mb Mailbox, fn func(*imapclient.Client, *imap.SelectData) error) error {
	err := s.withBackground(ctx, Mailbox{}, func(c *imapclient.Client) error {
		b := &s.bg
		b.setBox(c, Mailbox{}) // read-write from here on: never reuse as examined
		data, err := c.Select(string(mb.Name), nil).Wait()
		if err != nil {
			return serverErr("SELECT "+cleanLine(mb.Name), err)
		}
		if data.UIDValidity != mb.UIDValidity {
			return staleFolder(mb.Name)
		}
		return fn(c, data)
	})
	if errors.Is(err, errNoBackground) {
		return errors.New("no second connection to " + cleanLine(mb.Name) + " (the server allows one); open it and try there")
	}
	return err
}

func flagStrings(fl []imap.Flag) []string {
	out := make([]string, len(fl))
	for i, f := range fl {
		out[i] = string(f)
	}
	return out
}

// staleFolder says a folder's UIDVALIDITY changed since its UIDs were
// read; it is ErrStale.
type staleFolder FolderName

func (e staleFolder) Error() string {
	return cleanLine(FolderName(e)) + " has a new UIDVALIDITY since the message was read: nothing changed"
}

func (e staleFolder) Is(target error) bool { return target == ErrStale }
