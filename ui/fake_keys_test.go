package ui

import (
	"context"
	"fmt"
	"slices"

	"tern/imapsvc"
)

// fakeMessageID names the fake's messages; UID 4n replies to UID 4n-2,
// as the fake's Thread has it for its first rows.
func fakeMessageID(u imapsvc.UID) string { return fmt.Sprintf("m%d@fake", u) }

// SortKeys answers from the rows: Date and arrival are the row's date,
// From and Subject its own.
func (f *fakeBackend) SortKeys(ctx context.Context, mb imapsvc.Mailbox, id int, uids []imapsvc.UID, fields imapsvc.KeyFields) (imapsvc.KeyList, error) {
	f.log(fmt.Sprintf("SORTKEYS %d fields=%d", len(uids), fields))
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.KeyList{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := imapsvc.KeyList{Mailbox: mb, RequestID: id}
	for _, r := range b.rows {
		if _, ok := slices.BinarySearch(uids, r.UID); !ok {
			continue
		}
		// All fields, as if asked for: the list must use only what it asked.
		k := imapsvc.MessageKeys{UID: r.UID, Arrived: r.Date, Date: r.Date, From: r.From, Subject: r.Subject,
			Size: r.Size, MessageID: fakeMessageID(r.UID), Known: fields}
		if r.UID%4 == 0 { // stable as headers are, whatever is expunged
			k.InReplyTo = fakeMessageID(r.UID - 2)
			k.References = []string{k.InReplyTo}
		}
		out.Keys = append(out.Keys, k)
	}
	return out, nil
}
