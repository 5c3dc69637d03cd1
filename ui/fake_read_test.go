package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tern/imapsvc"
)

// The reading methods of the fake backend. Flows that read messages run
// against the embedded server (read_flow_test.go); these only let the fake
// satisfy Backend and record the calls.

func (f *fakeBackend) FetchBody(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, html bool) (imapsvc.Message, error) {
	f.log(fmt.Sprintf("BODY %d html=%v", uid, html))
	return f.FetchMessage(ctx, mb, uid, false)
}

func (f *fakeBackend) FetchHeader(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) (string, error) {
	f.log(fmt.Sprintf("HEADER %d", uid))
	return fmt.Sprintf("Subject: message %d\nX-Fake: yes", uid), nil
}

func (f *fakeBackend) FetchRaw(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, offset int64, size int) (imapsvc.RawPage, error) {
	f.log(fmt.Sprintf("RAW %d %d", uid, offset))
	return imapsvc.RawPage{Mailbox: mb, UID: uid, Offset: offset, Text: "Subject: raw\n\nbody", Total: 18}, nil
}

func (f *fakeBackend) FetchInfo(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) (imapsvc.MessageInfo, error) {
	f.log(fmt.Sprintf("INFO %d", uid))
	return imapsvc.MessageInfo{Mailbox: mb, UID: uid, Flags: []string{`\Seen`}, Size: 100}, nil
}

// FetchItems answers "UID n" per message. A sequence set names the
// folder's rows by position; an item without PEEK sets \Seen, as on a
// server.
func (f *fakeBackend) FetchItems(ctx context.Context, req imapsvc.FetchRequest) (imapsvc.FetchResult, error) {
	f.log(fmt.Sprintf("ITEMS %s%s %s", req.Seq, uidsText(req.UIDs), req.Items))
	opts, err := imapsvc.ParseFetchItems(req.Items)
	if err != nil {
		return imapsvc.FetchResult{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.boxes[req.Name]
	if !ok || b.uidValidity != req.UIDValidity {
		return imapsvc.FetchResult{}, imapsvc.ErrStale
	}
	uids := req.UIDs
	if req.Seq != "" {
		n, err := strconv.Atoi(req.Seq)
		if err != nil || n < 1 || n > len(b.rows) {
			return imapsvc.FetchResult{}, fmt.Errorf("the fake takes one sequence number, not %q", req.Seq)
		}
		uids = []imapsvc.UID{b.rows[n-1].UID}
	}
	res := imapsvc.FetchResult{Mailbox: req.Mailbox, UIDs: uids, Title: "UID FETCH " + uidsText(uids) + " " + req.Items}
	lines := make([]string, len(uids))
	for i, u := range uids {
		lines[i] = fmt.Sprintf("UID %d", u)
		for j := range b.rows {
			if b.rows[j].UID == u && imapsvc.SetsSeen(opts) {
				b.rows[j].Flags.Seen = true
				res.Seen = true
				res.Updated = append(res.Updated, imapsvc.FlagUpdate{UID: u, Flags: b.rows[j].Flags})
			}
		}
	}
	res.Text = strings.Join(lines, "\n")
	return res, nil
}

func (f *fakeBackend) SavePart(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, part imapsvc.PartInfo, path string, overwrite bool, id int) (int64, error) {
	f.log(fmt.Sprintf("SAVE %d %s %s", uid, part.Section, path))
	return 0, fmt.Errorf("the fake backend saves nothing")
}
