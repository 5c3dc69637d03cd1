package cached

import (
	"errors"
	"slices"
	"testing"

	"tern/imapsvc"
)

// TestDovecotElsewhereKeepsCache: after a send, the original's
// \Answered and $Forwarded (INBOX) and the removal of the sent draft
// (Drafts) reach those folders' cached rows at once, while Archive is
// open and no sync runs. When the server refuses because a folder's
// UIDVALIDITY changed, the cache of the old one stays as it was.
func TestDovecotElsewhereKeepsCache(t *testing.T) {
	srv, _, s, inbox, _ := seeded(t, 4)
	for _, f := range []string{"Drafts", "Work", "Archive"} {
		srv.SeedMaildir(t, "alice", f, 3, message)
	}
	drafts, _ := s.open(t, "Drafts")
	work, _ := s.open(t, "Work")
	s.open(t, "Archive") // the window of 20 cached every folder's rows
	ctx := testCtx(t)

	if err := s.b.FlagElsewhere(ctx, inbox.Mailbox, 2, `\Answered`); err != nil {
		t.Fatal(err)
	}
	if err := s.b.FlagElsewhere(ctx, inbox.Mailbox, 3, "$Forwarded"); err != nil {
		t.Fatal(err)
	}
	if err := s.b.RemoveElsewhere(ctx, drafts.Mailbox, 2); err != nil {
		t.Fatal(err)
	}
	s.flush()
	rows, err := s.b.store.Rows(inbox.Mailbox, []imapsvc.UID{1, 2, 3})
	if err != nil || len(rows) != 3 {
		t.Fatalf("cached INBOX rows: %d, %v", len(rows), err)
	}
	for _, r := range rows {
		answered, forwarded := r.Flags.Answered, slices.Contains(r.Flags.Keywords, "$Forwarded")
		if answered != (r.UID == 2) || forwarded != (r.UID == 3) {
			t.Fatalf("cached UID %d: answered=%v forwarded=%v; want \\Answered on 2, $Forwarded on 3 only", r.UID, answered, forwarded)
		}
	}
	if got := cachedUIDs(t, s, drafts.Mailbox); !slices.Equal(got, []imapsvc.UID{1, 3}) {
		t.Fatalf("cached Drafts UIDs %v, want [1 3]", got)
	}
	if rows, _ := s.b.store.Rows(drafts.Mailbox, []imapsvc.UID{2}); len(rows) != 0 {
		t.Fatal("the removed draft's row is still cached")
	}

	// Work is made anew by another client: the UIDs tern read name other
	// messages now. Nothing is changed on the server or in the cache.
	other := srv.Selected(t, "alice", "INBOX")
	if err := other.Delete("Work").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := other.Create("Work", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	srv.Append(t, "alice", "Work", message(100))
	if err := s.b.FlagElsewhere(ctx, work.Mailbox, 1, `\Answered`); !errors.Is(err, imapsvc.ErrStale) {
		t.Fatalf("FlagElsewhere in a remade folder = %v, want ErrStale", err)
	}
	if err := s.b.RemoveElsewhere(ctx, work.Mailbox, 1); !errors.Is(err, imapsvc.ErrStale) {
		t.Fatalf("RemoveElsewhere in a remade folder = %v, want ErrStale", err)
	}
	s.flush()
	if got := cachedUIDs(t, s, work.Mailbox); !slices.Equal(got, []imapsvc.UID{1, 2, 3}) {
		t.Fatalf("cached Work UIDs after refusals %v, want [1 2 3]", got)
	}
	rows, err = s.b.store.Rows(work.Mailbox, []imapsvc.UID{1})
	if err != nil || len(rows) != 1 || rows[0].Flags.Answered {
		t.Fatalf("cached Work row 1 after refusals: %+v, %v; want it there, not \\Answered", rows, err)
	}
}

func cachedUIDs(t *testing.T, s *session, mb imapsvc.Mailbox) []imapsvc.UID {
	t.Helper()
	uids, err := s.b.store.UIDs(mb)
	if err != nil {
		t.Fatal(err)
	}
	return uids
}
