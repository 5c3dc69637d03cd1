package ui

import (
	"context"
	"fmt"
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

func (f *fakeBackend) FetchItems(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, items string) (string, error) {
	f.log(fmt.Sprintf("ITEMS %s %s", uidsText(uids), items))
	lines := make([]string, len(uids))
	for i, u := range uids {
		lines[i] = fmt.Sprintf("UID %d", u)
	}
	return strings.Join(lines, "\n"), nil
}

func (f *fakeBackend) SavePart(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, part imapsvc.PartInfo, path string, overwrite bool, id int) (int64, error) {
	f.log(fmt.Sprintf("SAVE %d %s %s", uid, part.Section, path))
	return 0, fmt.Errorf("the fake backend saves nothing")
}
