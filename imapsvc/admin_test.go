package imapsvc

import (
	"errors"
	"strings"
	"testing"

	"tern/internal/memtest"
)

func TestTapPicksAlertsAndFeedsTheRing(t *testing.T) {
	var got []serverLine
	tp := &tap{ring: newRing(3), onLine: func(l serverLine) { got = append(got, l) }}
	tp.setSecrets("alice", "pw123")
	tp.Write([]byte("T1 LOGIN alice pw123\r\n* OK [ALERT] disk almost full\r\n* BYE shutting down\r\nT2 NOOP\r\n"))
	if len(got) != 2 || got[0].alert != "OK [ALERT] disk almost full" || got[1].alert != "BYE shutting down" {
		t.Fatalf("alerts = %+v", got)
	}
	tr := tp.ring.since(0)
	if tr.Next != 4 || len(tr.Lines) != 3 || tr.Lines[0] != "* OK [ALERT] disk almost full" {
		t.Fatalf("ring kept %+v, want the newest 3 of 4", tr)
	}
	if tr := tp.ring.since(3); len(tr.Lines) != 1 || tr.Lines[0] != "T2 NOOP" {
		t.Fatalf("since(3) = %+v", tr)
	}
	tp.ring.add("T3 LOGIN alice <redacted>")
	for _, l := range tp.ring.since(0).Lines {
		if strings.Contains(l, "pw123") {
			t.Fatal("ring leaks the password")
		}
	}
}

// TestEmbeddedAdmin: the embedded server's CREATE/RENAME/DELETE and
// STATUS, and clear errors for what it does not advertise.
func TestEmbeddedAdmin(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	s := connectMem(t, srv, nil)
	ctx := testCtx(t)
	if err := s.Create(ctx, "Work/2026/Q1"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		srv.Append(t, "Work/2026/Q1", plainMessage(i))
	}
	st, err := s.Status(ctx, "Work/2026/Q1")
	if err != nil || st.Messages != 4 || st.Unseen != 4 || st.UIDNext != 5 {
		t.Fatalf("STATUS = %+v, %v", st, err)
	}
	if err := s.Delete(ctx, "Work/2026"); err == nil || !strings.Contains(err.Error(), "delete them first") {
		t.Fatalf("DELETE of a parent: %v", err)
	}
	if err := s.Rename(ctx, "Work/2026/Q1", "Q1-2026"); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Status(ctx, "Q1-2026"); err != nil || st.Messages != 4 {
		t.Fatalf("STATUS after RENAME = %+v, %v", st, err)
	}
	if _, err := s.QuotaRoots(ctx, []FolderName{"INBOX"}); !errors.Is(err, ErrNoQuota) {
		t.Fatalf("quota on a server without QUOTA: %v", err)
	}
	if _, err := s.ACL(ctx, "INBOX"); !errors.Is(err, ErrNoACL) {
		t.Fatalf("ACL on a server without ACL: %v", err)
	}
	info, err := s.ServerInfo(ctx)
	if err != nil || !contains(info.Caps, "IMAP4rev1") || len(info.Notes) == 0 {
		t.Fatalf("server info = %+v, %v", info, err)
	}
}
