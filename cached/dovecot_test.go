package cached

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/cache"
	"tern/imapsvc"
	"tern/internal/dovetest"
)

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func message(i int) []byte {
	return []byte(fmt.Sprintf("From: Bob <bob@example.com>\r\nTo: alice@example.com\r\n"+
		"Subject: message %d\r\nDate: Sun, 01 Nov 2026 10:00:00 +0000\r\n\r\nbody %d\r\n", i, i))
}

// session is one run of tern on the cache file: a service, the store and
// the backend in front of both.
type session struct {
	svc    *imapsvc.Service
	b      *Backend
	events chan imapsvc.Event // what the UI would read; dropped when full
}

func startSession(t testing.TB, srv *dovetest.Server, path string) (*session, string) {
	return startAt(t, srv.Addr, path, nil)
}

// startAt is startSession at addr (a proxy), tracing the protocol to trace.
func startAt(t testing.TB, addr, path string, trace io.Writer) (*session, string) {
	t.Helper()
	host, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)
	svc := imapsvc.New(imapsvc.Account{Host: host, Port: port, Security: imapsvc.SecurityPlain, Username: "alice"}, imapsvc.Options{Trace: trace})
	store, notice, err := cache.Open(path, cache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := New(svc, store, nil)
	b.settled = make(chan imapsvc.Mailbox, 16)
	s := &session{svc: svc, b: b, events: make(chan imapsvc.Event, 1024)}
	t.Cleanup(s.close)
	go func() { // the UI reads the events
		for {
			select {
			case ev := <-b.Events():
				select {
				case s.events <- ev:
				default:
				}
			case <-b.done:
				return
			}
		}
	}()
	return s, notice
}

func (s *session) close() { s.svc.Close(); s.b.Close() }

// open connects, selects folder and takes the UID list, as the UI does,
// and waits until the cache of the folder is confirmed.
func (s *session) open(t testing.TB, folder string) (imapsvc.Selection, []imapsvc.UID) {
	t.Helper()
	if _, err := s.b.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	sel, err := s.b.Select(testCtx(t), imapsvc.FolderName(folder), false, 20)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.b.UIDs(testCtx(t), sel.Mailbox)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case mb := <-s.b.settled:
		if mb != sel.Mailbox {
			t.Fatalf("settled %v, want %v", mb, sel.Mailbox)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the folder's cache was never confirmed")
	}
	return sel, l.UIDs
}

// rows asks for every row, 200 at a time, as scrolling would.
func (s *session) rows(t testing.TB, mb imapsvc.Mailbox, uids []imapsvc.UID) []imapsvc.Row {
	t.Helper()
	var out []imapsvc.Row
	for i := 0; i < len(uids); i += 200 {
		l, err := s.b.Rows(testCtx(t), mb, 1, uids[i:min(i+200, len(uids))])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.Rows...)
	}
	return out
}

// flush waits until the cache writes queued so far are on disk.
func (s *session) flush() {
	done := make(chan struct{})
	s.b.write(func() error { close(done); return nil })
	<-done
}

// truth is the server's UIDs and flagged set, read by another client.
func truth(t testing.TB, c *imapclient.Client) (uids []imapsvc.UID, flagged map[imapsvc.UID]bool, seen map[imapsvc.UID]bool) {
	t.Helper()
	var all imap.UIDSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	flagged, seen = map[imapsvc.UID]bool{}, map[imapsvc.UID]bool{}
	for _, m := range msgs {
		u := imapsvc.UID(m.UID)
		uids = append(uids, u)
		flagged[u] = slices.Contains(m.Flags, imap.FlagFlagged)
		seen[u] = slices.Contains(m.Flags, imap.FlagSeen)
	}
	slices.Sort(uids)
	return uids, flagged, seen
}

// seeded starts a Dovecot with n messages in alice's INBOX and a first
// session on a fresh cache file, with INBOX open.
func seeded(t testing.TB, n int) (*dovetest.Server, string, *session, imapsvc.Selection, []imapsvc.UID) {
	t.Helper()
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", n, message)
	path := cachePath(t)
	s1, _ := startSession(t, srv, path)
	sel, uids := s1.open(t, "INBOX")
	return srv, path, s1, sel, uids
}

func cachePath(t testing.TB) string { return filepath.Join(t.TempDir(), "tern", "alice.db") }

// TestDovecotResyncAfterChangesWhileClosed: another client flags, reads
// and expunges while tern is closed. At the next start the cache shows
// the old rows at once (warm), and after the resync (CHANGEDSINCE and the
// UID list) the rows served from the cache equal the server's state.
func TestDovecotResyncAfterChangesWhileClosed(t *testing.T) {
	srv, path, s1, sel, uids := seeded(t, 1500)
	if got := s1.rows(t, sel.Mailbox, uids); len(got) != 1500 {
		t.Fatalf("first run: %d rows", len(got))
	}
	s1.flush()
	s1.close()

	other := srv.Selected(t, "alice", "INBOX")
	var flag, read, drop imap.UIDSet
	for u := imap.UID(1); u <= 1500; u++ {
		switch {
		case u%3 == 0:
			flag.AddNum(u)
		case u%7 == 0:
			read.AddNum(u)
		case u%5 == 0:
			drop.AddNum(u)
		}
	}
	for _, step := range []struct {
		set  imap.UIDSet
		flag imap.Flag
	}{{flag, imap.FlagFlagged}, {read, imap.FlagSeen}, {drop, imap.FlagDeleted}} {
		if err := other.Store(step.set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
			Flags: []imap.Flag{step.flag}}, nil).Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	wantUIDs, flagged, seen := truth(t, other)

	s2, notice := startSession(t, srv, path)
	if notice != "" {
		t.Fatalf("notice on a good cache: %s", notice)
	}
	w, ok, err := s2.b.Warm(testCtx(t), "", 50)
	if err != nil || !ok {
		t.Fatalf("warm: ok=%v err=%v", ok, err)
	}
	if len(w.UIDs) != 1500 || len(w.Newest) != 50 || w.Name != "INBOX" {
		t.Fatalf("warm: %d UIDs, %d rows of %s; want the 1500 of the last run", len(w.UIDs), len(w.Newest), w.Name)
	}
	sel2, uids2 := s2.open(t, "INBOX")
	if sel2.Mailbox != sel.Mailbox {
		t.Fatalf("mailbox %v, was %v", sel2.Mailbox, sel.Mailbox)
	}
	if !sel2.FlagsCurrent || len(sel2.Changed) == 0 {
		t.Fatalf("no CHANGEDSINCE resync: FlagsCurrent=%v, %d changed", sel2.FlagsCurrent, len(sel2.Changed))
	}
	if !slices.Equal(uids2, wantUIDs) {
		t.Fatalf("UID list: %d, server %d", len(uids2), len(wantUIDs))
	}
	s2.flush()
	if !s2.b.confirmed(sel2.Mailbox) {
		t.Fatal("cache not confirmed after the resync")
	}
	cached, err := s2.b.store.Rows(sel2.Mailbox, wantUIDs)
	if err != nil || len(cached) != len(wantUIDs) {
		t.Fatalf("cache holds %d of %d rows (%v)", len(cached), len(wantUIDs), err)
	}
	for _, r := range cached {
		if r.Flags.Flagged != flagged[r.UID] || r.Flags.Seen != seen[r.UID] {
			t.Fatalf("UID %d: cached flagged=%v seen=%v, server %v %v", r.UID, r.Flags.Flagged, r.Flags.Seen, flagged[r.UID], seen[r.UID])
		}
	}
	if gone, _ := s2.b.store.Rows(sel2.Mailbox, []imapsvc.UID{5, 10}); len(gone) != 0 {
		t.Fatalf("expunged rows still cached: %+v", gone)
	}
	got := s2.rows(t, sel2.Mailbox, uids2)
	if len(got) != len(wantUIDs) {
		t.Fatalf("Rows answered %d of %d", len(got), len(wantUIDs))
	}
	for _, r := range got {
		if r.Flags.Flagged != flagged[r.UID] || r.Subject != fmt.Sprintf("message %d", r.UID-1) {
			t.Fatalf("row %+v differs from the server", r)
		}
	}
}

// TestDovecotUIDValidityChange: the folder is deleted and made again by
// another client while tern is closed; the cache of the old UIDVALIDITY
// is dropped and never shown as the new folder's rows.
func TestDovecotUIDValidityChange(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	c := srv.Selected(t, "alice", "INBOX")
	if err := c.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		srv.Append(t, "alice", "Work", message(i))
	}
	path := cachePath(t)
	s1, _ := startSession(t, srv, path)
	sel, uids := s1.open(t, "Work")
	s1.rows(t, sel.Mailbox, uids)
	s1.flush()
	s1.close()

	if err := c.Delete("Work").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := 101; i <= 103; i++ {
		srv.Append(t, "alice", "Work", message(i))
	}

	s2, _ := startSession(t, srv, path)
	sel2, uids2 := s2.open(t, "Work")
	if sel2.UIDValidity == sel.UIDValidity {
		t.Skip("the server kept the UIDVALIDITY; nothing to test")
	}
	if old, _ := s2.b.store.Rows(sel.Mailbox, uids); len(old) != 0 {
		t.Fatalf("rows of the old UIDVALIDITY kept: %d", len(old))
	}
	got := s2.rows(t, sel2.Mailbox, uids2)
	if len(got) != 3 {
		t.Fatalf("%d rows, want 3", len(got))
	}
	for i, r := range got {
		if want := fmt.Sprintf("message %d", 101+i); r.Subject != want {
			t.Fatalf("row %d: %q, want %q", i, r.Subject, want)
		}
	}
}

// TestDovecotOfflineStart: with the server stopped, the cache answers
// the folder list, the rows and the text of a message read before; a
// message never read is an error, not a guess.
func TestDovecotOfflineStart(t *testing.T) {
	srv, path, s1, sel, uids := seeded(t, 30)
	if _, err := s1.b.ListFolders(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	s1.rows(t, sel.Mailbox, uids)
	if _, err := s1.b.FetchMessage(testCtx(t), sel.Mailbox, uids[3], false); err != nil {
		t.Fatal(err)
	}
	s1.flush()
	s1.close()
	srv.Stop()

	s2, _ := startSession(t, srv, path)
	if _, err := s2.b.Connect(testCtx(t), "secret"); err == nil {
		t.Fatal("connected to a stopped server")
	}
	fl, ok, err := s2.b.CachedFolders(testCtx(t))
	if err != nil || !ok || !slices.ContainsFunc(fl.Folders, func(f imapsvc.Folder) bool { return f.Name == "INBOX" }) {
		t.Fatalf("cached folders: %+v %v %v", fl, ok, err)
	}
	w, ok, err := s2.b.Warm(testCtx(t), "", 10)
	if err != nil || !ok || len(w.UIDs) != 30 {
		t.Fatalf("warm offline: ok=%v err=%v", ok, err)
	}
	l, err := s2.b.Rows(testCtx(t), w.Mailbox, 1, w.UIDs[:20])
	if err != nil || len(l.Rows) != 20 {
		t.Fatalf("rows offline: %d, %v", len(l.Rows), err)
	}
	m, err := s2.b.FetchMessage(testCtx(t), w.Mailbox, uids[3], false)
	if err != nil || m.Text == "" || !slices.Contains(m.Notes, "offline: shown from the cache") {
		t.Fatalf("cached message offline: %+v, %v", m, err)
	}
	if _, err := s2.b.FetchMessage(testCtx(t), w.Mailbox, uids[4], false); err == nil {
		t.Fatal("a message never read opened offline")
	}
}

// TestDovecotDamagedCacheRebuilt: a cache file of random bytes is moved
// aside with a notice, and the rows then come from the server, right.
func TestDovecotDamagedCacheRebuilt(t *testing.T) {
	srv, path, s1, sel, uids := seeded(t, 40)
	s1.rows(t, sel.Mailbox, uids)
	s1.flush()
	s1.close()
	for name, damage := range map[string]func(){
		"truncated": func() { os.Truncate(path, 4096+100) },
		"random":    func() { os.WriteFile(path, []byte("not a cache, just bytes "+time.Now().String()), 0o600) },
	} {
		damage()
		s2, notice := startSession(t, srv, path)
		if notice == "" {
			t.Fatalf("%s: no notice", name)
		}
		sel2, uids2 := s2.open(t, "INBOX")
		got := s2.rows(t, sel2.Mailbox, uids2)
		if len(got) != 40 || got[0].Subject != "message 0" {
			t.Fatalf("%s: %d rows after the rebuild", name, len(got))
		}
		s2.flush()
		s2.close()
	}
}

// TestDovecotModSeqBackwards: a cached HIGHESTMODSEQ above the server's
// (a restored server, a bug) must not make tern trust its cached flags:
// every flag is fetched again.
func TestDovecotModSeqBackwards(t *testing.T) {
	srv, path, s1, sel, uids := seeded(t, 50)
	s1.rows(t, sel.Mailbox, uids)
	s1.flush()
	s1.close()

	store, _, err := cache.Open(path, cache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetState("INBOX", cache.FolderState{UIDValidity: sel.UIDValidity, ModSeq: 1 << 40}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(7, 8, 9), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	_, flagged, _ := truth(t, other)

	s2, _ := startSession(t, srv, path)
	sel2, uids2 := s2.open(t, "INBOX")
	s2.flush()
	for _, r := range s2.rows(t, sel2.Mailbox, uids2) {
		if r.Flags.Flagged != flagged[r.UID] {
			t.Fatalf("UID %d flagged=%v, server %v: cached flags trusted past a MODSEQ that went back", r.UID, r.Flags.Flagged, flagged[r.UID])
		}
	}
}

// TestDovecotDamageInUse: a row damaged on disk while tern runs is not
// shown: the answer comes from the server, the file is rebuilt, and the
// user is told.
func TestDovecotDamageInUse(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 300, message)
	path := cachePath(t)
	s, _ := startSession(t, srv, path)
	sel, uids := s.open(t, "INBOX")
	s.rows(t, sel.Mailbox, uids)
	s.flush()
	if !s.b.confirmed(sel.Mailbox) {
		t.Fatal("not confirmed")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("message 123"))
	if at < 0 {
		t.Fatal("the row is not in the file")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("massage 999"), int64(at)) // same length: only the checksum can tell
	f.Close()

	l, err := s.b.Rows(testCtx(t), sel.Mailbox, 1, uids[123:124])
	if err != nil || len(l.Rows) != 1 || l.Rows[0].Subject != "message 123" {
		t.Fatalf("row after damage: %+v, %v", l.Rows, err)
	}
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-s.events:
			if n, ok := ev.(imapsvc.CacheNotice); ok {
				if !strings.Contains(n.Text, "rebuilt") {
					t.Fatalf("notice %q", n.Text)
				}
				if _, err := os.Stat(path + ".damaged"); err != nil {
					t.Fatal(err)
				}
				return
			}
		case <-timeout:
			t.Fatal("no notice of the damage")
		}
	}
}

// TestDovecotOpenBeforeSelect: a message opened on cached rows while the
// folder's SELECT is on its way is answered from the kept text, or with
// a word for the user; an answer about another folder stays stale.
func TestDovecotOpenBeforeSelect(t *testing.T) {
	srv, path, s1, sel, uids := seeded(t, 5)
	if _, err := s1.b.FetchMessage(testCtx(t), sel.Mailbox, uids[1], false); err != nil {
		t.Fatal(err)
	}
	s1.flush()
	s1.close()

	s2, _ := startSession(t, srv, path)
	if _, err := s2.b.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.b.FetchMessage(testCtx(t), sel.Mailbox, uids[2], false); !errors.Is(err, imapsvc.ErrStale) {
		t.Fatalf("no SELECT on its way: %v, want ErrStale", err)
	}
	s2.b.mu.Lock()
	s2.b.selecting = "INBOX" // as Select does while the server answers
	s2.b.mu.Unlock()
	m, err := s2.b.FetchMessage(testCtx(t), sel.Mailbox, uids[1], false)
	if err != nil || m.Text == "" || !slices.Contains(m.Notes, "shown from the cache: the server has not opened the folder yet") {
		t.Fatalf("kept text: %+v, %v", m, err)
	}
	if _, err := s2.b.FetchMessage(testCtx(t), sel.Mailbox, uids[2], false); err != errNotYet {
		t.Fatalf("not kept: %v, want errNotYet", err)
	}
}
