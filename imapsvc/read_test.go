package imapsvc

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/memtest"
	"tern/mailtext"
)

// attachmentBytes is a deterministic binary payload of n bytes.
func attachmentBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

func b64Lines(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(enc) > 76 {
		out.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	return out.String() + enc + "\r\n"
}

// mixedMessage has a short text, an HTML alternative, a forwarded message
// (itself multipart) and a binary attachment of size n.
func mixedMessage(n int) []byte {
	return []byte("From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: report\r\n" +
		"Date: Sun, 01 Nov 2026 10:00:00 +0000\r\nMessage-ID: <r1@example.org>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=OUT\r\n\r\n" +
		"--OUT\r\nContent-Type: multipart/alternative; boundary=ALT\r\n\r\n" +
		"--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShort plain text.\r\n> quoted\r\n" +
		"--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Short <b>HTML</b> text with <a href=\"https://example.org/x\">a link</a>.</p>\r\n" +
		"--ALT--\r\n" +
		"--OUT\r\nContent-Type: message/rfc822\r\n\r\n" +
		"From: Cy <cy@example.org>\r\nSubject: forwarded\r\nContent-Type: multipart/mixed; boundary=IN\r\n\r\n" +
		"--IN\r\nContent-Type: text/plain\r\n\r\ninner text\r\n--IN\r\nContent-Type: text/plain; name=in.txt\r\n\r\ninner file\r\n--IN--\r\n" +
		"--OUT\r\nContent-Type: message/rfc822\r\n\r\nFrom: Di <di@example.org>\r\nSubject: single\r\n\r\nsingle body\r\n" +
		"--OUT\r\nContent-Type: application/octet-stream; name=\"../../etc/data.bin\"\r\n" +
		"Content-Disposition: attachment; filename=\"../../etc/data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		b64Lines(attachmentBytes(n)) + "--OUT--\r\n")
}

const signedMessage = "From: Ann <ann@example.org>\r\nSubject: signed\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256; boundary=S\r\n\r\n" +
	"--S\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n" +
	"--S\r\nContent-Type: application/pgp-signature; name=signature.asc\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\nxx\r\n-----END PGP SIGNATURE-----\r\n--S--\r\n"

// samePaths compares two trees by path and type, as IMAP numbers them.
func samePaths(t *testing.T, got, want mailtext.Part) {
	t.Helper()
	if got.Section() != want.Section() || got.Type+"/"+got.Subtype != want.Type+"/"+want.Subtype || len(got.Children) != len(want.Children) {
		t.Fatalf("toPart %s %s/%s (%d children), ParseRaw %s %s/%s (%d children)",
			got.Section(), got.Type, got.Subtype, len(got.Children), want.Section(), want.Type, want.Subtype, len(want.Children))
	}
	for i := range got.Children {
		samePaths(t, got.Children[i], want.Children[i])
	}
}

// checkToPart fetches BODYSTRUCTURE of every message in INBOX and checks
// that toPart numbers it as ParseRaw numbers the raw message.
func checkToPart(t *testing.T, c *imapclient.Client, raws [][]byte) {
	t.Helper()
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	var set imap.SeqSet
	set.AddRange(1, uint32(len(raws)))
	msgs, err := c.Fetch(set, &imap.FetchOptions{BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}).Collect()
	if err != nil || len(msgs) != len(raws) {
		t.Fatalf("fetch: %d messages, %v", len(msgs), err)
	}
	for i, m := range msgs {
		want, _ := mailtext.ParseRaw(raws[m.SeqNum-1])
		samePaths(t, toPart(m.BodyStructure, nil), want)
		if i == 0 && len(toPart(m.BodyStructure, nil).Children) < 3 {
			t.Fatal("the mixed message lost parts")
		}
	}
}

func TestToPartMatchesParseRawEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	raws := [][]byte{mixedMessage(100), []byte(signedMessage), []byte(gbkMessage),
		[]byte("Subject: top\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nbody\r\n")}
	for _, r := range raws {
		srv.Append(t, "INBOX", r)
	}
	c := srv.Dial(t)
	checkToPart(t, c, raws)
}

func selectInbox(t *testing.T, s *Service) Selection {
	t.Helper()
	sel, err := s.Select(testCtx(t), "INBOX", false, 50)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func TestReadingEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", mixedMessage(300<<10))
	srv.Append(t, "INBOX", []byte(signedMessage))
	s := connectMem(t, srv, nil)
	sel := selectInbox(t, s)
	ctx := testCtx(t)
	uid := sel.Newest[0].UID

	plain, err := s.FetchMessage(ctx, sel.Mailbox, uid, false)
	if err != nil || !strings.Contains(plain.Text, "Short plain text.") || plain.HTML || !plain.HasHTML {
		t.Fatalf("plain: %+v, %v", plain, err)
	}
	html, err := s.FetchBody(ctx, sel.Mailbox, uid, true)
	if err != nil || !html.HTML || !strings.Contains(html.Text, "a link [1]") || !strings.Contains(html.Text, "[1] https://example.org/x") {
		t.Fatalf("html: %q, %v", html.Text, err)
	}
	var att PartInfo
	for _, p := range plain.Parts {
		if p.Name != "" && strings.HasSuffix(p.Name, "data.bin") {
			att = p
		}
	}
	if att.Section != "4" || !att.Attachment || att.Encoding != "base64" {
		t.Fatalf("parts = %+v", plain.Parts)
	}

	hdr, err := s.FetchHeader(ctx, sel.Mailbox, uid)
	if err != nil || !strings.Contains(hdr, "Message-ID: <r1@example.org>") || !strings.Contains(hdr, "MIME-Version: 1.0") {
		t.Fatalf("header = %q, %v", hdr, err)
	}

	page, err := s.FetchRaw(ctx, sel.Mailbox, uid, 0, 1000)
	if err != nil || len(page.Text) > 1000 || page.Total < 300<<10 || !strings.HasPrefix(page.Text, "From: Ann") {
		t.Fatalf("raw page: %d bytes, total %d, %v", len(page.Text), page.Total, err)
	}
	next, err := s.FetchRaw(ctx, sel.Mailbox, uid, 1000, 1000)
	if err != nil || next.Offset != 1000 || next.Text == page.Text {
		t.Fatalf("second raw page: %+v, %v", next, err)
	}

	info, err := s.FetchInfo(ctx, sel.Mailbox, uid)
	if err != nil || info.Size != page.Total || info.Envelope.MessageID != "<r1@example.org>" && info.Envelope.MessageID != "r1@example.org" {
		t.Fatalf("info: %+v, %v", info, err)
	}
	tree := strings.Join(info.Structure, "\n")
	for _, want := range []string{"- multipart/mixed", "  1 multipart/alternative", "    1.1 text/plain", "  2 message/rfc822", "    2.1 text/plain", "  3 message/rfc822", "    3.1 text/plain", "  4 application/octet-stream"} {
		if !strings.Contains(tree, want) {
			t.Errorf("structure lacks %q:\n%s", want, tree)
		}
	}

	res, err := s.FetchItems(ctx, FetchRequest{Mailbox: sel.Mailbox, UIDs: []UID{uid}, Items: "(flags body.peek[header.fields (from subject)] body.peek[1.1])"})
	items := res.Text
	if err != nil || !strings.Contains(items, "BODY[HEADER.FIELDS (FROM SUBJECT)]") || !strings.Contains(items, "From: Ann <ann@example.org>") ||
		!strings.Contains(items, "Short plain text.") || strings.Contains(items, "Message-ID") {
		t.Fatalf(":fetch = %q, %v", items, err)
	}
	if _, err := s.FetchItems(ctx, FetchRequest{Mailbox: sel.Mailbox, UIDs: []UID{uid}, Items: "body[header.fields from]"}); err == nil {
		t.Fatal("a malformed item list was accepted")
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "data.bin")
	n, err := s.SavePart(ctx, sel.Mailbox, uid, att, path, false, 1)
	got, _ := os.ReadFile(path)
	if err != nil || n != 300<<10 || !bytes.Equal(got, attachmentBytes(300<<10)) {
		t.Fatalf("save: %d bytes, %v", n, err)
	}
	if _, err := s.SavePart(ctx, sel.Mailbox, uid, att, path, false, 2); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second save without overwrite: %v", err)
	}
	var progress int
	for len(s.Events()) > 0 {
		if p, ok := (<-s.Events()).(SaveProgress); ok && p.ID == 1 && p.Total > 0 {
			progress++
		}
	}
	if progress == 0 {
		t.Error("no SaveProgress events")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("save left %d files, want 1", len(entries))
	}

	signed, err := s.FetchMessage(ctx, sel.Mailbox, sel.Newest[1].UID, false)
	if err != nil || !strings.Contains(strings.Join(signed.Notes, "\n"), "signed (application/pgp-signature)") || !strings.Contains(signed.Text, "signed text") {
		t.Fatalf("signed: %+v, %v", signed, err)
	}
}
