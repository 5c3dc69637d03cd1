package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tern/imapsvc"
)

func init() {
	// Tests render without colours so views and goldens are stable.
	lipgloss.SetColorProfile(termenv.Ascii)
}

// testNow is the fixed clock of the tests.
var testNow = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

// fakeBox is one folder of the fake backend.
type fakeBox struct {
	uidValidity uint32
	rows        []imapsvc.Row // ascending UID
	texts       map[imapsvc.UID]string
}

// fakeBackend implements imapsvc.Backend in memory, for UI edge cases.
type fakeBackend struct {
	mu           sync.Mutex
	events       chan imapsvc.Event
	folders      []imapsvc.Folder
	pending      bool // CountsPending
	counts       map[imapsvc.FolderName]imapsvc.Counts
	boxes        map[imapsvc.FolderName]*fakeBox
	caps         []string
	insecure     bool
	noSortThread bool     // Sort and Thread answer as a server without SORT and THREAD
	perm         []string // PERMANENTFLAGS every SELECT answers

	connectErr  error
	connectGate chan struct{} // Connect waits for it (or ctx) when set
	selectErr   map[imapsvc.FolderName]error
	rowsGate    chan struct{} // Rows waits for it when set
	rowsErr     error
	passwords   []string
	calls       []string

	// Issue 11: Subscribed lists every folder but these; MyRights answers
	// rights when set (else there is no ACL).
	unsubscribed map[imapsvc.FolderName]bool
	subsErr      error
	rights       string
}

func newFake(nMessages int) *fakeBackend {
	f := &fakeBackend{
		events: make(chan imapsvc.Event, 16),
		folders: []imapsvc.Folder{
			{Name: "INBOX", Display: "INBOX", Delim: "/", Counts: &imapsvc.Counts{Messages: uint32(nMessages), Unseen: 1}},
			{Name: "Archive/2024", Display: "Archive/2024", Delim: "/"},
			{Name: "Drafts", Display: "Drafts", Delim: "/", SpecialUse: "Drafts"},
			{Name: "Sent", Display: "Sent", Delim: "/", SpecialUse: "Sent"},
			{Name: "Shared", Display: "Shared", Delim: "/", NoSelect: true},
			{Name: "Shared/team", Display: "Shared/team", Delim: "/"},
			{Name: "Trash", Display: "Trash", Delim: "/", SpecialUse: "Trash"},
		},
		boxes:     map[imapsvc.FolderName]*fakeBox{},
		caps:      []string{"IDLE", "IMAP4rev1", "MOVE", "UIDPLUS"},
		selectErr: map[imapsvc.FolderName]error{},
	}
	f.boxes["INBOX"] = makeBox(7, nMessages)
	f.boxes["Sent"] = makeBox(9, 3)
	f.boxes["Archive/2024"] = makeBox(11, 0)
	return f
}

func makeBox(validity uint32, n int) *fakeBox {
	b := &fakeBox{uidValidity: validity, texts: map[imapsvc.UID]string{}}
	for i := 1; i <= n; i++ {
		uid := imapsvc.UID(i * 2) // gaps, as after expunges
		b.rows = append(b.rows, imapsvc.Row{
			UID:     uid,
			Flags:   imapsvc.Flags{Seen: i != n, Flagged: i%5 == 0, Answered: i%7 == 0},
			Date:    testNow.Add(-time.Duration(n-i) * 7 * time.Hour),
			From:    fmt.Sprintf("Sender %d", i),
			Subject: fmt.Sprintf("Message number %d", i),
		})
		b.texts[uid] = fmt.Sprintf("Body of message %d.\n\n> quoted line\nlast line", i)
	}
	return b
}

func (f *fakeBackend) log(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeBackend) callLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// box returns a snapshot of a folder, taken under the lock, so tests may
// change folders while the program runs.
func (f *fakeBackend) box(mb imapsvc.Mailbox) (*fakeBox, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.boxes[mb.Name]
	if !ok || b.uidValidity != mb.UIDValidity {
		return nil, imapsvc.ErrStale
	}
	snap := *b
	return &snap, nil
}

func (f *fakeBackend) Connect(ctx context.Context, password string) (imapsvc.Session, error) {
	f.log("CONNECT")
	f.mu.Lock()
	f.passwords = append(f.passwords, password)
	gate, err := f.connectGate, f.connectErr
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return imapsvc.Session{}, ctx.Err()
		}
	}
	if err != nil {
		return imapsvc.Session{}, err
	}
	return imapsvc.Session{Caps: f.caps, Insecure: f.insecure}, nil
}

func (f *fakeBackend) Events() <-chan imapsvc.Event { return f.events }

func (f *fakeBackend) ListFolders(ctx context.Context) (imapsvc.FolderList, error) {
	f.log("LIST")
	return imapsvc.FolderList{Folders: f.folders, CountsPending: f.pending}, nil
}

func (f *fakeBackend) Counts(ctx context.Context, names []imapsvc.FolderName) (imapsvc.FolderCounts, error) {
	f.log("STATUS " + joinNames(names, ","))
	out := imapsvc.FolderCounts{Counts: map[imapsvc.FolderName]imapsvc.Counts{}}
	for _, n := range names {
		if c, ok := f.counts[n]; ok {
			out.Counts[n] = c
		}
	}
	return out, nil
}

func (f *fakeBackend) Select(ctx context.Context, name imapsvc.FolderName, readOnly bool, window int) (imapsvc.Selection, error) {
	f.log(fmt.Sprintf("SELECT %s ro=%v", name, readOnly))
	f.mu.Lock()
	b, ok := f.boxes[name]
	var snap fakeBox
	if ok {
		snap = *b
	}
	err := f.selectErr[name]
	f.mu.Unlock()
	b = &snap
	if err != nil {
		return imapsvc.Selection{}, err
	}
	if !ok {
		return imapsvc.Selection{}, &imapsvc.ServerError{Op: "SELECT", Text: "Mailbox doesn't exist: " + name.String()}
	}
	newest := b.rows[max(0, len(b.rows)-window):]
	return imapsvc.Selection{
		Mailbox:  imapsvc.Mailbox{Name: name, UIDValidity: b.uidValidity},
		ReadOnly: readOnly, Exists: uint32(len(b.rows)), Recent: 1,
		Newest: append([]imapsvc.Row(nil), newest...), PermanentFlags: f.perm,
	}, nil
}

func (f *fakeBackend) UIDs(ctx context.Context, mb imapsvc.Mailbox) (imapsvc.UIDList, error) {
	f.log("UIDS " + string(mb.Name))
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.UIDList{}, err
	}
	out := imapsvc.UIDList{Mailbox: mb}
	for _, r := range b.rows {
		out.UIDs = append(out.UIDs, r.UID)
		if !r.Flags.Seen {
			out.Unseen++
		}
	}
	return out, nil
}

func (f *fakeBackend) find(b *fakeBox, uid imapsvc.UID) (imapsvc.Row, bool) {
	i := sort.Search(len(b.rows), func(i int) bool { return b.rows[i].UID >= uid })
	if i < len(b.rows) && b.rows[i].UID == uid {
		return b.rows[i], true
	}
	return imapsvc.Row{}, false
}

func (f *fakeBackend) Rows(ctx context.Context, mb imapsvc.Mailbox, id int, uids []imapsvc.UID) (imapsvc.RowList, error) {
	f.log(fmt.Sprintf("ROWS %d", len(uids)))
	f.mu.Lock()
	gate, rerr := f.rowsGate, f.rowsErr
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if rerr != nil {
		return imapsvc.RowList{}, rerr
	}
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.RowList{}, err
	}
	out := imapsvc.RowList{Mailbox: mb, RequestID: id}
	for _, u := range uids {
		if r, ok := f.find(b, u); ok {
			out.Rows = append(out.Rows, r)
		}
	}
	return out, nil
}

func (f *fakeBackend) Details(ctx context.Context, mb imapsvc.Mailbox, id int, uids []imapsvc.UID) (imapsvc.DetailList, error) {
	f.log(fmt.Sprintf("DETAILS %d", len(uids)))
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.DetailList{}, err
	}
	out := imapsvc.DetailList{Mailbox: mb, RequestID: id}
	for _, u := range uids {
		if _, ok := f.find(b, u); ok {
			out.Rows = append(out.Rows, imapsvc.Row{UID: u, Size: int64(u) * 700, Attachment: u%3 == 0, HasDetails: true})
		}
	}
	return out, nil
}

func (f *fakeBackend) FetchMessage(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, markSeen bool) (imapsvc.Message, error) {
	f.log(fmt.Sprintf("FETCH %d seen=%v", uid, markSeen))
	b, err := f.box(mb)
	if err != nil {
		return imapsvc.Message{}, err
	}
	r, ok := f.find(b, uid)
	if !ok {
		return imapsvc.Message{}, &imapsvc.ServerError{Op: "FETCH", Text: "no such message"}
	}
	fl := r.Flags
	fl.Seen = fl.Seen || markSeen
	return imapsvc.Message{
		Mailbox: mb, UID: uid, From: r.From + " <sender@example.org>", To: "me@example.org",
		Date: r.Date, Subject: r.Subject, Text: b.texts[uid], Flags: fl,
		Parts: []imapsvc.PartInfo{{Section: "1", Type: "text/plain", Size: 120}},
	}, nil
}

func (f *fakeBackend) Capability(ctx context.Context) ([]string, error) {
	f.log("CAPABILITY")
	return f.caps, nil
}

func (f *fakeBackend) Logout(ctx context.Context) error {
	f.log("LOGOUT")
	return nil
}

// joinNames joins folder names in their wire form, for call logs.
func joinNames(names []imapsvc.FolderName, sep string) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return strings.Join(s, sep)
}
