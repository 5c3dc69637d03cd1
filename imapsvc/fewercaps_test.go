package imapsvc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// Issue 11, "servers with fewer extensions": Courier-IMAP 5 advertises
// none of these. Each row hides some from Dovecot through a strict proxy
// (a command that needs a hidden one is refused and recorded) and walks
// the main flows; each must work, or say why not.
// wire lists what the protocol trace must show instead: the fallback.
var fewerCaps = []struct {
	name string
	hide []string
	wire []string
}{
	{"none hidden", nil, []string{" UID MOVE 2 ", " LIST (SUBSCRIBED) ", " RETURN (STATUS (", " SELECT INBOX (CONDSTORE)", " UID SEARCH RETURN (ALL) FLAGGED", " UNSELECT", " ID (", " SUBJECT {6+}"}},
	{"MOVE", []string{"MOVE"}, []string{" UID COPY 2 ", ` UID STORE 2 +FLAGS.SILENT (\Deleted)`, " UID EXPUNGE 2\n"}},
	{"CONDSTORE", []string{"CONDSTORE", "QRESYNC"}, []string{" SELECT INBOX\n"}}, // QRESYNC implies CONDSTORE
	{"ESEARCH", []string{"ESEARCH"}, []string{" UID SEARCH FLAGGED"}},
	{"LIST-EXTENDED", []string{"LIST-EXTENDED"}, []string{`side: S3 LSUB "" "*"`}},
	{"LIST-STATUS", []string{"LIST-STATUS"}, []string{`"Archive" (`}},
	{"SPECIAL-USE", []string{"SPECIAL-USE"}, []string{` LIST "" "*"`}},
	{"UNSELECT", []string{"UNSELECT"}, []string{" CLOSE\n"}},
	{"ID", []string{"ID"}, nil},
	{"LITERAL+", []string{"LITERAL+"}, []string{" SUBJECT {6}\n"}},
	{"all at once", []string{"MOVE", "CONDSTORE", "QRESYNC", "ESEARCH", "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "UNSELECT", "ID", "LITERAL+"},
		[]string{" UID COPY 2 ", " UID SEARCH FLAGGED", `LSUB "" "*"`, " CLOSE\n", " SUBJECT {6}\n"}},
}

// TestFewerExtensions walks the main flows once per row, each row on an
// account of its own of one Dovecot.
func TestFewerExtensions(t *testing.T) {
	var users []dovetest.User
	for i := range fewerCaps {
		users = append(users, dovetest.User{Name: fmt.Sprintf("u%d", i), Password: "secret"})
	}
	srv := dovetest.Start(t, dovetest.Options{Users: users})
	for i, row := range fewerCaps {
		user := users[i].Name
		for n := 1; n <= 4; n++ {
			srv.Append(t, user, "INBOX", plainMessage(n))
		}
		t.Run(row.name, func(t *testing.T) {
			p := proxy.Start(t, srv.Addr)
			p.HideCapability(row.hide...)
			p.Strict()
			var trace syncBuffer
			host, port := splitHostPort(t, p.Addr)
			s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: user}, Options{Trace: &trace})
			t.Cleanup(s.Close)
			defer func() {
				if v := p.Violations(); len(v) > 0 {
					t.Errorf("tern used hidden capabilities:\n%s", strings.Join(v, "\n"))
				}
				if t.Failed() {
					t.Log(trace.String())
				}
			}()
			check := func() *imapclient.Client {
				c, err := srv.Dial(user)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { c.Close() })
				return c
			}
			walkFewer(t, s, check, row.hide)
			for _, w := range row.wire {
				if !strings.Contains(trace.String(), w) {
					t.Errorf("the trace lacks %q", w)
				}
			}
		})
	}
}

// walkFewer: connect, folders and their roles, status, open, read, flag,
// search, copy, move, delete and expunge, create/rename/delete a folder,
// subscriptions, server info, leaving the folder.
func walkFewer(t *testing.T, s *Service, check func() *imapclient.Client, hidden []string) {
	ctx := testCtx(t)
	hides := func(c string) bool { return slices.Contains(hidden, c) }
	sess, err := s.Connect(ctx, "secret")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range hidden {
		if contains(sess.Caps, c) {
			t.Fatalf("the proxy did not hide %s: %v", c, sess.Caps)
		}
	}

	// Folders, with their roles (by name where SPECIAL-USE is hidden) and
	// counts (by STATUS where LIST-STATUS is hidden).
	list, err := s.ListFolders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, f := range list.Folders {
		roles[string(f.Name)] = f.SpecialUse
		if f.Name == "INBOX" && f.Counts != nil && f.Counts.Messages != 4 {
			t.Errorf("INBOX counts %+v, want 4 messages", f.Counts)
		}
	}
	if roles["Trash"] != "Trash" || roles["Sent"] != "Sent" || roles["Archive"] != "Archive" {
		t.Errorf("roles = %v", roles)
	}
	if _, err := s.Counts(ctx, []FolderName{"INBOX", "Archive"}); err != nil {
		t.Fatalf("Counts: %v", err)
	}

	// STATUS with RECENT (side connection).
	st, err := s.Status(ctx, "INBOX")
	if err != nil || st.Messages != 4 || st.Unseen != 4 || st.Recent == nil {
		t.Fatalf("STATUS INBOX = %+v, %v", st, err)
	}
	if hides("CONDSTORE") != (st.HighestModSeq == nil) {
		t.Errorf("HIGHESTMODSEQ = %v with CONDSTORE hidden %v", st.HighestModSeq, hides("CONDSTORE"))
	}

	// Open, read, flag, search.
	sel, err := s.Select(ctx, "INBOX", false, 50)
	if err != nil || sel.Exists != 4 {
		t.Fatalf("SELECT = %+v, %v", sel, err)
	}
	mb := sel.Mailbox
	if uids, err := s.UIDs(ctx, mb); err != nil || !slices.Equal(uids.UIDs, []UID{1, 2, 3, 4}) {
		t.Fatalf("UIDs = %+v, %v", uids, err)
	}
	msg, err := s.FetchMessage(ctx, mb, 1, true)
	if err != nil || !strings.Contains(msg.Subject, "message 1") {
		t.Fatalf("read = %q, %v", msg.Subject, err)
	}
	if _, err := s.Store(ctx, mb, []UID{1, 2}, StoreAdd, []string{`\Flagged`}); err != nil {
		t.Fatalf("flag: %v", err)
	}
	res, err := s.Search(ctx, mb, "FLAGGED")
	if err != nil || !slices.Equal(res.UIDs, []UID{1, 2}) {
		t.Fatalf("SEARCH FLAGGED = %+v, %v", res, err)
	}
	// Non-ASCII goes in a literal: LITERAL+ or a synchronizing one.
	if res, err := s.Search(ctx, mb, "SUBJECT 中文"); err != nil || len(res.UIDs) != 0 {
		t.Fatalf("SEARCH SUBJECT 中文 = %+v, %v", res, err)
	}

	// Copy 1 and move 2 to Archive; delete 3 and expunge just it.
	cp, err := s.Copy(ctx, mb, []UID{1}, "Archive")
	if err != nil || len(cp.DestUIDs) != 1 {
		t.Fatalf("copy = %+v, %v", cp, err)
	}
	mv, err := s.Move(ctx, mb, []UID{2}, "Archive")
	if err != nil || mv.Fallback != hides("MOVE") {
		t.Fatalf("move = %+v, %v", mv, err)
	}
	if _, err := s.Store(ctx, mb, []UID{3}, StoreAdd, []string{`\Deleted`}); err != nil {
		t.Fatal(err)
	}
	if ex, err := s.Expunge(ctx, mb, []UID{3}, false); err != nil || !slices.Equal(ex.Expunged, []UID{3}) {
		t.Fatalf("expunge = %+v, %v", ex, err)
	}
	c := check()
	for folder, want := range map[string][]string{"INBOX": {"message 1", "message 4"}, "Archive": {"message 1", "message 2"}} {
		if got := serverSubjects(t, c, folder); !slices.Equal(got, want) {
			t.Errorf("the server's %s holds %q, want %q", folder, got, want)
		}
	}

	// A folder created, renamed and deleted; subscriptions follow.
	for _, step := range []func() error{
		func() error { return s.Create(ctx, "F1") },
		func() error { return s.Rename(ctx, "F1", "F2") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	subs, err := s.Subscribed(ctx)
	if err != nil || !slices.Contains(subs.Names, "F2") || slices.Contains(subs.Names, "F1") {
		t.Fatalf("subscriptions after rename = %+v, %v", subs, err)
	}
	if want := map[bool]string{true: "LSUB", false: "LIST (SUBSCRIBED)"}[hides("LIST-EXTENDED")]; subs.Via != want {
		t.Errorf("subscriptions via %q, want %q", subs.Via, want)
	}
	if err := s.Subscribe(ctx, "F2", false); err != nil {
		t.Fatal(err)
	}
	if subs, err = s.Subscribed(ctx); err != nil || slices.Contains(subs.Names, "F2") {
		t.Fatalf("after UNSUBSCRIBE: %+v, %v", subs, err)
	}
	if err := s.Delete(ctx, "F2"); err != nil {
		t.Fatal(err)
	}
	names, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if n.Mailbox == "F1" || n.Mailbox == "F2" {
			t.Errorf("the server still lists %s", n.Mailbox)
		}
	}

	// Server info: ID only where advertised, and a note where not.
	info, err := s.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if hides("ID") != (info.ID == nil) || hides("ID") != slices.Contains(info.Notes, "ID is not advertised") {
		t.Errorf("ID = %v with ID hidden %v (notes %q)", info.ID, hides("ID"), info.Notes)
	}

	// Leaving the folder: UNSELECT where advertised, else a clear refusal
	// (CLOSE would expunge).
	err = s.Unselect(ctx, mb)
	if hides("UNSELECT") {
		if err == nil || !strings.Contains(err.Error(), "UNSELECT") || !strings.Contains(err.Error(), ":close") {
			t.Errorf("UNSELECT without the capability: %v", err)
		}
		if err := s.CloseFolder(ctx, mb, nil); err != nil {
			t.Errorf("CLOSE: %v", err)
		}
	} else if err != nil {
		t.Errorf("UNSELECT: %v", err)
	}
}

// serverSubjects lists folder's subjects in UID order, on the second client.
func serverSubjects(t *testing.T, c *imapclient.Client, folder string) []string {
	t.Helper()
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	if uids := data.AllUIDs(); len(uids) > 0 {
		ms, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, Envelope: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(ms, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
		for _, m := range ms {
			out = append(out, m.Envelope.Subject)
		}
	}
	return out
}
