package ui

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tern/imapsvc"
	"tern/internal/memtest"
	"tern/internal/proxy"
)

// TestServerCutDeleteFlow: d on a server without MOVE is cut off after the
// server applied STORE \Deleted but before its OK. The message line says
// that the copy is in the Trash folder and the original is marked
// \Deleted; y (once tern is back) finishes the move.
func TestServerCutDeleteFlow(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Bin")
	for i := 1; i <= 3; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("MOVE")
	var cut atomic.Bool
	p.CutWhen(func(d proxy.Direction, l string) bool {
		if cut.Load() || d != proxy.ToClient || !strings.Contains(l, "OK UID STORE completed") {
			return false
		}
		cut.Store(true)
		return true
	})
	// The notice of the cut can be on screen before the lost connection's
	// event, with "idle" still shown: y must wait for the new login's
	// SELECT, not for the word.
	reselected := make(chan struct{})
	var once sync.Once
	p.AfterForward(func(d proxy.Direction, l string) {
		if cut.Load() && d == proxy.ToServer && strings.Contains(l, " SELECT ") {
			once.Do(func() { close(reselected) })
		}
	})
	host, port := splitAddr(t, p.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: host, Port: port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password, opts.Trash = "mem", srv.Password, "Bin"
	tm, w := runWatched(t, New(svc, opts))
	waitScreen(t, tm, "Plain message 3", "3 exists")
	// A start-up request still out when the cut comes fails after it, and
	// its error would replace the notice this test reads.
	waitSettled(t, tm, w)

	send(tm, "g", "d")
	waitScreen(t, tm, `Cut off during UID STORE: copies of 1 are in Bin; 1 is still in INBOX, marked \Deleted`)
	select {
	case <-reselected:
	case <-time.After(30 * time.Second):
		t.Fatal("tern never opened INBOX again after the cut")
	}
	waitScreen(t, tm, "idle") // logged in again and INBOX open
	send(tm, "y")
	waitScreen(t, tm, "done: the move went through: the message is no longer in INBOX")
	if got := folderSizes(t, srv, "INBOX", "Bin"); got["INBOX"] != 2 || got["Bin"] != 1 {
		t.Fatalf("after finishing the move: %v", got)
	}
}
