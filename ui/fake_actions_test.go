package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tern/imapsvc"
)

// The fake backend's side of acting on messages: enough to drive the UI
// flows (the real commands are tested against servers in imapsvc).

// boxLocked returns the live folder; f.mu must be held.
func (f *fakeBackend) boxLocked(mb imapsvc.Mailbox) (*fakeBox, error) {
	b, ok := f.boxes[mb.Name]
	if !ok || b.uidValidity != mb.UIDValidity {
		return nil, imapsvc.ErrStale
	}
	return b, nil
}

func (f *fakeBackend) Store(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, op imapsvc.StoreOp, flags []string) (imapsvc.StoreResult, error) {
	f.log(fmt.Sprintf("STORE %s %s %s", uidsText(uids), op, strings.Join(flags, " ")))
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.boxLocked(mb)
	if err != nil {
		return imapsvc.StoreResult{}, err
	}
	out := imapsvc.StoreResult{Mailbox: mb}
	for i := range b.rows {
		r := &b.rows[i]
		if !slices.Contains(uids, r.UID) {
			continue
		}
		if op == imapsvc.StoreReplace {
			r.Flags = imapsvc.Flags{}
		}
		for _, fl := range flags {
			setFakeFlag(&r.Flags, fl, op != imapsvc.StoreRemove)
		}
		out.Updated = append(out.Updated, imapsvc.FlagUpdate{UID: r.UID, Flags: r.Flags})
	}
	return out, nil
}

func setFakeFlag(f *imapsvc.Flags, flag string, on bool) {
	switch strings.ToLower(flag) {
	case `\seen`:
		f.Seen = on
	case `\flagged`:
		f.Flagged = on
	case `\deleted`:
		f.Deleted = on
	case `\answered`:
		f.Answered = on
	case `\draft`:
		f.Draft = on
	default:
		f.Keywords = slices.DeleteFunc(f.Keywords, func(k string) bool { return strings.EqualFold(k, flag) })
		if on {
			f.Keywords = append(f.Keywords, flag)
		}
	}
}

func (f *fakeBackend) ExpungePlan(ctx context.Context, mb imapsvc.Mailbox) (imapsvc.ExpungePlan, error) {
	f.log("SEARCH DELETED")
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.boxLocked(mb)
	if err != nil {
		return imapsvc.ExpungePlan{}, err
	}
	out := imapsvc.ExpungePlan{Mailbox: mb, UIDPlus: slices.Contains(f.caps, "UIDPLUS")}
	for _, r := range b.rows {
		if r.Flags.Deleted {
			out.Deleted = append(out.Deleted, r.UID)
		}
	}
	return out, nil
}

func (f *fakeBackend) Expunge(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, whole bool) (imapsvc.ExpungeResult, error) {
	f.log(fmt.Sprintf("EXPUNGE %s whole=%v", uidsText(uids), whole))
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.boxLocked(mb)
	if err != nil {
		return imapsvc.ExpungeResult{}, err
	}
	out := imapsvc.ExpungeResult{Mailbox: mb}
	if err := f.recheckLocked(b, mb, uids, whole); err != nil {
		return out, err
	}
	b.rows = slices.DeleteFunc(b.rows, func(r imapsvc.Row) bool {
		gone := r.Flags.Deleted && (whole || slices.Contains(uids, r.UID))
		if gone {
			out.Expunged = append(out.Expunged, r.UID)
		}
		return gone
	})
	return out, nil
}

func (f *fakeBackend) CloseFolder(ctx context.Context, mb imapsvc.Mailbox, deleted []imapsvc.UID) error {
	_, err := f.Expunge(ctx, mb, deleted, true)
	if err == nil {
		f.log("CLOSE")
	}
	return err
}

// recheckLocked refuses an expunge whose \Deleted set changed, as the
// service does right before EXPUNGE.
func (f *fakeBackend) recheckLocked(b *fakeBox, mb imapsvc.Mailbox, uids []imapsvc.UID, whole bool) error {
	now := imapsvc.ExpungePlan{Mailbox: mb, UIDPlus: slices.Contains(f.caps, "UIDPLUS")}
	for _, r := range b.rows {
		if r.Flags.Deleted {
			now.Deleted = append(now.Deleted, r.UID)
		}
	}
	slices.Sort(now.Deleted)
	want := slices.Sorted(slices.Values(uids))
	if whole && !slices.Equal(now.Deleted, want) {
		return &imapsvc.PlanChangedError{Plan: now}
	}
	for _, u := range want {
		if !whole && !slices.Contains(now.Deleted, u) {
			return &imapsvc.PlanChangedError{Plan: now}
		}
	}
	return nil
}

func (f *fakeBackend) Unselect(ctx context.Context, mb imapsvc.Mailbox) error {
	f.log("UNSELECT")
	return nil
}

func (f *fakeBackend) transfer(mb imapsvc.Mailbox, uids []imapsvc.UID, dest imapsvc.FolderName, move bool) (imapsvc.Transfer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, err := f.boxLocked(mb)
	if err != nil {
		return imapsvc.Transfer{}, err
	}
	d, ok := f.boxes[dest]
	if !ok {
		return imapsvc.Transfer{}, &imapsvc.TryCreateError{Folder: dest.String(), Text: "Mailbox doesn't exist"}
	}
	out := imapsvc.Transfer{Source: mb, Dest: dest, UIDs: uids, Move: move, DestUIDValidity: d.uidValidity}
	next := imapsvc.UID(1000)
	if n := len(d.rows); n > 0 {
		next = d.rows[n-1].UID + 1
	}
	for _, r := range b.rows {
		if slices.Contains(uids, r.UID) {
			out.SourceUIDs = append(out.SourceUIDs, r.UID)
			out.DestUIDs = append(out.DestUIDs, next)
			r.UID, next = next, next+1
			d.rows = append(d.rows, r)
		}
	}
	if move {
		b.rows = slices.DeleteFunc(b.rows, func(r imapsvc.Row) bool { return slices.Contains(uids, r.UID) })
	}
	return out, nil
}

func (f *fakeBackend) Copy(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, dest imapsvc.FolderName) (imapsvc.Transfer, error) {
	f.log(fmt.Sprintf("COPY %s %s", uidsText(uids), dest))
	return f.transfer(mb, uids, dest, false)
}

func (f *fakeBackend) Move(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, dest imapsvc.FolderName) (imapsvc.Transfer, error) {
	f.log(fmt.Sprintf("MOVE %s %s", uidsText(uids), dest))
	return f.transfer(mb, uids, dest, true)
}

func (f *fakeBackend) Create(ctx context.Context, name imapsvc.FolderName) error {
	f.log("CREATE " + string(name))
	f.mu.Lock()
	defer f.mu.Unlock()
	f.boxes[name] = makeBox(uint32(20+len(f.boxes)), 0)
	f.folders = append(f.folders, imapsvc.Folder{Name: name, Display: name.String(), Delim: "/"})
	return nil
}

func (f *fakeBackend) Undo(ctx context.Context, t imapsvc.Transfer) error {
	f.log(fmt.Sprintf("UNDO %s -> %s", uidsText(t.DestUIDs), t.Source.Name))
	if len(t.DestUIDs) == 0 {
		return imapsvc.ErrNoCopyUID
	}
	f.mu.Lock()
	validity := f.boxes[t.Dest].uidValidity
	f.mu.Unlock()
	back, err := f.transfer(imapsvc.Mailbox{Name: t.Dest, UIDValidity: validity}, t.DestUIDs, t.Source.Name, true)
	_ = back
	return err
}

// Resolve is faked by the tests that need it (held_test.go).
func (f *fakeBackend) Resolve(ctx context.Context, h imapsvc.Held) (imapsvc.Held, error) {
	return h, errors.New("Resolve is not faked here")
}

// Search matches the last word of the keys against subjects.
func (f *fakeBackend) Search(ctx context.Context, mb imapsvc.Mailbox, keys string) (imapsvc.SearchResult, error) {
	f.log("SEARCH " + keys)
	if err := imapsvc.ParseSearch(keys); err != nil {
		return imapsvc.SearchResult{}, err
	}
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.SearchResult{}, err
	}
	words := strings.Fields(strings.Trim(keys, `"`))
	want := strings.Trim(words[len(words)-1], `"`)
	out := imapsvc.SearchResult{Mailbox: mb, Keys: keys}
	for _, r := range b.rows {
		if strings.Contains(strings.ToLower(r.Subject), strings.ToLower(want)) {
			out.UIDs = append(out.UIDs, r.UID)
		}
	}
	return out, nil
}

// Sort orders by subject text (the fake's rows differ only there).
func (f *fakeBackend) Sort(ctx context.Context, mb imapsvc.Mailbox, key imapsvc.SortKey, reverse bool) (imapsvc.SortResult, error) {
	f.log(fmt.Sprintf("SORT %s reverse=%v", key, reverse))
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.SortResult{}, err
	}
	rows := slices.Clone(b.rows)
	out := imapsvc.SortResult{Mailbox: mb, Key: key, Reverse: reverse, Unsupported: f.noSortThread}
	if !f.noSortThread {
		slices.SortStableFunc(rows, func(a, c imapsvc.Row) int { return strings.Compare(a.Subject, c.Subject) })
	}
	for _, r := range rows {
		out.UIDs = append(out.UIDs, r.UID)
	}
	if reverse {
		slices.Reverse(out.UIDs)
	}
	return out, nil
}

// Thread puts UID 4n under UID 4n-2 where both are there (the first rows
// pair up: every second message under the one before it).
func (f *fakeBackend) Thread(ctx context.Context, mb imapsvc.Mailbox, window []imapsvc.UID) (imapsvc.ThreadResult, error) {
	f.log("THREAD")
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.ThreadResult{}, err
	}
	out := imapsvc.ThreadResult{Mailbox: mb, Server: !f.noSortThread}
	if f.noSortThread {
		return out, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range b.rows {
		if r.UID%4 == 0 && i > 0 && b.rows[i-1].UID == r.UID-2 {
			last := &out.Threads[len(out.Threads)-1]
			last.Children = append(last.Children, imapsvc.ThreadNode{UID: r.UID})
			continue
		}
		out.Threads = append(out.Threads, imapsvc.ThreadNode{UID: r.UID})
	}
	return out, nil
}
