package imapsvc

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Search runs UID SEARCH with IMAP search keys as typed (see ParseSearch).
// Only UIDs come back, so huge folders search without fetching envelopes.
func (s *Service) Search(ctx context.Context, mb Mailbox, keys string) (SearchResult, error) {
	out := SearchResult{Mailbox: mb, Keys: keys}
	crit, err := parseSearch(keys)
	if err != nil {
		return out, err
	}
	err = s.do(ctx, func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		data, err := c.UIDSearch(crit, &imap.SearchOptions{ReturnAll: s.has(imap.CapESearch)}).Wait()
		if err != nil {
			return serverErr("UID SEARCH", err)
		}
		out.UIDs, err = listedUIDs(mb.Name, data)
		return err
	})
	return out, err
}

var sortKeys = map[SortKey]imapclient.SortKey{
	SortArrival: imapclient.SortKeyArrival, SortDate: imapclient.SortKeyDate, SortFrom: imapclient.SortKeyFrom,
	SortSubject: imapclient.SortKeySubject, SortSize: imapclient.SortKeySize,
}

// Sort orders the whole folder with UID SORT where SORT is advertised.
// Elsewhere only arrival order is cheap (it is UID order), so that is what
// comes back for every key, with a Note saying so.
func (s *Service) Sort(ctx context.Context, mb Mailbox, key SortKey, reverse bool) (SortResult, error) {
	out := SortResult{Mailbox: mb, Key: key, Reverse: reverse}
	ik, ok := sortKeys[key]
	if !ok {
		return out, fmt.Errorf("unknown sort key %q (arrival, date, from, subject, size)", key)
	}
	err := s.do(ctx, func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		if s.has(imap.CapSort) {
			nums, err := c.UIDSort(&imapclient.SortOptions{SearchCriteria: &imap.SearchCriteria{},
				SortCriteria: []imapclient.SortCriterion{{Key: ik, Reverse: reverse}}}).Wait()
			if err != nil {
				return serverErr("UID SORT", err)
			}
			for _, n := range nums {
				out.UIDs = append(out.UIDs, UID(n))
			}
			return nil
		}
		data, err := c.UIDSearch(&imap.SearchCriteria{}, &imap.SearchOptions{ReturnAll: s.has(imap.CapESearch)}).Wait()
		if err != nil {
			return serverErr("UID SEARCH ALL", err)
		}
		if out.UIDs, err = listedUIDs(mb.Name, data); err != nil {
			return err
		}
		if reverse {
			slices.Reverse(out.UIDs)
		}
		out.Unsupported = true
		if key != SortArrival {
			out.Note = fmt.Sprintf("the server cannot SORT: showing arrival order, not %s", key)
		}
		return nil
	})
	return out, err
}

// Thread groups the folder with UID THREAD REFERENCES where advertised;
// elsewhere it threads the given window itself, by Message-ID and
// In-Reply-To from the envelopes.
func (s *Service) Thread(ctx context.Context, mb Mailbox, window []UID) (ThreadResult, error) {
	out := ThreadResult{Mailbox: mb}
	err := s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		if s.has(imap.Cap("THREAD=REFERENCES")) {
			data, err := c.UIDThread(&imapclient.ThreadOptions{Algorithm: imap.ThreadReferences,
				SearchCriteria: &imap.SearchCriteria{}}).Wait()
			if err != nil {
				return serverErr("UID THREAD", err)
			}
			out.Server = true
			for _, d := range data {
				out.Threads = append(out.Threads, threadNodes(d)...)
			}
			return nil
		}
		if len(window) == 0 {
			return nil
		}
		msgs, err := c.Fetch(uidSet(window), &imap.FetchOptions{UID: true, Envelope: true}).Collect()
		if err != nil {
			return serverErr("UID FETCH", err)
		}
		var in []threadMsg
		for _, m := range msgs {
			sel.seq.learn(m.SeqNum, UID(m.UID))
			t := threadMsg{uid: UID(m.UID)}
			if m.Envelope != nil {
				t.id = m.Envelope.MessageID
				if len(m.Envelope.InReplyTo) > 0 {
					t.parent = m.Envelope.InReplyTo[0]
				}
			}
			in = append(in, t)
		}
		out.Threads = threadByReplies(in)
		return nil
	})
	return out, err
}

// threadNodes turns a THREAD response into nodes: a chain (1 2 3) is a
// parent with one child each; sub-threads hang from the chain's last link.
func threadNodes(d imapclient.ThreadData) []ThreadNode {
	var kids []ThreadNode
	for _, sub := range d.SubThreads {
		kids = append(kids, threadNodes(sub)...)
	}
	for i := len(d.Chain) - 1; i >= 0; i-- {
		kids = []ThreadNode{{UID: UID(d.Chain[i]), Children: kids}}
	}
	return kids
}

type threadMsg struct {
	uid        UID
	id, parent string
}

// threadByReplies links each message to the one its In-Reply-To names,
// when that one is in the set; the rest are roots, in UID order.
func threadByReplies(in []threadMsg) []ThreadNode {
	slices.SortFunc(in, func(a, b threadMsg) int { return int(a.uid) - int(b.uid) })
	byID := map[string]UID{}
	for _, m := range in {
		if m.id != "" {
			byID[strings.ToLower(m.id)] = m.uid
		}
	}
	children := map[UID][]UID{}
	var roots []UID
	for _, m := range in {
		p, ok := byID[strings.ToLower(m.parent)]
		if m.parent == "" || !ok || p == m.uid {
			roots = append(roots, m.uid)
			continue
		}
		children[p] = append(children[p], m.uid)
	}
	seen := map[UID]bool{}
	var build func(u UID) ThreadNode
	build = func(u UID) ThreadNode {
		seen[u] = true
		n := ThreadNode{UID: u}
		for _, c := range children[u] {
			if !seen[c] { // a reply loop must not recurse forever
				n.Children = append(n.Children, build(c))
			}
		}
		return n
	}
	out := make([]ThreadNode, 0, len(roots))
	for _, r := range roots {
		out = append(out, build(r))
	}
	for _, m := range in { // members of a reply loop have no root: show them anyway
		if !seen[m.uid] {
			out = append(out, build(m.uid))
		}
	}
	return out
}
