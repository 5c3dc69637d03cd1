package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/memtest"
)

// gbkMessage is "中文测试" in a GBK subject and "你好，世界" in a GBK body.
const gbkMessage = "From: =?GBK?B?1cXI/Q==?= <zhang@example.cn>\r\n" +
	"To: alice@example.com\r\n" +
	"Subject: =?GBK?B?1tDOxLLiytQ=?=\r\n" +
	"Date: Sun, 01 Nov 2026 10:00:00 +0800\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=GBK\r\n" +
	"Content-Transfer-Encoding: base64\r\n\r\n" +
	"xOO6w6OsysC95w==\r\n"

func plainMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: Bob <bob@example.com>\r\nTo: alice@example.com\r\n"+
		"Subject: message %d\r\nDate: Sun, 01 Nov 2026 10:00:00 +0000\r\n\r\nbody %d\r\n", i, i))
}

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func connectMem(t *testing.T, srv *memtest.Server, trace *syncBuffer) *Service {
	t.Helper()
	opts := Options{}
	if trace != nil {
		opts.Trace = trace
	}
	s := New(Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: srv.Username}, opts)
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), srv.Password); err != nil {
		t.Fatalf("connect: %v", err)
	}
	return s
}

func TestBrowseEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Archive")
	srv.Create(t, "Archive/2025")
	for i := 1; i <= 30; i++ {
		flags := []imap.Flag{}
		if i%3 == 0 {
			flags = append(flags, imap.FlagSeen)
		}
		srv.Append(t, "INBOX", plainMessage(i), flags...)
	}
	srv.Append(t, "INBOX", []byte(gbkMessage))
	var trace syncBuffer
	s := connectMem(t, srv, &trace)
	ctx := testCtx(t)

	list, err := s.ListFolders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[FolderName]Folder{}
	for _, f := range list.Folders {
		names[f.Name] = f
	}
	if f, ok := names["Archive/2025"]; !ok || f.Delim != "/" {
		t.Fatalf("LIST = %+v, want Archive/2025 with delimiter /", list.Folders)
	}
	if c := names["INBOX"].Counts; c == nil || c.Messages != 31 || c.Unseen != 21 {
		t.Fatalf("INBOX counts = %+v, want 31 messages, 21 unseen (LIST-STATUS)", c)
	}

	sel, err := s.Select(ctx, "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if sel.Exists != 31 || len(sel.Newest) != 10 || sel.UIDValidity == 0 {
		t.Fatalf("selection = exists %d newest %d uidvalidity %d", sel.Exists, len(sel.Newest), sel.UIDValidity)
	}
	if got := sel.Newest[9].Subject; got != "中文测试" {
		t.Fatalf("newest subject = %q, want the decoded GBK subject", got)
	}
	if sel.Newest[0].HasDetails {
		t.Fatal("the first window must not fetch RFC822.SIZE or BODYSTRUCTURE")
	}

	uids, err := s.UIDs(ctx, sel.Mailbox)
	if err != nil || len(uids.UIDs) != 31 || uids.Unseen != 21 {
		t.Fatalf("UIDs = %v, %v", uids.UIDs, err)
	}
	rows, err := s.Rows(ctx, sel.Mailbox, 7, uids.UIDs[:5])
	if err != nil || len(rows.Rows) != 5 || rows.RequestID != 7 || rows.Rows[0].Subject != "message 1" {
		t.Fatalf("Rows = %+v, %v", rows, err)
	}
	det, err := s.Details(ctx, sel.Mailbox, 8, uids.UIDs[:2])
	if err != nil || len(det.Rows) != 2 || det.Rows[0].Size == 0 || !det.Rows[0].HasDetails {
		t.Fatalf("Details = %+v, %v", det, err)
	}

	gbkUID := uids.UIDs[30]
	msg, err := s.FetchMessage(ctx, sel.Mailbox, gbkUID, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.Text, "你好，世界") || msg.From != "张三 <zhang@example.cn>" || !msg.Flags.Seen {
		t.Fatalf("message = from %q text %q seen %v", msg.From, msg.Text, msg.Flags.Seen)
	}
	if !strings.Contains(trace.String(), "BODY.PEEK[TEXT]") {
		t.Fatalf("the body should be fetched with PEEK, then \\Seen stored; trace:\n%s", trace.String())
	}

	// A stale mailbox is refused rather than answered from another folder.
	if _, err := s.Select(ctx, "Archive", true, 10); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rows(ctx, sel.Mailbox, 9, uids.UIDs[:1]); !errors.Is(err, ErrStale) {
		t.Fatalf("Rows for the old folder: err = %v, want ErrStale", err)
	}
	if _, err := s.Select(ctx, "Nope", false, 10); err == nil {
		t.Fatal("SELECT of a missing folder should fail")
	} else if se := (*ServerError)(nil); !errors.As(err, &se) {
		t.Fatalf("SELECT error = %T %v, want a ServerError", err, err)
	}
	if err := s.Logout(ctx); err != nil {
		t.Fatalf("logout: %v", err)
	}
	if strings.Contains(trace.String(), srv.Password) {
		t.Fatal("trace leaks the password")
	}
}

func waitEvent(t *testing.T, s *Service, match func(Event) bool) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-s.Events():
			if match(ev) {
				return
			}
		case <-timeout:
			t.Fatal("timed out waiting for an event")
		}
	}
}
