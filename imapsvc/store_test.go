package imapsvc

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/memtest"
)

func TestAllowFlags(t *testing.T) {
	cases := []struct {
		perm, typed []string
		want        []imap.Flag
		err         string
	}{
		{perm: []string{`\Seen`, `\*`}, typed: []string{`\seen`, "$Label1"}, want: []imap.Flag{imap.FlagSeen, "$Label1"}},
		{perm: []string{`\Seen`, "Junk", "NonJunk"}, typed: []string{"junk"}, want: []imap.Flag{"Junk"}},
		{perm: []string{`\Seen`, "Junk"}, typed: []string{"$label9"}, err: "does not keep $label9"},
		{perm: nil, typed: []string{"anything"}, want: []imap.Flag{"anything"}},
		{perm: []string{`\*`}, typed: []string{`\Bogus`}, err: `does not keep \Bogus`},
		{perm: []string{`\*`}, typed: nil, err: "no flags"},
	}
	for _, c := range cases {
		got, err := allowFlags(c.perm, c.typed)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("allowFlags(%v, %v) err = %v, want %q", c.perm, c.typed, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("allowFlags(%v, %v) = %v, %v; want %v", c.perm, c.typed, got, err, c.want)
		}
	}
}

func openMem(t *testing.T, n int) (*memtest.Server, *Service, Mailbox) {
	t.Helper()
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Archive")
	for i := 1; i <= n; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	s := connectMem(t, srv, nil)
	sel, err := s.Select(testCtx(t), "INBOX", false, 50)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UIDs(testCtx(t), sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	return srv, s, sel.Mailbox
}

// TestStoreForms: +FLAGS, -FLAGS and FLAGS with system flags and keywords;
// the server's FETCH answers come back in the result and as events.
func TestStoreForms(t *testing.T) {
	_, s, mb := openMem(t, 4)
	ctx := testCtx(t)
	res, err := s.Store(ctx, mb, []UID{1, 2, 3}, StoreAdd, []string{`\Flagged`, "$Label1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Updated) != 3 || !res.Updated[0].Flags.Flagged || !slices.Contains(res.Updated[0].Flags.Keywords, "$label1") {
		t.Fatalf("+FLAGS answered %+v", res.Updated)
	}
	var ev FlagsChanged
	waitEvent(t, s, func(e Event) bool {
		f, ok := e.(FlagsChanged)
		if ok && f.UID == 3 {
			ev = f
		}
		return ok && f.UID == 3
	})
	if !ev.Flags.Flagged {
		t.Fatalf("event %+v", ev)
	}
	res, err = s.Store(ctx, mb, []UID{2}, StoreRemove, []string{`\Flagged`})
	if err != nil || len(res.Updated) != 1 || res.Updated[0].Flags.Flagged {
		t.Fatalf("-FLAGS: %+v, %v", res, err)
	}
	res, err = s.Store(ctx, mb, []UID{1}, StoreReplace, []string{`\Seen`, "Junk"})
	if err != nil || len(res.Updated) != 1 {
		t.Fatalf("FLAGS: %+v, %v", res, err)
	}
	if f := res.Updated[0].Flags; !f.Seen || f.Flagged || len(f.Keywords) != 1 || !strings.EqualFold(f.Keywords[0], "junk") {
		t.Fatalf("FLAGS replaced to %+v", f)
	}
}

func TestStoreRefusedReadOnly(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", plainMessage(1))
	s := connectMem(t, srv, nil)
	sel, err := s.Select(testCtx(t), "INBOX", true, 50)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Store(testCtx(t), sel.Mailbox, []UID{1}, StoreAdd, []string{`\Flagged`})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("STORE after EXAMINE: %v, want a refusal", err)
	}
	if _, err := s.Move(testCtx(t), sel.Mailbox, []UID{1}, "Trash"); err == nil {
		t.Fatal("MOVE after EXAMINE was sent")
	}
}

// TestExpungeOnlyTheSet: with UIDPLUS only the chosen \Deleted messages go;
// the events name them by UID.
func TestExpungeOnlyTheSet(t *testing.T) {
	_, s, mb := openMem(t, 5)
	ctx := testCtx(t)
	if _, err := s.Store(ctx, mb, []UID{2, 3, 4}, StoreAdd, []string{`\Deleted`}); err != nil {
		t.Fatal(err)
	}
	plan, err := s.ExpungePlan(ctx, mb)
	if err != nil || !plan.UIDPlus || !slices.Equal(plan.Deleted, []UID{2, 3, 4}) {
		t.Fatalf("plan = %+v, %v", plan, err)
	}
	res, err := s.Expunge(ctx, mb, []UID{2, 4}, false)
	if err != nil || !slices.Equal(res.Expunged, []UID{2, 4}) {
		t.Fatalf("expunge = %+v, %v", res, err)
	}
	uids, err := s.UIDs(ctx, mb)
	if err != nil || !slices.Equal(uids.UIDs, []UID{1, 3, 5}) {
		t.Fatalf("left %v, %v; want 1 3 5 (3 is \\Deleted but not chosen)", uids.UIDs, err)
	}
}

// TestCopyAndUndoMove: COPY keeps the source; MOVE reports COPYUID and
// Undo brings the message back to the source.
func TestCopyAndUndoMove(t *testing.T) {
	_, s, mb := openMem(t, 3)
	ctx := testCtx(t)
	tr, err := s.Copy(ctx, mb, []UID{1}, "Archive")
	if err != nil || len(tr.DestUIDs) != 1 {
		t.Fatalf("copy = %+v, %v", tr, err)
	}
	tr, err = s.Move(ctx, mb, []UID{2, 3}, "Archive")
	if err != nil || tr.Fallback || !slices.Equal(tr.SourceUIDs, []UID{2, 3}) || len(tr.DestUIDs) != 2 {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	if err := s.Undo(ctx, tr); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(ctx, "Archive", true, 50)
	if err != nil || sel.Exists != 1 {
		t.Fatalf("Archive after undo: %+v, %v; want only the copy", sel, err)
	}
	sel, err = s.Select(ctx, "INBOX", false, 50)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, r := range sel.Newest {
		subjects = append(subjects, r.Subject)
	}
	slices.Sort(subjects)
	if !slices.Equal(subjects, []string{"message 1", "message 2", "message 3"}) {
		t.Fatalf("INBOX after undo: %v", subjects)
	}
	if err := s.Undo(ctx, Transfer{Source: mb, Dest: "Archive", Move: true}); !errors.Is(err, ErrNoCopyUID) {
		t.Fatalf("undo without COPYUID: %v", err)
	}
}

func TestSearchSortThreadEmbedded(t *testing.T) {
	_, s, mb := openMem(t, 6)
	ctx := testCtx(t)
	res, err := s.Search(ctx, mb, `OR SUBJECT "message 2" SUBJECT "message 5"`)
	if err != nil || !slices.Equal(res.UIDs, []UID{2, 5}) {
		t.Fatalf("search = %+v, %v", res, err)
	}
	if _, err := s.Search(ctx, mb, "FUZZY x"); err == nil || !strings.Contains(err.Error(), "FUZZY") {
		t.Fatalf("unknown key: %v", err)
	}
	// The embedded server has no SORT: arrival order, and a note.
	so, err := s.Sort(ctx, mb, SortSubject, true)
	if err != nil || !slices.Equal(so.UIDs, []UID{6, 5, 4, 3, 2, 1}) || !strings.Contains(so.Note, "cannot SORT") {
		t.Fatalf("sort = %+v, %v", so, err)
	}
	th, err := s.Thread(ctx, mb, []UID{1, 2, 3})
	if err != nil || th.Server || len(th.Threads) != 3 {
		t.Fatalf("thread = %+v, %v", th, err)
	}
}

func TestParseSearch(t *testing.T) {
	good := []string{"ALL", "FROM alice", `SUBJECT "two words"`, "SINCE 1-Jan-2026 BEFORE 2026-02-01",
		"NOT SEEN", "UNFLAGGED", "OR FROM a TO b", "(FROM a SUBJECT b) LARGER 100", "KEYWORD $label1",
		"UID 1:100,205,300:*", "HEADER List-Id golang", "ON 2-Feb-2026", "TEXT x BODY y"}
	for _, k := range good {
		if err := ParseSearch(k); err != nil {
			t.Errorf("ParseSearch(%q) = %v", k, err)
		}
	}
	bad := map[string]string{"FROM": "needs an argument", "SINCE yesterday": "needs a date",
		"LARGER big": "size", "XYZZY": `"XYZZY"`, `SUBJECT "open`: "unterminated", "(FROM a": "missing )",
		"OR FROM a": "two keys", "UID 0": "UID needs"}
	for k, want := range bad {
		if err := ParseSearch(k); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSearch(%q) = %v, want %q", k, err, want)
		}
	}
	c, _ := parseSearch("NOT SEEN FROM alice")
	if len(c.Not) != 1 || len(c.Header) != 1 || c.Header[0].Key != "From" {
		t.Errorf("criteria = %+v", c)
	}
}

func TestThreadByReplies(t *testing.T) {
	in := []threadMsg{
		{uid: 1, id: "<a@x>"},
		{uid: 2, id: "<b@x>", parent: "<A@x>"},
		{uid: 3, id: "<c@x>", parent: "<b@x>"},
		{uid: 4, id: "<d@x>", parent: "<gone@x>"},
		{uid: 5, id: "<e@x>", parent: "<f@x>"},
		{uid: 6, id: "<f@x>", parent: "<e@x>"},
	}
	out := threadByReplies(in)
	if len(out) != 3 || out[0].UID != 1 || out[0].Children[0].UID != 2 || out[0].Children[0].Children[0].UID != 3 ||
		out[1].UID != 4 || out[2].UID != 5 || out[2].Children[0].UID != 6 {
		t.Fatalf("threads = %+v", out)
	}
	nodes := threadNodes(imapclientThread())
	if len(nodes) != 1 || nodes[0].UID != 1 || nodes[0].Children[0].UID != 2 || len(nodes[0].Children[0].Children) != 2 {
		t.Fatalf("THREAD nodes = %+v", nodes)
	}
}

// imapclientThread is (1 2 (3)(4)) as go-imap parses it.
func imapclientThread() imapclient.ThreadData {
	return imapclient.ThreadData{Chain: []uint32{1, 2}, SubThreads: []imapclient.ThreadData{{Chain: []uint32{3}}, {Chain: []uint32{4}}}}
}
