package imapsvc

import (
	"strings"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotNotifyCounts: where the server has NOTIFY, mail another
// client appends to a folder that is not open arrives as a CountsChanged
// event with that folder's new counts, without any request.
func TestDovecotNotifyCounts(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	p := proxy.Start(t, srv.Addr)
	set := make(chan struct{})
	p.InjectAfter(func(dir proxy.Direction, l string) bool {
		if dir == proxy.ToClient && strings.HasPrefix(l, "N2 OK") {
			close(set)
			return true
		}
		return false
	})
	s, trace, _ := liveService(t, srv, p, LiveOptions{})
	if _, err := s.ListFolders(testCtx(t)); err != nil { // the tree's counts go live
		t.Fatal(err)
	}
	// NOTIFY reports changes from when it is set.
	select {
	case <-set:
	case <-time.After(30 * time.Second):
		t.Fatal("NOTIFY SET was never answered OK")
	}

	srv.Append(t, "alice", "Archive", plainMessage(3))
	ev := nextEvent(t, s, func(e CountsChanged) bool { _, ok := e.Counts["Archive"]; return ok })
	if c := ev.Counts["Archive"]; c.Messages != 3 || c.Unseen != 3 {
		t.Fatalf("Archive counts = %+v, want 3/3", c)
	}
	if !strings.Contains(trace.String(), "notify: N2 "+notifyCommand) {
		t.Fatal("NOTIFY SET is not in the trace")
	}
}

// TestDovecotNotifyHidden: without NOTIFY nothing is set up, and the
// counts are there for the polling to ask.
func TestDovecotNotifyHidden(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("NOTIFY")
	p.Strict()
	s, trace, _ := liveService(t, srv, p, LiveOptions{})
	if _, err := s.ListFolders(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	srv.Append(t, "alice", "Archive", plainMessage(3))
	c, err := s.Counts(testCtx(t), []FolderName{"Archive"})
	if err != nil || c.Counts["Archive"].Messages != 3 {
		t.Fatalf("Counts = %+v, %v", c, err)
	}
	s.pushed.mu.Lock()
	running := s.pushed.running
	s.pushed.mu.Unlock()
	if running || strings.Contains(trace.String(), "NOTIFY") || len(p.Violations()) > 0 {
		t.Fatalf("NOTIFY used although hidden: running %v, violations %v", running, p.Violations())
	}
}
