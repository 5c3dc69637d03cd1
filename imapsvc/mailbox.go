package imapsvc

import (
	"context"
	"slices"
	"sort"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// rowItems are what a list row needs. RFC822.SIZE and BODYSTRUCTURE are
// left for Details: on Dovecot the first RFC822.SIZE of a session reads the
// whole folder's message list.
func rowItems() *imap.FetchOptions {
	return &imap.FetchOptions{UID: true, Flags: true, InternalDate: true, Envelope: true}
}

func detailItems() *imap.FetchOptions {
	return &imap.FetchOptions{UID: true, RFC822Size: true, BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}
}

// Select opens a folder (EXAMINE when readOnly) and fetches its newest
// window rows. That first window is the one fetch addressed by sequence
// numbers, because the UID map does not exist yet; every answer carries its
// UID, and the rows are keyed by UID from then on.
func (s *Service) Select(ctx context.Context, name FolderName, readOnly bool, window int) (Selection, error) {
	var out Selection
	err := s.do(ctx, func() error {
		c, err := s.client()
		if err != nil {
			return err
		}
		s.drainUnilateral()
		s.sel = nil
		condStore := s.has(imap.CapCondStore)
		data, err := c.Select(string(name), &imap.SelectOptions{ReadOnly: readOnly, CondStore: condStore}).Wait()
		if err != nil {
			s.emit(StateChanged{State: StateAuthenticated})
			return serverErr("SELECT "+cleanLine(name), err)
		}
		if err := existsLimit(name, data.NumMessages); err != nil {
			s.emit(StateChanged{State: StateAuthenticated})
			return err
		}
		sel := &selected{Mailbox: Mailbox{Name: name, UIDValidity: data.UIDValidity}, readOnly: readOnly, unseen: -1}
		if data.UIDNext > 0 {
			sel.high = UID(data.UIDNext) - 1
		}
		sel.modSeq = data.HighestModSeq
		sel.seq.reset(data.NumMessages)
		s.sel = sel
		s.drainUnilateral() // RECENT and [UNSEEN n] of this SELECT
		s.emit(StateChanged{State: StateSelected})

		out = Selection{
			Mailbox: sel.Mailbox, ReadOnly: readOnly, Exists: data.NumMessages,
			Recent: sel.recent, UIDNext: UID(data.UIDNext),
		}
		if sel.unseen > 0 {
			out.FirstUnseen = uint32(sel.unseen)
		}
		for _, f := range data.PermanentFlags {
			sel.perm = append(sel.perm, string(f))
			out.PermanentFlags = append(out.PermanentFlags, cleanLine(string(f)))
		}
		if err := s.changedSince(c, sel, &out); err != nil {
			return err
		}
		return s.firstWindow(c, sel, window, &out)
	})
	return out, err
}

// firstWindow fetches the newest rows, nothing else: the unseen count
// waits for UIDs, since a cold UID SEARCH UNSEEN on Dovecot can cost
// half a second at 50,000 messages.
func (s *Service) firstWindow(c *imapclient.Client, sel *selected, window int, out *Selection) error {
	n := sel.seq.len()
	if n == 0 || window <= 0 {
		return nil
	}
	from := uint32(1)
	if n > uint32(window) {
		from = n - uint32(window) + 1
	}
	var set imap.SeqSet
	set.AddRange(from, n)
	msgs, err := c.Fetch(set, rowItems()).Collect()
	if err != nil {
		return serverErr("FETCH", err)
	}
	for _, m := range msgs {
		sel.seq.learn(m.SeqNum, UID(m.UID))
		sel.high = max(sel.high, UID(m.UID))
		out.Newest = append(out.Newest, toRow(m))
	}
	sortRows(out.Newest)
	return nil
}

// UIDs fetches every UID of the open folder, in sequence order, and makes
// it the service's sequence map.
func (s *Service) UIDs(ctx context.Context, mb Mailbox) (UIDList, error) {
	out := UIDList{Mailbox: mb}
	err := s.do(ctx, func() error {
		s.drainUnilateral()
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		esearch := s.has(imap.CapESearch)
		// An EXPUNGE may come after the search's answer but before its OK
		// (Dovecot does this when another client expunged just before), so
		// the answer may still list what went: search again, a few times
		// at most, then drop the expunged UIDs the old map knows.
		for try := 1; ; try++ {
			data, unseen, err := searchAllUIDs(c, esearch)
			if err != nil {
				return err
			}
			out.Unseen = unseen
			gone := s.drainUnilateral() // applied to the old map, for their events
			if len(gone) > 0 && try < 3 {
				continue
			}
			if err := checkListed(mb.Name, data); err != nil {
				return err
			}
			out.UIDs = withoutUIDs(expandUIDs(data), gone)
			break
		}
		sel.seq.set(out.UIDs) // shared: the map never writes into it
		if n := len(out.UIDs); n > 0 {
			sel.high = max(sel.high, out.UIDs[n-1])
		}
		return nil
	})
	return out, err
}

// searchUIDs asks for every UID and, pipelined with it, the unseen count.
func searchAllUIDs(c *imapclient.Client, esearch bool) (*imap.SearchData, uint32, error) {
	allCmd := c.UIDSearch(&imap.SearchCriteria{}, &imap.SearchOptions{ReturnAll: esearch})
	unseenCmd := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}},
		&imap.SearchOptions{ReturnCount: esearch})
	data, err := allCmd.Wait()
	unseen, unseenErr := unseenCmd.Wait()
	if err != nil {
		return nil, 0, serverErr("UID SEARCH ALL", err)
	}
	if unseenErr != nil {
		return nil, 0, serverErr("UID SEARCH UNSEEN", unseenErr)
	}
	if !esearch {
		return data, uint32(min(countListed(unseen), maxListed)), nil
	}
	return data, unseen.Count, nil
}

// withoutUIDs drops gone from uids (UIDs never come back, so dropping
// one the answer already lacked changes nothing).
func withoutUIDs(uids, gone []UID) []UID {
	if len(gone) == 0 {
		return uids
	}
	drop := make(map[UID]bool, len(gone))
	for _, u := range gone {
		drop[u] = true
	}
	return slices.DeleteFunc(uids, func(u UID) bool { return drop[u] })
}

// Rows fetches list rows for the given UIDs.
func (s *Service) Rows(ctx context.Context, mb Mailbox, requestID int, uids []UID) (RowList, error) {
	var rows []Row
	var err error
	if len(uids) > 0 {
		err = s.do(ctx, func() error {
			c, sel, err := s.open(mb)
			if err != nil {
				return err
			}
			rows, err = fetchRows(c, uids, rowItems(), sel.seq.learn)
			return err
		})
	}
	return RowList{Mailbox: mb, RequestID: requestID, Rows: rows}, err
}

// Details fetches sizes and attachment marks for the given UIDs, on the
// background connection (bgconn.go): the first RFC822.SIZE can cost a
// server seconds, and no key waits for it.
func (s *Service) Details(ctx context.Context, mb Mailbox, requestID int, uids []UID) (DetailList, error) {
	var rows []Row
	var err error
	if len(uids) > 0 {
		err = s.background(ctx, mb, func(c *imapclient.Client, learn func(uint32, UID)) (err error) {
			rows, err = fetchRows(c, uids, detailItems(), learn)
			return err
		})
	}
	return DetailList{Mailbox: mb, RequestID: requestID, Rows: rows}, err
}

// fetchRows runs one UID FETCH and returns its rows in UID order.
func fetchRows(c *imapclient.Client, uids []UID, items *imap.FetchOptions, learn func(uint32, UID)) ([]Row, error) {
	msgs, err := c.Fetch(uidSet(uids), items).Collect()
	if err != nil {
		return nil, serverErr("UID FETCH", err)
	}
	rows := make([]Row, 0, len(msgs))
	for _, m := range msgs {
		learn(m.SeqNum, UID(m.UID))
		rows = append(rows, toRow(m))
	}
	sortRows(rows)
	return rows, nil
}

func uidSet(uids []UID) imap.UIDSet {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	return set
}

func sortRows(rows []Row) {
	sort.Slice(rows, func(i, j int) bool { return rows[i].UID < rows[j].UID })
}

// expandUIDs lists a search answer's UIDs in order straight from its
// ranges: at 200,000 messages every intermediate copy costs 800 KB.
func expandUIDs(data *imap.SearchData) []UID {
	set, ok := data.All.(imap.UIDSet)
	if !ok {
		return nil
	}
	n := 0
	for _, r := range set {
		if r.Stop >= r.Start {
			n += int(r.Stop-r.Start) + 1
		}
	}
	out := make([]UID, 0, n)
	for _, r := range set {
		for u := r.Start; u <= r.Stop && u != 0; u++ {
			out = append(out, UID(u))
			if u == r.Stop {
				break // Stop may be the largest UID
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
