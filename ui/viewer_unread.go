package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
)

// Next unread from the viewer looks through the list's whole view, not
// only the rows fetched so far. Fetched rows answer from their flags as
// tern knows them (kept current by IDLE and FETCH); for the rows between
// the open message and the first known unread one that are not fetched,
// tern asks the server, UID SEARCH UNSEEN UID <those UIDs>, in a Cmd, and
// opens what the answer and the flags together make the next unread.

// maxUnreadRanges bounds the UID set sent with the search: a view in
// another order than UIDs can scatter them; past this many ranges the
// search asks for every unseen message of the folder instead.
const maxUnreadRanges = 500

// lookingUnread is the notice while the search runs.
const lookingUnread = "looking for the next unread message on the server…"

// unreadSearchMsg answers the search for the next unread message after
// from in mb.
type unreadSearchMsg struct {
	id     requests.ID
	mb     imapsvc.Mailbox
	from   imapsvc.UID
	unseen []imapsvc.UID // ascending
	err    error
}

// nextUnread finds the first message after from in what the list shows
// that is unread: a fetched row by its flags, a row not fetched by
// unseen (ascending UIDs the server found unseen). With unseen nil, ask
// lists the rows not fetched that come before the first unread fetched
// one: the server must say whether one of them is unread first.
func (m listModel) nextUnread(from imapsvc.UID, unseen []imapsvc.UID) (uid imapsvc.UID, i int, ok bool, ask []imapsvc.UID) {
	d := m.disp()
	start := m.index(from)
	if start < 0 {
		start = m.cursor - 1 // from is gone: the cursor's row is the next one
	}
	hits := len(m.look.spec.Hits) > 0
	for j := start + 1; j < d.Len(); j++ {
		u := d.At(j)
		if hits && !m.look.spec.IsHit(u) {
			continue
		}
		if r, known := m.rows[u]; known {
			if !r.Flags.Seen {
				return u, j, len(ask) == 0, ask
			}
			continue
		}
		if unseen == nil {
			ask = append(ask, u)
			continue
		}
		if _, found := slices.BinarySearch(unseen, u); found {
			return u, j, true, nil
		}
	}
	return 0, 0, false, ask
}

// searchUnread asks the server which of uids are unseen.
func (m Model) searchUnread(from imapsvc.UID, uids []imapsvc.UID) (Model, tea.Cmd) {
	id, b, mb := m.reqs.StartLatest(reqReader), m.backend, m.list.mb
	keys := "UNSEEN"
	if set, ok := uidRanges(uids, maxUnreadRanges); ok {
		keys += " UID " + set
	}
	m.status = m.status.setNotice(lookingUnread, false)
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		res, err := b.Search(ctx, mb, keys)
		return unreadSearchMsg{id: id, mb: mb, from: from, unseen: res.UIDs, err: err}
	})
}

// unreadFound opens the next unread message the search found, if the
// viewer still shows the message the step started from.
func (m Model) unreadFound(msg unreadSearchMsg) (tea.Model, tea.Cmd) {
	current := m.finish(msg.id, msg.err)
	if m.status.notice == lookingUnread && m.reqs.InFlight(reqReader) == 0 {
		m.status = m.status.setNotice("", false) // answered, or no longer wanted
	}
	if !current {
		return m, nil
	}
	if open, ok := m.reader.Message(); !ok || !m.list.open || msg.mb != m.list.mb || open.Mailbox != msg.mb || open.UID != msg.from {
		return m, nil
	}
	if msg.err != nil {
		m.status = m.status.setNotice("next unread: "+errText(msg.err), true)
		return m, nil
	}
	unseen := msg.unseen
	if unseen == nil {
		unseen = []imapsvc.UID{} // asked, and none is unseen
	}
	uid, i, ok, _ := m.list.nextUnread(msg.from, unseen)
	if !ok {
		m.status = m.status.setNotice("no unread message after this one", false)
		return m, nil
	}
	return m.stepTo(uid, i)
}

// uidRanges writes uids as an IMAP UID set, "3:7,9"; ok is false when
// that takes more than limit ranges.
func uidRanges(uids []imapsvc.UID, limit int) (string, bool) {
	s := slices.Clone(uids)
	slices.Sort(s)
	s = slices.Compact(s)
	var b strings.Builder
	ranges := 0
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if ranges++; ranges > limit {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(uint64(s[i]), 10))
		if j > i {
			b.WriteByte(':')
			b.WriteString(strconv.FormatUint(uint64(s[j]), 10))
		}
		i = j + 1
	}
	return b.String(), ranges > 0
}
