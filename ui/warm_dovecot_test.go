package ui

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/cache"
	"tern/cached"
	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// cachedFlow runs the UI on a Service behind the header cache at path,
// reaching Dovecot through p.
func cachedFlow(t *testing.T, p *proxy.Proxy, path string) (*teatest.TestModel, *cached.Backend) {
	t.Helper()
	host, port := splitTestAddr(t, p.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{Live: imapsvc.LiveOptions{Rand: func() float64 { return 0 }}})
	store, notice, err := cache.Open(path, cache.Options{})
	if err != nil || notice != "" {
		t.Fatalf("cache: %v %s", err, notice)
	}
	b := cached.New(svc, store, nil)
	t.Cleanup(func() { svc.Close(); b.Close() })
	opts := testOptions()
	opts.Account = "dove"
	return runFlow(t, b, opts), b
}

// TestDovecotCachedStartFlow: a second start with the server down shows
// the last folder's rows from the cache, offline, opens the message read
// last time, and refuses to change anything. When the server is back the
// rows are resynced: the list equals the server's UIDs and flags.
func TestDovecotCachedStartFlow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 30, byUID)
	p := proxy.Start(t, srv.Addr)
	path := filepath.Join(t.TempDir(), "tern", "dove.db")

	tm, b := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "unseen")
	sendLine(tm, "select Drafts")
	waitScreen(t, tm, "Drafts [READ-WRITE]", "0 unseen")
	sendLine(tm, "select INBOX")
	// The cached rows show first; "30 unseen" comes with the server's UID list.
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 30", "30 unseen")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 30.")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
	b.Close()

	// While tern is closed another client flags 30 and expunges 29.
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(30), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Store(imap.UIDSetNum(29), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}

	p.Refuse(true)
	tm, _ = cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 29", "Plain message 6 ", "offline, retry 1")
	send(tm, "d")
	waitScreen(t, tm, "offline: the rows come from the cache")
	sendLine(tm, "select Archive")
	waitScreen(t, tm, "offline: Archive is not in the cache")
	sendLine(tm, "select Drafts") // cached in the first run, empty
	waitScreen(t, tm, "Drafts [READ-WRITE]", "0 exists")
	sendLine(tm, "select INBOX")
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 29")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 30.", "offline: shown from the cache")
	send(tm, "q")

	p.Refuse(false)                     // the next try (5 s) finds the server
	waitScreen(t, tm, "idle", "unseen") // SELECT done, and the UID list came with the unseen count
	want := serverUIDs(t, other)
	l := finalList(t, tm)
	if !slices.Equal(l.uids, want) {
		t.Fatalf("list %v, server %v", l.uids, want)
	}
	if l.warm {
		t.Fatal("rows still marked unconfirmed after the resync")
	}
	if r, ok := l.rows[30]; !ok || !r.Flags.Flagged {
		t.Fatalf("row 30 %+v: the flag set while closed is not shown", r)
	}
}

// TestDovecotCachedFolderSwitch: opening a cached folder shows its rows
// from the cache, marked syncing, while a slow server (150 ms each way)
// is still answering SELECT; then the server's rows replace them.
func TestDovecotCachedFolderSwitch(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 5, byUID)
	c := srv.Selected(t, "alice", "INBOX")
	if err := c.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		srv.Append(t, "alice", "Work", plainMessage(100+i))
	}
	p := proxy.Start(t, srv.Addr)
	path := filepath.Join(t.TempDir(), "tern", "dove.db")

	tm, b := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 5", "unseen")
	sendLine(tm, "select Work")
	waitScreen(t, tm, "Work [READ-WRITE]", "Plain message 104", "unseen")
	sendLine(tm, "select INBOX")
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 5", "unseen")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
	b.Close()

	p.Delay(300 * time.Millisecond)
	tm, _ = cachedFlow(t, p, path)
	waitScreen(t, tm, "idle", "unseen")
	sendLine(tm, "select Work")
	waitScreen(t, tm, "Work [READ-WRITE]", "Plain message 104", "syncing")
	waitScreen(t, tm, "idle", "unseen") // SELECT, then the UID list
	l := finalList(t, tm)
	if l.mb.Name != "Work" || l.warm || len(l.uids) != 4 {
		t.Fatalf("list %v warm=%v %d UIDs", l.mb, l.warm, len(l.uids))
	}
}
