package cached

import (
	"testing"
	"time"

	"tern/internal/alloctest"
	"tern/internal/dovetest"
)

// TestDovecotUIDListCostsNoCopies: when the server's UID list arrives
// for a folder whose list the cache holds (every launch with a warm
// cache), the cache adds next to nothing per UID to what the service
// allocates for the list itself. It cloned the list for its writer (4
// bytes a UID), encoded it (a byte a UID, grown by appending) and bbolt
// copied the encoding into pages at commit: at 1,000,000 messages those
// copies, live together, were most of the peak RSS the cache added.
func TestDovecotUIDListCostsNoCopies(t *testing.T) {
	if alloctest.Race {
		t.Skip("the race detector allocates beside the code measured (CI runs this test without it)")
	}
	const n = 100_000
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", n, message)
	path := cachePath(t)
	s1, _ := startSession(t, srv, path)
	s1.open(t, "INBOX")
	s1.flush()
	s1.close()

	s2, _ := startSession(t, srv, path)
	if _, err := s2.b.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	sel, err := s2.b.Select(testCtx(t), "INBOX", false, 20)
	if err != nil {
		t.Fatal(err)
	}
	s2.flush()
	// What the service itself allocates for the list: go-imap's answer
	// expanded, and its own sequence map.
	service := alloctest.Bytes(func() {
		if l, err := s2.svc.UIDs(testCtx(t), sel.Mailbox); err != nil || len(l.UIDs) != n {
			t.Fatalf("service: %d UIDs, %v", len(l.UIDs), err)
		}
	})
	withCache := alloctest.Bytes(func() {
		if l, err := s2.b.UIDs(testCtx(t), sel.Mailbox); err != nil || len(l.UIDs) != n {
			t.Fatalf("backend: %d UIDs, %v", len(l.UIDs), err)
		}
		select { // the list written, the folder confirmed
		case <-s2.b.settled:
		case <-time.After(60 * time.Second):
			t.Fatal("the folder's cache was never confirmed")
		}
		s2.flush()
	})
	extra := int64(withCache) - int64(service)
	t.Logf("per UID: service %.2f bytes, with the cache %.2f (%+d bytes)",
		float64(service)/n, float64(withCache)/n, extra)
	// Half a byte a UID, and 64 KiB for the transactions themselves; the
	// copies were 6 bytes a UID and more.
	if limit := int64(n/2 + 64<<10); extra > limit {
		t.Fatalf("the cache allocated %d bytes beyond the service's %d for a %d-UID list (limit %d): a copy of the list is back",
			extra, service, n, limit)
	}
	if uids, err := s2.b.store.UIDs(sel.Mailbox); err != nil || len(uids) != n || uids[0] != 1 || uids[n-1] != n {
		t.Fatalf("cached list: %d UIDs, %v", len(uids), err)
	}
}
