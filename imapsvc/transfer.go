package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Copy copies messages to dest with one UID COPY.
func (s *Service) Copy(ctx context.Context, mb Mailbox, uids []UID, dest FolderName) (Transfer, error) {
	out := Transfer{Source: mb, Dest: dest, UIDs: uids}
	err := s.do(ctx, func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		status := destStatus(c, dest) // pipelined: for a look after a cut
		cmd := c.Copy(uidSet(uids), string(dest))
		start := startOf(status)
		data, err := cmd.Wait()
		if cutOff(err) {
			return s.interrupted("UID COPY", err, &out, start)
		}
		if err != nil {
			return transferErr("UID COPY", dest, err)
		}
		out.setCopyUID(data.UIDValidity, data.SourceUIDs, data.DestUIDs)
		return nil
	})
	return out, err
}

// Move moves messages to dest. With MOVE it sends UID MOVE. Without it,
// UID COPY, and only after COPY's OK, UID STORE +FLAGS.SILENT (\Deleted)
// and UID EXPUNGE of exactly those UIDs; without UIDPLUS the originals are
// left marked \Deleted (Transfer.LeftDeleted). imapclient's own Move
// fallback is never used: it deletes the source even when COPY fails.
func (s *Service) Move(ctx context.Context, mb Mailbox, uids []UID, dest FolderName) (Transfer, error) {
	out := Transfer{Source: mb, Dest: dest, UIDs: uids, Move: true}
	err := s.do(ctx, func() error {
		c, sel, err := s.writable(mb)
		if err != nil {
			return err
		}
		return s.move(c, sel, uids, dest, &out)
	})
	return out, err
}

func (s *Service) move(c *imapclient.Client, sel *selected, uids []UID, dest FolderName, out *Transfer) error {
	set := uidSet(uids)
	status := destStatus(c, dest) // pipelined: for a look after a cut
	// go-imap's Move reads the live set again and, without MOVE there,
	// runs its unsafe fallback; so it must see the set tern decided from.
	if s.moveSafely(c) {
		cmd := c.Move(set, string(dest))
		start := startOf(status)
		data, err := cmd.Wait()
		if cutOff(err) {
			return s.interrupted("UID MOVE", err, out, start)
		}
		if err != nil {
			return transferErr("UID MOVE", dest, err)
		}
		if ds, ok := data.DestUIDs.(imap.UIDSet); ok {
			ss, _ := data.SourceUIDs.(imap.UIDSet)
			out.setCopyUID(data.UIDValidity, ss, ds)
		}
		s.drainUnilateral() // the EXPUNGEs of a MOVE come unilaterally
		return nil
	}
	out.Fallback = true
	cmd := c.Copy(set, string(dest))
	start := startOf(status)
	data, err := cmd.Wait()
	if cutOff(err) {
		return s.interrupted("UID COPY", err, out, start)
	}
	if err != nil {
		return transferErr("UID COPY", dest, err)
	}
	out.setCopyUID(data.UIDValidity, data.SourceUIDs, data.DestUIDs)
	err = c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close()
	if cutOff(err) {
		return s.interrupted("UID STORE", err, out, start)
	}
	if err != nil {
		return fmt.Errorf("copied to %s, but marking the originals \\Deleted failed, so they stay: %w",
			cleanLine(dest), serverErr("UID STORE", err))
	}
	// Silent: no FETCH comes back. The UI marks the rows \Deleted itself
	// from Transfer.LeftDeleted, keeping their other flags.
	if !s.has(imap.CapUIDPlus) {
		out.LeftDeleted = true
		return nil
	}
	_, err = s.collectExpunge(c.UIDExpunge(set), sel)
	if cutOff(err) {
		return s.interrupted("UID EXPUNGE", err, out, start)
	}
	if err != nil {
		return fmt.Errorf("copied to %s and marked \\Deleted, but: %w", cleanLine(dest), err)
	}
	return nil
}

// moveSafely reports whether the live set has MOVE and, if so, holds the
// server's bytes from go-imap until Move writes its command (holdReads):
// no CAPABILITY can be read between this check and Move's own, so Move
// sends MOVE. has comes first, unheld: an unknown set is asked for.
func (s *Service) moveSafely(c *imapclient.Client) bool {
	if !s.has(imap.CapMove) || s.lc == nil {
		return false
	}
	s.lc.holdReads()
	if !c.Caps().Has(imap.CapMove) { // read in the meantime
		s.lc.releaseReads()
		return false
	}
	if s.testBeforeMove != nil {
		s.testBeforeMove()
	}
	return true // Move's first Write releases the hold
}

// setCopyUID records the COPYUID pairs, if the server sent any. A COPYUID
// naming more messages than were asked for is ignored unexpanded: it is
// wrong, and "1:4294967295" would cost 16 GiB.
func (t *Transfer) setCopyUID(validity uint32, src, dst imap.UIDSet) {
	if asked := uint64(len(t.UIDs)); setSize(src) > asked || setSize(dst) > asked {
		return
	}
	sn, ok1 := src.Nums()
	dn, ok2 := dst.Nums()
	if validity == 0 || !ok1 || !ok2 || len(sn) != len(dn) || len(sn) == 0 {
		return
	}
	t.DestUIDValidity = validity
	t.SourceUIDs, t.DestUIDs = make([]UID, len(sn)), make([]UID, len(dn))
	for i := range sn {
		t.SourceUIDs[i], t.DestUIDs[i] = UID(sn[i]), UID(dn[i])
	}
}

// setSize counts the UIDs of a set without expanding it; a range ending in
// "*" counts as unbounded.
func setSize(set imap.UIDSet) uint64 {
	var n uint64
	for _, r := range set {
		if r.Stop == 0 || r.Start == 0 {
			return math.MaxUint64
		}
		n += uint64(max(r.Start, r.Stop)-min(r.Start, r.Stop)) + 1
	}
	return n
}

// transferErr turns NO [TRYCREATE] into a TryCreateError.
func transferErr(op string, dest FolderName, err error) error {
	var ierr *imap.Error
	if errors.As(err, &ierr) && ierr.Code == imap.ResponseCodeTryCreate {
		return &TryCreateError{Folder: cleanLine(dest), Text: cleanServerText(ierr)}
	}
	return serverErr(op+" "+cleanLine(dest), err)
}
