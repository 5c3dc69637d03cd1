package imapsvc

import (
	"bytes"
	"testing"

	"tern/internal/dovetest"
	"tern/internal/memtest"
)

// TestFetchMessageRaw: the whole message, byte for byte, without setting
// \Seen; a UID that is gone is an error, not an empty file.
func TestFetchMessageRaw(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	raw := mixedMessage(100 << 10)
	srv.Append(t, "INBOX", raw)
	s := connectMem(t, srv, nil)
	sel := selectInbox(t, s)
	ctx := testCtx(t)
	uid := sel.Newest[0].UID
	var b bytes.Buffer
	n, err := s.FetchMessageRaw(ctx, sel.Mailbox, uid, &b)
	if err != nil || n != int64(len(raw)) || !bytes.Equal(b.Bytes(), raw) {
		t.Fatalf("got %d bytes (%d written), %v; want the %d appended", b.Len(), n, err, len(raw))
	}
	info, err := s.FetchInfo(ctx, sel.Mailbox, uid)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range info.Flags {
		if f == `\Seen` {
			t.Error("FetchMessageRaw set \\Seen")
		}
	}
	b.Reset()
	if _, err := s.FetchMessageRaw(ctx, sel.Mailbox, uid+100, &b); err == nil || b.Len() != 0 {
		t.Errorf("a missing UID gave %d bytes, err %v", b.Len(), err)
	}
}

// TestDovecotFetchMessageRaw: the same against Dovecot, which answers
// BODY.PEEK[] as a literal of RFC822.SIZE bytes.
func TestDovecotFetchMessageRaw(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	raw := mixedMessage(50 << 10)
	srv.Append(t, "alice", "INBOX", raw)
	s := New(dovecotAccount(t, srv, SecurityTLS), Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	sel := selectInbox(t, s)
	var b bytes.Buffer
	n, err := s.FetchMessageRaw(testCtx(t), sel.Mailbox, sel.Newest[0].UID, &b)
	if err != nil || n != int64(len(raw)) || !bytes.Equal(b.Bytes(), raw) {
		t.Fatalf("got %d bytes (%d written), %v; want the %d appended", b.Len(), n, err, len(raw))
	}
}
