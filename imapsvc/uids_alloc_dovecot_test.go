package imapsvc

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/alloctest"
	"tern/internal/dovetest"
)

// TestDovecotUIDsOneCopy: the full UID list costs the service one list
// (4 bytes a UID), shared by its answer and its sequence map; the map
// kept a copy of its own (8 bytes a UID), which at 1,000,000 messages
// was 4 MB more at the peak, with or without the header cache.
func TestDovecotUIDsOneCopy(t *testing.T) {
	if alloctest.Race {
		t.Skip("the race detector allocates beside the code measured (CI runs this test without it)")
	}
	const n = 100_000
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", n, plainMessage)
	s := New(dovecotAccount(t, srv, SecurityPlain), Options{})
	defer s.Close()
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(testCtx(t), "INBOX", false, 20)
	if err != nil {
		t.Fatal(err)
	}
	var l UIDList
	grew := alloctest.Bytes(func() { l, err = s.UIDs(testCtx(t), sel.Mailbox) })
	if err != nil || len(l.UIDs) != n {
		t.Fatalf("%d UIDs, %v", len(l.UIDs), err)
	}
	perUID := float64(grew) / n
	t.Logf("%.2f bytes a UID", perUID)
	if perUID > 5 {
		t.Fatalf("the UID list cost %.2f bytes a UID: more than the one list's 4", perUID)
	}
	// Another client expunges UID 5: the map, reading the shared list,
	// takes it out of its own runs, and the answer given keeps it.
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Store(imap.UIDSetNum(5), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.UIDExpunge(imap.UIDSetNum(5)).Close(); err != nil {
		t.Fatal(err)
	}
	again, err := s.UIDs(testCtx(t), sel.Mailbox)
	if err != nil || len(again.UIDs) != n-1 || again.UIDs[4] != 6 {
		t.Fatalf("after the expunge: %d UIDs, %v", len(again.UIDs), err)
	}
	for i, u := range l.UIDs {
		if u != UID(i+1) {
			t.Fatalf("the first answer changed: UID %d at %d", u, i)
		}
	}
}
