package imapsvc

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// Status runs STATUS on a folder without selecting it, asking for SIZE
// and HIGHESTMODSEQ where the server supports them. RECENT comes from a
// second STATUS on the side connection, because go-imap cannot ask it.
func (s *Service) Status(ctx context.Context, name FolderName) (FolderStatus, error) {
	out := FolderStatus{Name: name, Display: cleanLine(name)}
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
	if err != nil {
		return out, err
	}
	// A failure here costs only the RECENT line, not the panel.
	if n, rerr := s.sideRecent(ctx, string(name)); rerr != nil {
		out.RecentNote = "not available: " + cleanLine(rerr.Error())
	} else {
		out.Recent = &n
	}
	return out, nil
}
