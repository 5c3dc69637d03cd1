package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// holdCommand holds the answer to the next command line containing verb
// until the test releases it (the hour is never reached).
func holdCommand(p *proxy.Proxy, verbs ...string) *proxy.Hold {
	return p.HoldAnswer(func(l string) bool {
		for _, v := range verbs {
			if strings.Contains(l, " "+v+" ") {
				return true
			}
		}
		return false
	}, time.Hour)
}

// warmedCache runs tern once on a Dovecot INBOX of 30 messages (and an
// empty Work, opened), leaving a header cache at the path it returns; no
// message text is kept.
func warmedCache(t *testing.T) (*dovetest.Server, *proxy.Proxy, string) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 30, byUID)
	srv.SeedMaildir(t, "alice", "Work", 4, func(i int) []byte { return plainMessage(101 + i) })
	p := proxy.Start(t, srv.Addr)
	path := filepath.Join(t.TempDir(), "tern", "dove.db")
	tm, b := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "unseen")
	sendLine(tm, "select Work")
	waitScreen(t, tm, "Work [READ-WRITE]", "Plain message 104", "unseen")
	sendLine(tm, "select INBOX")
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 30", "30 unseen")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
	b.Close()
	return srv, p, path
}

// TestDovecotWarmRowsBeforeHeldSelect: with the server holding SELECT's
// answer, the cached rows are on screen before it is released; Enter on
// a row whose text the cache does not keep then opens the message once
// SELECT has landed.
func TestDovecotWarmRowsBeforeHeldSelect(t *testing.T) {
	_, p, path := warmedCache(t)
	h := holdCommand(p, "SELECT")
	tm, _ := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "syncing")
	select {
	case <-h.Released:
		t.Fatal("SELECT's answer was released before the cached rows were on screen")
	default:
	}
	<-h.Started // SELECT is on its way
	send(tm, "enter")
	h.Release()
	waitScreen(t, tm, "Hello number 30.")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}

// TestDovecotOpenBeforeLogin: Enter on a cached row before the server
// has even logged in waits for the folder's SELECT, says so, then opens
// the message.
func TestDovecotOpenBeforeLogin(t *testing.T) {
	_, p, path := warmedCache(t)
	h := holdCommand(p, "LOGIN", "AUTHENTICATE")
	tm, _ := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "syncing")
	<-h.Started
	send(tm, "enter")
	h.Release() // the fetch behind LOGIN finds no folder open: it waits for SELECT
	waitScreen(t, tm, "UID 30 opens once the server has opened INBOX", "Hello number 30.")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}

// TestDovecotOpenBeforeFolderSelect: switching to a cached folder shows
// its rows while SELECT is held; Enter on one opens it once SELECT lands
// (before, SELECT's answer closed the viewer and dropped the message).
func TestDovecotOpenBeforeFolderSelect(t *testing.T) {
	_, p, path := warmedCache(t)
	tm, _ := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "30 unseen")
	h := holdCommand(p, "SELECT")
	sendLine(tm, "select Work")
	waitScreen(t, tm, "Plain message 104", "syncing")
	<-h.Started
	send(tm, "enter")
	h.Release()
	waitScreen(t, tm, "Hello number 104.", "4 exists", "unseen") // SELECT has landed
	tm.Quit()
	m := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(Model)
	if !m.reader.Shown() || m.list.mb.Name != "Work" || m.list.warm {
		t.Fatalf("viewer shown=%v, list %v warm=%v: SELECT's answer closed the message", m.reader.Shown(), m.list.mb, m.list.warm)
	}
}

// TestDovecotOpenQueuedMessageGone: the message Enter waited for was
// expunged while tern was closed: when SELECT lands tern says so.
func TestDovecotOpenQueuedMessageGone(t *testing.T) {
	srv, p, path := warmedCache(t)
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(30), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	h := holdCommand(p, "LOGIN", "AUTHENTICATE")
	tm, _ := cachedFlow(t, p, path)
	waitScreen(t, tm, "Plain message 30", "syncing")
	<-h.Started
	send(tm, "enter")
	h.Release()
	waitScreen(t, tm, "UID 30 opens once the server has opened INBOX", "message UID 30 is no longer in INBOX")
	send(tm, "q")
}
