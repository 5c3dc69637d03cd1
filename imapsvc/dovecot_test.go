package imapsvc

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
)

func dovecotAccount(t testing.TB, srv *dovetest.Server, sec Security) Account {
	t.Helper()
	return serverAccount(t, srv.Addr, srv.TLSAddr, srv.CAFile, sec)
}

// TestDovecotTLS: certificates are verified; ca_file makes a private CA
// trusted; tls_skip_verify is reported as insecure.
func TestDovecotTLS(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	for _, sec := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(sec), func(t *testing.T) {
			acct := dovecotAccount(t, srv, sec)
			untrusted := acct
			untrusted.CAFile = ""
			s := New(untrusted, Options{})
			defer s.Close()
			_, err := s.Connect(testCtx(t), "secret")
			if err == nil || !strings.Contains(err.Error(), "not trusted") || !strings.Contains(err.Error(), acct.Host) {
				t.Fatalf("unknown CA: err = %v, want a refusal naming the host", err)
			}

			var trace syncBuffer
			s2 := New(acct, Options{Trace: &trace})
			defer s2.Close()
			sess, err := s2.Connect(testCtx(t), "secret")
			if err != nil {
				t.Fatalf("with ca_file: %v", err)
			}
			if sess.Insecure || !contains(sess.Caps, "IDLE") {
				t.Fatalf("session = %+v", sess)
			}
			if strings.Contains(trace.String(), "secret") {
				t.Fatal("trace leaks the password")
			}

			skip := untrusted
			skip.TLSSkipVerify = true
			s3 := New(skip, Options{})
			defer s3.Close()
			if sess, err := s3.Connect(testCtx(t), "secret"); err != nil || !sess.Insecure {
				t.Fatalf("tls_skip_verify: %+v, %v", sess, err)
			}
		})
	}
}

// TestDovecotLoginDisabled: Dovecot on 127.0.0.2 forbids cleartext login.
func TestDovecotLoginDisabled(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{ListenIP: "127.0.0.2"})
	acct := dovecotAccount(t, srv, SecurityPlain)
	s := New(acct, Options{})
	defer s.Close()
	if _, err := s.Connect(testCtx(t), "secret"); err == nil || !strings.Contains(err.Error(), "LOGINDISABLED") {
		t.Fatalf("err = %v, want LOGINDISABLED honoured", err)
	}
}

// TestDovecotBrowse: Cyrus-style "." hierarchy, LIST-STATUS counts, a GBK
// message read as Chinese text.
func TestDovecotBrowse(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{Separator: "."})
	srv.SeedMaildir(t, "alice", "Lists.golang", 3, plainMessage)
	srv.Append(t, "alice", "INBOX", []byte(gbkMessage))
	s := New(dovecotAccount(t, srv, SecurityTLS), Options{})
	defer s.Close()
	ctx := testCtx(t)
	if _, err := s.Connect(ctx, "secret"); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListFolders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range list.Folders {
		if f.Name == "Lists.golang" {
			found = f.Delim == "." && f.Counts != nil && f.Counts.Messages == 3
		}
		if f.Name == "Trash" && f.SpecialUse != "Trash" {
			t.Errorf("Trash special use = %q", f.SpecialUse)
		}
	}
	if !found || list.CountsPending {
		t.Fatalf("folders = %+v, want Lists.golang with delimiter . and 3 messages", list.Folders)
	}
	sel, err := s.Select(ctx, "INBOX", false, 50)
	if err != nil {
		t.Fatal(err)
	}
	if sel.Exists != 1 || sel.Recent != 1 || sel.FirstUnseen != 1 {
		t.Fatalf("selection = %+v, want EXISTS 1, RECENT 1, [UNSEEN 1] as Dovecot reports them", sel)
	}
	if uids, err := s.UIDs(ctx, sel.Mailbox); err != nil || uids.Unseen != 1 {
		t.Fatalf("UIDs = %+v, %v; want 1 unseen", uids, err)
	}
	msg, err := s.FetchMessage(ctx, sel.Mailbox, sel.Newest[0].UID, true)
	if err != nil {
		t.Fatal(err)
	}
	if msg.Subject != "中文测试" || !strings.Contains(msg.Text, "你好，世界") {
		t.Fatalf("message = %q / %q", msg.Subject, msg.Text)
	}
	// Without LIST-STATUS the counts would come from Counts; check it too.
	counts, err := s.Counts(ctx, []FolderName{"INBOX", "Lists.golang", "Nope"})
	if err != nil || counts.Counts["Lists.golang"].Messages != 3 || counts.Errors["Nope"] == "" {
		t.Fatalf("counts = %+v, %v", counts, err)
	}
}

func contains[T ~string](list []T, s T) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func splitHostPort(t testing.TB, addr string) (string, int) {
	t.Helper()
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(portStr)
	return host, port
}

// TestDovecotLiveEvents: another client's APPEND, STORE and EXPUNGE reach Events
// by UID while the service idles.
func TestDovecotLiveEvents(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 3, plainMessage)
	s, _ := tracedService(t, dovecotAccount(t, srv, SecurityTLS), Options{})
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	sel, err := s.Select(ctx, "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UIDs(ctx, sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	// The service idles after Select and again after UIDs; wait for the
	// second so the changes below happen while it idles.
	isIdle := func(ev Event) bool { sc, ok := ev.(StateChanged); return ok && sc.State == StateIdle }
	waitEvent(t, s, isIdle)
	waitEvent(t, s, isIdle)

	other := srv.Selected(t, "alice", "INBOX")
	secondUID := sel.Newest[1].UID
	if err := other.Store(imap.UIDSetNum(imap.UID(secondUID)), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagFlagged, imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, s, func(ev Event) bool {
		f, ok := ev.(FlagsChanged)
		return ok && f.UID == secondUID && f.Flags.Flagged
	})
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, s, func(ev Event) bool { e, ok := ev.(Expunged); return ok && e.UID == secondUID })

	msg := plainMessage(4)
	app := other.Append("INBOX", int64(len(msg)), nil)
	app.Write(msg)
	app.Close()
	if _, err := app.Wait(); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, s, func(ev Event) bool { e, ok := ev.(Exists); return ok && e.Count == 3 })
	// The service's map follows: the next UIDs call knows the new message.
	uids, err := s.UIDs(ctx, sel.Mailbox)
	if err != nil || len(uids.UIDs) != 3 {
		t.Fatalf("UIDs after expunge and append = %v, %v", uids.UIDs, err)
	}
}
