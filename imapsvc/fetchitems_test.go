package imapsvc

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/cyrustest"
	"tern/internal/dovetest"
	"tern/internal/memtest"
	"tern/internal/servertest"
)

// fetchOK runs one :fetch and fails the test on an error.
func fetchOK(t *testing.T, s *Service, req FetchRequest) FetchResult {
	t.Helper()
	res, err := s.FetchItems(testCtx(t), req)
	if err != nil {
		t.Fatalf(":fetch %s %s: %v", req.Seq, req.Items, err)
	}
	return res
}

// checkSeedItems runs the walk-through's :fetch forms on a folder of at
// least three unseen messages whose first UID is first: the seed items
// RFC822.SIZE, RFC822.HEADER, RFC822.TEXT and RFC822, the macros with a
// sequence number, and 1:*. A non-PEEK item reports the \Seen it set.
func checkSeedItems(t *testing.T, s *Service, mb Mailbox, first UID) {
	res := fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "1", Items: "fast"})
	if !slices.Equal(res.UIDs, []UID{first}) || !strings.Contains(res.Text, "RFC822.SIZE ") || !strings.Contains(res.Text, "(sequence number 1)") ||
		!strings.Contains(res.Text, "INTERNALDATE ") || res.Seen || !strings.HasPrefix(res.Title, "FETCH 1 → UID FETCH") {
		t.Fatalf("1 fast = %+v", res)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "1:*", Items: "flags"})
	if len(res.UIDs) < 3 || res.UIDs[0] != first || strings.Count(res.Text, "FLAGS (") != len(res.UIDs) {
		t.Fatalf("1:* flags = %+v", res)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, UIDs: []UID{first}, Items: "rfc822.size"})
	if !strings.Contains(res.Text, "RFC822.SIZE ") || strings.Contains(res.Text, "FLAGS") {
		t.Fatalf("rfc822.size = %q", res.Text)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, UIDs: []UID{first}, Items: "RFC822.HEADER"})
	if !strings.Contains(res.Text, "Subject:") || strings.Contains(res.Text, "Body of") || res.Seen {
		t.Fatalf("rfc822.header = %+v", res)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "2", Items: "rfc822.text"})
	if !strings.Contains(strings.ToLower(res.Text), "body") || strings.Contains(res.Text, "Subject:") ||
		!res.Seen || len(res.Updated) != 1 || res.Updated[0].UID != res.UIDs[0] || !res.Updated[0].Flags.Seen {
		t.Fatalf("2 rfc822.text = %+v", res)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "3", Items: "(uid rfc822)"})
	if !strings.Contains(res.Text, "Subject:") || !strings.Contains(strings.ToLower(res.Text), "body") ||
		len(res.Updated) != 1 || !res.Updated[0].Flags.Seen {
		t.Fatalf("3 rfc822 = %+v", res)
	}
	res = fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "1", Items: "flags"})
	if !strings.Contains(res.Text, "FLAGS (") || strings.Contains(res.Text, `\Seen`) {
		t.Fatalf("message 1 was not fetched without PEEK but is no longer unseen: %q", res.Text)
	}
	for _, bad := range []FetchRequest{{Seq: "0", Items: "flags"}, {Seq: "99", Items: "flags"}, {Seq: "1", Items: "flagz"}} {
		bad.Mailbox = mb
		if _, err := s.FetchItems(testCtx(t), bad); err == nil {
			t.Errorf(":fetch %s %s was accepted", bad.Seq, bad.Items)
		}
	}
}

// TestFetchSeedItems: on the embedded server.
func TestFetchSeedItems(t *testing.T) {
	_, s, mb := openMem(t, 4)
	checkSeedItems(t, s, mb, 1)
}

// TestFetchSeqUnknown: a sequence number whose UID tern has not learnt yet
// (outside the first window) is resolved with FETCH n (UID) on the same
// connection, then fetched by UID.
func TestFetchSeqUnknown(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= 10; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	var trace syncBuffer
	s := connectMem(t, srv, &trace)
	sel, err := s.Select(testCtx(t), "INBOX", false, 3) // learns 8..10 only
	if err != nil {
		t.Fatal(err)
	}
	trace.drain()
	res := fetchOK(t, s, FetchRequest{Mailbox: sel.Mailbox, Seq: "2,9", Items: "envelope"})
	if !slices.Equal(res.UIDs, []UID{2, 9}) || !strings.Contains(res.Text, "message 2") || !strings.Contains(res.Text, "message 9") {
		t.Fatalf("2,9 = %+v", res)
	}
	sent := trace.drain()
	if !strings.Contains(sent, " FETCH 2 (UID)") || !strings.Contains(sent, "UID FETCH 2,9 ") {
		t.Fatalf("protocol:\n%s", sent)
	}
}

// TestFetchBounded: the answer stops growing at the cap the caller gives;
// the messages past it are read and dropped, and counted.
func TestFetchBounded(t *testing.T) {
	_, s, mb := openMem(t, 5)
	var b strings.Builder
	out := FetchResult{Mailbox: mb}
	err := s.do(testCtx(t), func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		opts, _ := ParseFetchItems("body.peek[]")
		return s.fetchItems(c, uidSet([]UID{1, 2, 3, 4, 5}), opts, 300, &b, &out)
	})
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() > 600 || !strings.Contains(b.String(), "more messages not shown") || strings.Contains(b.String(), "UID 5") {
		t.Fatalf("%d bytes:\n%s", b.Len(), b.String())
	}
	// The connection is still in step: the next command answers.
	if res := fetchOK(t, s, FetchRequest{Mailbox: mb, UIDs: []UID{5}, Items: "uid"}); !strings.Contains(res.Text, "UID 5") {
		t.Fatalf("after the cut: %q", res.Text)
	}
}

// TestCyrusFetchWalkthrough: the same forms on Cyrus, and a sequence
// number follows an EXPUNGE by another client: after message 1 goes,
// ":fetch 1" names the message that was 2.
func TestCyrusFetchWalkthrough(t *testing.T) {
	srv := cyrustest.Start(t, cyrustest.Options{})
	s, _ := tracedService(t, cyrusAccount(t, srv, SecurityTLS), Options{})
	mb := openInbox(t, s)
	checkSeedItems(t, s, mb, 1)
	checkSeqAfterExpunge(t, s, mb, srv)
}

// checkSeqAfterExpunge: after another client of alice's on srv expunges
// UID 1, ":fetch 1" names UID 2.
func checkSeqAfterExpunge(t *testing.T, s *Service, mb Mailbox, srv servertest.Dialer) {
	t.Helper()
	other := servertest.Login(t, srv, "alice")
	if _, err := other.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	addFlag(t, other, imap.UIDSetNum(1), imap.FlagDeleted)
	if err := other.UIDExpunge(imap.UIDSetNum(1)).Close(); err != nil {
		t.Fatal(err)
	}
	waitExpunged(t, s, 1)
	res := fetchOK(t, s, FetchRequest{Mailbox: mb, Seq: "1", Items: "uid"})
	if !slices.Equal(res.UIDs, []UID{2}) {
		t.Fatalf("after expunging UID 1, :fetch 1 fetched %v", res.UIDs)
	}
}

// waitExpunged waits for the service to report uid expunged.
func waitExpunged(t *testing.T, s *Service, uid UID) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-s.Events():
			if e, ok := ev.(Expunged); ok && e.UID == uid {
				return
			}
		case <-timeout:
			t.Fatalf("no EXPUNGE of UID %d arrived", uid)
		}
	}
}

// TestDovecotFetchSeedItems: the same forms on Dovecot, with the
// expunge-shifted sequence number.
func TestDovecotFetchSeedItems(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	for i := 1; i <= 4; i++ {
		srv.Append(t, "alice", "INBOX", plainMessage(i))
	}
	s, _ := tracedService(t, dovecotAccount(t, srv, SecurityTLS), Options{})
	mb := openInbox(t, s)
	checkSeedItems(t, s, mb, 1)
	checkSeqAfterExpunge(t, s, mb, srv)
}
