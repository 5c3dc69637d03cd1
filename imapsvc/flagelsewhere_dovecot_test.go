package imapsvc

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotFlagElsewhere: a reply's original in INBOX gets \Answered
// while Archive is open, and Archive's live events keep coming; with a
// changed UIDVALIDITY nothing is flagged.
func TestDovecotFlagElsewhere(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	s, trace, inbox := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	ctx := testCtx(t)
	// The background connection examines INBOX before the flag is set.
	if _, err := s.Details(ctx, inbox, 1, []UID{1}); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(ctx, "Archive", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UIDs(ctx, sel.Mailbox); err != nil {
		t.Fatal(err)
	}

	if err := s.FlagElsewhere(ctx, inbox, 2, `\Answered`); err != nil {
		t.Fatalf("FlagElsewhere = %v", err)
	}
	stale := inbox
	stale.UIDValidity++
	if err := s.FlagElsewhere(ctx, stale, 3, `\Answered`); !errors.Is(err, ErrStale) {
		t.Fatalf("FlagElsewhere with another UIDVALIDITY = %v, want ErrStale", err)
	}
	other := srv.Selected(t, "alice", "INBOX")
	msgs, err := other.Fetch(imap.UIDSetNum(1, 2, 3), &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil || len(msgs) != 3 {
		t.Fatalf("fetch flags = %d, %v", len(msgs), err)
	}
	for _, m := range msgs {
		answered := slices.Contains(m.Flags, imap.FlagAnswered)
		if answered != (m.UID == 2) {
			t.Fatalf("UID %d flags %v: only UID 2 may be \\Answered", m.UID, m.Flags)
		}
	}

	// The main connection still watches Archive.
	srv.Append(t, "alice", "Archive", plainMessage(3))
	nm := nextEvent[NewMail](t, s, nil)
	if nm.Mailbox != sel.Mailbox || len(nm.Rows) != 1 {
		t.Fatalf("NewMail = %+v, want one row in Archive", nm)
	}
	// A later background read of INBOX examines it again (read-only).
	if _, err := s.Details(ctx, inbox, 1, []UID{1}); err != nil {
		t.Fatalf("Details in INBOX after the flag = %v", err)
	}
	tr := trace.String()
	i := strings.Index(tr, "UID STORE 2 +FLAGS.SILENT (\\Answered)")
	if i < 0 || strings.Count(tr, "UID STORE") != 1 ||
		strings.LastIndex(tr[:i], "SELECT INBOX") < strings.LastIndex(tr[:i], "EXAMINE INBOX") ||
		!strings.Contains(tr[i:], "EXAMINE INBOX") {
		t.Fatal("want one UID STORE +FLAGS.SILENT after SELECT INBOX, then EXAMINE INBOX again on the background connection")
	}
}

// TestDovecotRemoveElsewhere: a sent draft's copy in Drafts goes by UID
// while Archive is open, and only it; with a changed UIDVALIDITY nothing
// goes; Archive's live events keep coming.
func TestDovecotRemoveElsewhere(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Drafts", 3, plainMessage)
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	s, _, _ := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	ctx := testCtx(t)
	drafts, err := s.Select(ctx, "Drafts", true, 10)
	if err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(ctx, "Archive", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	// Another draft marked \Deleted by someone else must survive: only
	// UID 2 is expunged.
	other := srv.Selected(t, "alice", "Drafts")
	if err := other.Store(imap.UIDSetNum(3), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	stale := drafts.Mailbox
	stale.UIDValidity++
	if err := s.RemoveElsewhere(ctx, stale, 1); !errors.Is(err, ErrStale) {
		t.Fatalf("RemoveElsewhere with another UIDVALIDITY = %v, want ErrStale", err)
	}
	if err := s.RemoveElsewhere(ctx, drafts.Mailbox, 2); err != nil {
		t.Fatalf("RemoveElsewhere = %v", err)
	}
	// A new session sees the folder as it is now.
	msgs, err := srv.Selected(t, "alice", "Drafts").Fetch(imap.UIDSetNum(1, 2, 3), &imap.FetchOptions{UID: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var left []imap.UID
	for _, m := range msgs {
		left = append(left, m.UID)
	}
	if !slices.Equal(left, []imap.UID{1, 3}) {
		t.Fatalf("Drafts holds %v, want [1 3]", left)
	}
	srv.Append(t, "alice", "Archive", plainMessage(3))
	nm := nextEvent[NewMail](t, s, nil)
	if nm.Mailbox != sel.Mailbox || len(nm.Rows) != 1 {
		t.Fatalf("NewMail = %+v, want one row in Archive", nm)
	}
}
