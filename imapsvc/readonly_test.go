package imapsvc

import (
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/memtest"
)

// TestReadOnlyNeverWrites: in a folder opened with EXAMINE, imapsvc itself
// sends no non-PEEK body fetch and no STORE, whatever it is asked; the
// embedded server would set \Seen or flags there.
func TestReadOnlyNeverWrites(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	memSeed(t, srv, "INBOX", 3)
	var trace syncBuffer
	s := connectMem(t, srv, &trace)
	ctx := testCtx(t)
	sel, err := s.Select(ctx, "INBOX", true, 50)
	if err != nil {
		t.Fatal(err)
	}
	mb := sel.Mailbox
	out, err := s.FetchItems(ctx, FetchRequest{Mailbox: mb, UIDs: []UID{1}, Items: "BODY[] BODY[TEXT]"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FetchMessage(ctx, mb, 2, true); err != nil {
		t.Fatal(err)
	}
	if sent(&trace, "UID STORE", "STORE") {
		t.Fatalf("STORE sent in a read-only folder:\n%s", trace.String())
	}
	c := srv.Dial(t)
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(allSeqs(), &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if slices.Contains(m.Flags, imap.FlagSeen) {
			t.Fatalf("UID %d got \\Seen in a folder opened with EXAMINE (fetch answer %q)", m.UID, out.Text)
		}
	}
	if err := s.CloseFolder(ctx, mb, []UID{3}); err != nil {
		t.Fatal(err)
	}
	if got := memSubjects(t, srv, "INBOX"); len(got) != 3 {
		t.Fatalf("closing a read-only folder expunged: %v", got)
	}
}
