package imapsvc

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// recentNote explains the missing RECENT of STATUS on the screen.
const recentNote = "n/a: go-imap cannot ask STATUS RECENT (the status bar shows the open folder's)"

// Status runs STATUS on a folder without selecting it, asking for SIZE
// and HIGHESTMODSEQ where the server supports them.
func (s *Service) Status(ctx context.Context, name FolderName) (FolderStatus, error) {
	out := FolderStatus{Name: name, Display: cleanLine(name), RecentNote: recentNote}
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		opts := &imap.StatusOptions{NumMessages: true, NumUnseen: true, UIDNext: true, UIDValidity: true,
			Size:          s.has(imap.CapStatusSize),
			HighestModSeq: s.has(imap.CapCondStore) || s.has(imap.CapQResync),
		}
		d, err := c.Status(string(name), opts).Wait()
		if err != nil {
			return serverErr("STATUS "+cleanLine(name), err)
		}
		cnt := statusCounts(d)
		out.Messages, out.Unseen = cnt.Messages, cnt.Unseen
		out.UIDNext, out.UIDValidity = UID(d.UIDNext), d.UIDValidity
		out.Size = d.Size
		if opts.HighestModSeq {
			m := d.HighestModSeq
			out.HighestModSeq = &m
		}
		return nil
	})
	return out, err
}
