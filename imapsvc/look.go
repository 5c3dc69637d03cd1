package imapsvc

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// lookTimeout bounds the whole look after a cut: dial, login, and the
// searches in both folders.
const lookTimeout = 30 * time.Second

// moveStart is what tern knew of the destination before a move began, so
// a look after a cut can tell the move's copies from older messages.
type moveStart struct {
	uidNext, uidValidity uint32 // 0 when STATUS failed
}

// destStatus asks the destination's UIDNEXT and UIDVALIDITY; pipelined
// before COPY or MOVE, it costs no round trip. A failure is not an error:
// COPY or MOVE will say what is wrong.
func destStatus(c *imapclient.Client, dest FolderName) *imapclient.StatusCommand {
	return c.Status(string(dest), &imap.StatusOptions{UIDNext: true, UIDValidity: true})
}

func startOf(cmd *imapclient.StatusCommand) moveStart {
	d, err := cmd.Wait()
	if err != nil || d.UIDNext == 0 {
		return moveStart{}
	}
	return moveStart{uidNext: uint32(d.UIDNext), uidValidity: d.UIDValidity}
}

// cutOff reports whether err means the connection went away, so the
// server may have done more than tern heard about (a NO or BAD means the
// command did nothing).
func cutOff(err error) bool {
	var ierr *imap.Error
	return err != nil && !errors.As(err, &ierr)
}

// interrupted looks at what the server holds after op was cut off.
func (s *Service) interrupted(op string, err error, t *Transfer, start moveStart) error {
	return &InterruptedError{Op: op, Err: err, Held: s.lookAgain(t, start)}
}

// lookAgain logs in on a connection of its own (the main one is gone, and
// its reconnect is scheduled by the run loop) and finds where the messages
// of t are: in the source (\Deleted or not), and as copies in the
// destination, by COPYUID where known, else by Message-ID among the
// messages that arrived there since the move began.
func (s *Service) lookAgain(t *Transfer, start moveStart) Held {
	h := Held{Source: t.Source, Dest: t.Dest, UIDs: t.UIDs, NewInDest: -1, CopyOnly: !t.Move}
	if !s.retry.armed {
		h.Err = "no password to log in again with"
		return h
	}
	tp := &tap{out: s.tap.out, ring: s.tap.ring}
	if !s.acct.usesToken() {
		tp.setSecrets(s.acct.Username, s.retry.password)
	}
	c, _, err := s.openLoggedIn(&imapclient.Options{DebugWriter: tp}, s.retry.password)
	if err != nil {
		h.Err = err.Error()
		return h
	}
	stop := time.AfterFunc(lookTimeout, func() { c.Close() })
	defer stop.Stop()
	defer c.Close()
	if err := look(c, t, start, &h); err != nil {
		h.Err = err.Error()
	}
	h.UIDPlus = c.Caps().Has(imap.CapUIDPlus)
	c.Logout().Wait()
	return h
}

func look(c *imapclient.Client, t *Transfer, start moveStart, h *Held) error {
	data, err := c.Select(string(t.Source.Name), &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return serverErr("EXAMINE "+cleanLine(t.Source.Name), err)
	}
	if data.UIDValidity != t.Source.UIDValidity {
		return fmt.Errorf("%s has a new UIDVALIDITY", cleanLine(t.Source.Name))
	}
	present, err := searchUIDs(c, t.UIDs, false)
	if err != nil {
		return err
	}
	h.Marked, err = searchUIDs(c, present, true)
	if err != nil {
		return err
	}
	h.Kept, h.Gone = minus(present, h.Marked), minus(t.UIDs, present)
	ids := map[string]UID{}
	if len(t.DestUIDs) == 0 && len(present) > 0 {
		if ids, err = messageIDs(c, present); err != nil {
			return err
		}
	}
	d, err := c.Select(string(t.Dest), &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil // no destination: no copies
	}
	h.DestUIDValidity = d.UIDValidity
	if len(t.DestUIDs) > 0 && d.UIDValidity == t.DestUIDValidity {
		there, err := searchUIDs(c, t.DestUIDs, false)
		if err != nil {
			return err
		}
		for i, du := range t.DestUIDs {
			_, copied := slices.BinarySearch(there, du)
			_, orig := slices.BinarySearch(present, t.SourceUIDs[i])
			if copied && orig {
				h.Copied, h.Copies = append(h.Copied, t.SourceUIDs[i]), append(h.Copies, du)
			}
		}
		return nil
	}
	if start.uidNext == 0 || d.UIDValidity != start.uidValidity {
		return nil // cannot tell the move's copies from older mail
	}
	var since imap.UIDSet
	since.AddRange(imap.UID(start.uidNext), 0)
	msgs, err := c.Fetch(since, &imap.FetchOptions{UID: true, Envelope: true}).Collect()
	if err != nil {
		return serverErr("UID FETCH (ENVELOPE)", err)
	}
	h.NewInDest = 0
	for _, m := range msgs {
		if uint32(m.UID) < start.uidNext { // n:* answers the last message too
			continue
		}
		h.NewInDest++
		if m.Envelope == nil || m.Envelope.MessageID == "" {
			continue
		}
		if u, ok := ids[m.Envelope.MessageID]; ok {
			h.Copied, h.Copies = append(h.Copied, u), append(h.Copies, UID(m.UID))
			delete(ids, m.Envelope.MessageID)
		}
	}
	return nil
}

// searchUIDs returns which of uids exist, and with deleted only those
// marked \Deleted.
func searchUIDs(c *imapclient.Client, uids []UID, deleted bool) ([]UID, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	crit := &imap.SearchCriteria{UID: []imap.UIDSet{uidSet(uids)}}
	if deleted {
		crit.Flag = []imap.Flag{imap.FlagDeleted}
	}
	data, err := c.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, serverErr("UID SEARCH", err)
	}
	return listedUIDs("", data)
}

// messageIDs maps the Message-ID of each of uids to its UID; messages
// without one (or sharing one) cannot be matched and are left out.
func messageIDs(c *imapclient.Client, uids []UID) (map[string]UID, error) {
	msgs, err := c.Fetch(uidSet(uids), &imap.FetchOptions{UID: true, Envelope: true}).Collect()
	if err != nil {
		return nil, serverErr("UID FETCH (ENVELOPE)", err)
	}
	out, dup := map[string]UID{}, map[string]bool{}
	for _, m := range msgs {
		if m.Envelope == nil || strings.TrimSpace(m.Envelope.MessageID) == "" {
			continue
		}
		id := m.Envelope.MessageID
		if _, seen := out[id]; seen {
			dup[id] = true
		}
		out[id] = UID(m.UID)
	}
	for id := range dup {
		delete(out, id)
	}
	return out, nil
}
