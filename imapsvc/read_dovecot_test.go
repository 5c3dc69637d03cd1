package imapsvc

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tern/internal/dovetest"
)

// bigAttachment makes the raw message about 20 MB: 15 MiB of attachment,
// base64-encoded.
const bigAttachment = 15 << 20

// TestDovecotPartialFetch: showing the text of a 20 MB message transfers
// the text part only (measured from the protocol trace, which holds every
// byte both ways), BINARY is used where Dovecot offers it, parts are
// numbered as ParseRaw numbers them, and the attachment saves intact.
func TestDovecotPartialFetch(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	raw := mixedMessage(bigAttachment)
	srv.SeedMaildir(t, "alice", "INBOX", 1, func(int) []byte { return raw })
	srv.Append(t, "alice", "INBOX", []byte(signedMessage))

	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	checkToPart(t, c, [][]byte{raw, []byte(signedMessage)})
	c.Close()

	var trace syncBuffer
	s := New(dovecotAccount(t, srv, SecurityTLS), Options{Trace: &trace})
	defer s.Close()
	ctx := testCtx(t)
	if _, err := s.Connect(ctx, "secret"); err != nil {
		t.Fatal(err)
	}
	sel := selectInbox(t, s)
	before := trace.Len()
	msg, err := s.FetchMessage(ctx, sel.Mailbox, sel.Newest[0].UID, true)
	if err != nil || !strings.Contains(msg.Text, "Short plain text.") {
		t.Fatalf("message: %q, %v\n%s", msg.Text, err, trace.String()[before:])
	}
	moved := trace.Len() - before
	if moved > 64<<10 {
		t.Fatalf("showing the text moved %d bytes; the attachment was transferred", moved)
	}
	if !strings.Contains(trace.String(), "BINARY.PEEK[1.1]") {
		t.Errorf("BINARY not used for the text part:\n%s", trace.String()[before:])
	}

	info, err := s.FetchInfo(ctx, sel.Mailbox, sel.Newest[0].UID)
	if err != nil || info.Size != int64(len(raw)) {
		t.Fatalf("info size %d, want %d (%v)", info.Size, len(raw), err)
	}
	before = trace.Len()
	page, err := s.FetchRaw(ctx, sel.Mailbox, sel.Newest[0].UID, 4096, 4096)
	if err != nil || len(page.Text) == 0 || trace.Len()-before > 16<<10 {
		t.Fatalf("raw page moved %d bytes (%v)", trace.Len()-before, err)
	}

	var att PartInfo
	for _, p := range msg.Parts {
		if p.Section == "4" {
			att = p
		}
	}
	path := filepath.Join(t.TempDir(), "data.bin")
	if n, err := s.SavePart(ctx, sel.Mailbox, sel.Newest[0].UID, att, path, false, 7); err != nil || n != bigAttachment {
		t.Fatalf("save: %d, %v", n, err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, attachmentBytes(bigAttachment)) {
		t.Fatal("saved attachment differs")
	}
}

// BenchmarkOpenLargeMessage opens a 20 MB message (short text, 15 MiB
// attachment) on Dovecot over TLS: structure, envelope and the text part,
// as the viewer does. Target: under 200 ms.
func BenchmarkOpenLargeMessage(b *testing.B) {
	srv := dovetest.Start(b, dovetest.Options{})
	raw := mixedMessage(bigAttachment)
	srv.SeedMaildir(b, "alice", "INBOX", 1, func(int) []byte { return raw })
	acct := Account{Security: SecurityTLS, Username: "alice", CAFile: srv.CAFile}
	acct.Host, acct.Port = splitHostPort(b, srv.TLSAddr)
	s := New(acct, Options{})
	defer s.Close()
	ctx := testCtx(b)
	if _, err := s.Connect(ctx, "secret"); err != nil {
		b.Fatal(err)
	}
	sel, err := s.Select(ctx, "INBOX", true, 10)
	if err != nil || len(sel.Newest) != 1 {
		b.Fatalf("select: %v", err)
	}
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		msg, err := s.FetchMessage(ctx, sel.Mailbox, sel.Newest[0].UID, false)
		total += time.Since(start)
		if err != nil || !strings.Contains(msg.Text, "Short plain text.") {
			b.Fatalf("%q, %v", msg.Text, err)
		}
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-text")
}
