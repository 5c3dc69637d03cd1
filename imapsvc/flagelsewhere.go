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
	if errors.Is(err, errNoBackground) {
		return errors.New("no second connection to " + cleanLine(mb.Name) + " (the server allows one); open it and set the flag there")
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
	return cleanLine(FolderName(e)) + " has a new UIDVALIDITY since the message was read: nothing flagged"
}

func (e staleFolder) Is(target error) bool { return target == ErrStale }
