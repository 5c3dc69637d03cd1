package ui

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// liveFlow runs the UI on a real Service that reaches Dovecot through a
// proxy (plaintext, so the proxy can cut it). Reconnect tries start after
// half a second (the jitter is fixed at its low end).
func liveFlow(t *testing.T, srv *dovetest.Server, tune ...func(*Options)) (*teatest.TestModel, *proxy.Proxy) {
	t.Helper()
	tm, p, _ := liveWatch(t, srv, tune...)
	return tm, p
}

// liveWatch is liveFlow with a watch on the model (watch_test.go).
func liveWatch(t *testing.T, srv *dovetest.Server, tune ...func(*Options)) (*teatest.TestModel, *proxy.Proxy, *watch) {
	t.Helper()
	p := proxy.Start(t, srv.Addr)
	host, port := splitTestAddr(t, p.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{Live: imapsvc.LiveOptions{Rand: func() float64 { return 0 }}})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account = "dove"
	for _, f := range tune {
		f(&opts)
	}
	tm, w := runWatched(t, New(svc, opts))
	return tm, p, w
}

func serverUIDs(t *testing.T, c *imapclient.Client) []imapsvc.UID {
	t.Helper()
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	var out []imapsvc.UID
	for _, u := range data.AllUIDs() {
		out = append(out, imapsvc.UID(u))
	}
	slices.Sort(out)
	return out
}

// byUID seeds message i as "Plain message <its UID>".
func byUID(i int) []byte { return plainMessage(i + 1) }

func finalList(t *testing.T, tm *teatest.TestModel) listModel {
	t.Helper()
	send(tm, "q")
	return finalModel(t, tm).list
}

// TestDovecotLiveFlow: mail delivered, flagged and expunged by another
// client shows on screen with no key pressed.
func TestDovecotLiveFlow(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, byUID)
	tm, _ := liveFlow(t, srv)
	waitScreen(t, tm, "Plain message 3", "idle")

	other := srv.Selected(t, "alice", "INBOX")
	srv.Append(t, "alice", "INBOX", plainMessage(4))
	waitScreen(t, tm, "Plain message 4", "4 exists", "new mail in INBOX: Sender 4 — Plain message 4")

	if err := other.Store(imap.UIDSetNum(2), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagFlagged, imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, tm, "NFD")
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, tm, "3 exists")
	l := finalList(t, tm)
	if want := serverUIDs(t, other); !slices.Equal(l.uids, want) {
		t.Fatalf("list UIDs %v, server %v", l.uids, want)
	}
}

// TestDovecotReconnectResync: a Dovecot restart mid-IDLE, then a cut
// during which another client delivers, flags and expunges: tern logs in
// again by itself and the list equals the server's UIDs, each once.
func TestDovecotReconnectResync(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 5, byUID)
	tm, p, w := liveWatch(t, srv)
	waitScreen(t, tm, "Plain message 5", "idle")
	waitSettled(t, tm, w)

	srv.Restart(t)
	waitScreen(t, tm, "reconnecting at", "reconnected", "idle")

	p.Refuse(true)
	p.CutAll()
	waitScreen(t, tm, "disconnected, retry 2 at")
	other := srv.Selected(t, "alice", "INBOX")
	srv.Append(t, "alice", "INBOX", plainMessage(6))
	srv.Append(t, "alice", "INBOX", plainMessage(7))
	if err := other.Store(imap.UIDSetNum(1, 5), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Store(imap.UIDSetNum(3), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	want := serverUIDs(t, other)
	p.Refuse(false)
	waitScreen(t, tm, "reconnected", "Plain message 7", "5 exists")
	// The status bar has the count from SELECT; the list drops what was
	// expunged only when the UID list it asks for comes, and the row's
	// flags come with the SELECT (CONDSTORE) or a fetch after that list.
	waitModel(t, tm, w, func(m Model, why *string) bool {
		l := m.list
		*why = fmt.Sprintf("list UIDs %v, row 3 %+v (stale %v)", l.uids, l.rows[3], l.stale[3])
		return slices.Equal(l.uids, want) && l.rows[3].Flags.Flagged && !l.stale[3]
	})
	l := finalList(t, tm)
	if !slices.Equal(l.uids, want) {
		t.Fatalf("list UIDs %v, server %v", l.uids, want)
	}
	if !l.rows[3].Flags.Flagged || l.stale[3] {
		t.Errorf("row 3 after resync: %+v (stale %v), want it flagged", l.rows[3], l.stale[3])
	}
}

// TestDovecotUIDValidityReload: the open folder is deleted and created
// again while the connection is down; the new UIDVALIDITY makes tern load
// it from scratch.
func TestDovecotUIDValidityReload(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Work", 2, byUID)
	tm, p := liveFlow(t, srv)
	waitScreen(t, tm, "idle")
	sendLine(tm, "select Work")
	waitScreen(t, tm, "Work [READ-WRITE]", "Plain message 2")

	p.Refuse(true)
	p.CutAll()
	waitScreen(t, tm, "reconnecting at")
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Delete("Work").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := other.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	srv.Append(t, "alice", "Work", plainMessage(40))
	p.Refuse(false)
	waitScreen(t, tm, "UIDVALIDITY of Work changed", "Plain message 40", "1 exists")
	l := finalList(t, tm)
	if len(l.uids) != 1 || l.rows[l.uids[0]].Subject != "Plain message 40" {
		t.Fatalf("after reload: uids %v", l.uids)
	}
}

func splitTestAddr(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	return host, n
}

// TestDovecotOtherFolderCounts: mail delivered to a folder that is not
// open shows in the folder pane at the next refresh (LIST-STATUS here).
func TestDovecotOtherFolderCounts(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Work", 2, byUID)
	tm, _ := liveFlow(t, srv, func(o *Options) { o.StatusInterval = 100 * time.Millisecond })
	waitScreen(t, tm, "Work", "idle")
	srv.Append(t, "alice", "Work", plainMessage(3))
	waitScreen(t, tm, "Work", "3/3")
}

// TestDovecotExpungeBurst: a burst of EXPUNGEs (sequence numbers that
// shift under each other) removes exactly the expunged rows.
func TestDovecotExpungeBurst(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 20, byUID)
	tm, _ := liveFlow(t, srv)
	waitScreen(t, tm, "Plain message 20", "idle")
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(1, 3, 4, 5, 12, 19, 20), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, tm, "13 exists")
	l := finalList(t, tm)
	want := []imapsvc.UID{2, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18}
	if !slices.Equal(l.uids, want) || !slices.Equal(serverUIDs(t, other), want) {
		t.Fatalf("list UIDs %v, want %v", l.uids, want)
	}
}
