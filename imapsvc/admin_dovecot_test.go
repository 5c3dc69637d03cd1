package imapsvc

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"tern/internal/dovetest"
)

// adminServer is a Dovecot with quota, ACL and a second user, and alice
// logged in on it.
func adminServer(t *testing.T, quotaKB int64) (*dovetest.Server, *Service) {
	t.Helper()
	srv := dovetest.Start(t, dovetest.Options{
		QuotaStorageKB: quotaKB,
		Users:          []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "bobpw"}},
	})
	s := New(dovecotAccount(t, srv, SecurityTLS), Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	return srv, s
}

func folderNames(t *testing.T, s *Service) map[FolderName]bool {
	t.Helper()
	list, err := s.ListFolders(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	names := map[FolderName]bool{}
	for _, f := range list.Folders {
		names[f.Name] = !f.NoSelect
	}
	return names
}

// TestDovecotFolderManagement: CREATE makes a hierarchy with Unicode
// names, DELETE refuses a parent with the server's reason, RENAME moves a
// folder under another parent, SUBSCRIBE/UNSUBSCRIBE change LIST
// (SUBSCRIBED).
func TestDovecotFolderManagement(t *testing.T) {
	_, s := adminServer(t, 0)
	ctx := testCtx(t)
	for _, name := range []string{"A/B/C", "中文", "Überweisung", "a&b", "Projekte/Ärger"} {
		if err := s.Create(ctx, FolderName(name)); err != nil {
			t.Fatalf("CREATE %s: %v", name, err)
		}
	}
	names := folderNames(t, s)
	for _, want := range []FolderName{"A", "A/B", "A/B/C", "中文", "Überweisung", "a&b", "Projekte", "Projekte/Ärger"} {
		if !names[want] {
			t.Errorf("after CREATE, LIST lacks selectable %q: %v", want, names)
		}
	}
	if err := s.Create(ctx, "中文"); err == nil {
		t.Error("CREATE of an existing folder succeeded")
	}

	// A parent with children is refused with an explanation (Dovecot
	// itself would delete it and leave A/B/C behind).
	err := s.Delete(ctx, "A/B")
	if ce, ok := err.(*ChildrenError); !ok || len(ce.Children) != 1 || ce.Children[0] != "A/B/C" {
		t.Fatalf("DELETE A/B with a child: %v, want a refusal naming A/B/C", err)
	}
	// INBOX: the server's own NO, with its text.
	var se *ServerError
	if err := s.Delete(ctx, "INBOX"); !asServerError(err, &se) || se.Text == "" {
		t.Fatalf("DELETE INBOX: %v, want the server's NO", err)
	}

	// RENAME under another parent keeps the messages and the subscription.
	if _, err := s.Select(ctx, "中文", false, 10); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, "中文", "A/中文2"); err != nil {
		t.Fatalf("RENAME: %v", err)
	}
	names = folderNames(t, s)
	if names["中文"] || !names["A/中文2"] {
		t.Fatalf("after RENAME: %v", names)
	}
	sub, err := s.Subscribed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(sub.Names, "A/中文2") || contains(sub.Names, "中文") {
		t.Fatalf("subscriptions after RENAME = %v", sub.Names)
	}

	if err := s.Subscribe(ctx, "a&b", false); err != nil {
		t.Fatal(err)
	}
	if sub, _ := s.Subscribed(ctx); contains(sub.Names, "a&b") || !contains(sub.Names, "Überweisung") {
		t.Fatalf("after UNSUBSCRIBE a&b: %v", sub.Names)
	}
	if err := s.Subscribe(ctx, "a&b", true); err != nil {
		t.Fatal(err)
	}
	if sub, _ := s.Subscribed(ctx); !contains(sub.Names, "a&b") {
		t.Fatalf("after SUBSCRIBE a&b: %v", sub.Names)
	}

	// DELETE of leaves, then of the emptied parent.
	for _, name := range []FolderName{"A/B/C", "A/B", "a&b"} {
		if err := s.Delete(ctx, name); err != nil {
			t.Fatalf("DELETE %s: %v", name, err)
		}
	}
	names = folderNames(t, s)
	if _, ok := names["A/B"]; ok || names["a&b"] {
		t.Fatalf("after DELETE: %v", names)
	}
}

func asServerError(err error, se **ServerError) bool {
	e, ok := err.(*ServerError)
	*se = e
	return ok
}

// TestDovecotStatusQuotaACL: STATUS matches the folder; quota usage and
// limit match the configured quota after known deliveries; GETACL shows a
// right granted to bob; SETACL/DELETEACL; server info has NAMESPACE and ID.
func TestDovecotStatusQuotaACL(t *testing.T) {
	srv, s := adminServer(t, 1024)
	ctx := testCtx(t)
	big := bytes.Repeat([]byte("0123456789abcdef"), 64*1024/16) // 64 KiB body
	for i := range 3 {
		msg := fmt.Sprintf("From: a@example.org\r\nSubject: %d\r\n\r\n%s\r\n", i, big)
		srv.Append(t, "alice", "INBOX", []byte(msg))
	}
	if err := s.Create(ctx, "Shared"); err != nil {
		t.Fatal(err)
	}

	st, err := s.Status(ctx, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != 3 || st.Unseen != 3 || st.UIDNext != 4 || st.UIDValidity == 0 ||
		st.Size == nil || *st.Size < 3*64*1024 || st.HighestModSeq == nil || st.Recent == nil || *st.Recent != 3 {
		t.Fatalf("STATUS INBOX = %+v", st)
	}

	quotas, err := s.QuotaRoots(ctx, []FolderName{"INBOX", "Shared"})
	if err != nil || len(quotas) != 1 {
		t.Fatalf("quota = %+v, %v; want one root", quotas, err)
	}
	var storage *QuotaResource
	for i, r := range quotas[0].Resources {
		if r.Name == "STORAGE" {
			storage = &quotas[0].Resources[i]
		}
	}
	if storage == nil || storage.Limit != 1024 || storage.Usage < 192 || storage.Usage > 200 {
		t.Fatalf("STORAGE = %+v, want limit 1024 KiB and about 192 KiB used", storage)
	}
	if len(quotas[0].Folders) != 2 {
		t.Fatalf("folders of the root = %v", quotas[0].Folders)
	}

	if err := s.SetACL(ctx, "Shared", "bob", "lr"); err != nil {
		t.Fatalf("SETACL: %v", err)
	}
	if err := s.SetACL(ctx, "Shared", "bob", "+w"); err != nil {
		t.Fatalf("SETACL +w: %v", err)
	}
	acl, err := s.ACL(ctx, "Shared")
	if err != nil {
		t.Fatal(err)
	}
	if rights := aclRights(acl, "bob"); rights != "lrw" {
		t.Fatalf("GETACL = %+v, want bob with lrw", acl)
	}
	if !strings.Contains(acl.MyRights, "a") || !strings.Contains(acl.MyRights, "l") {
		t.Fatalf("MYRIGHTS = %q", acl.MyRights)
	}
	if err := s.DeleteACL(ctx, "Shared", "bob"); err != nil {
		t.Fatalf("DELETEACL: %v", err)
	}
	if acl, _ := s.ACL(ctx, "Shared"); aclRights(acl, "bob") != "" {
		t.Fatalf("after DELETEACL: %+v", acl)
	}

	info, err := s.ServerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(info.Caps, "ACL") || len(info.Namespaces) == 0 || len(info.ID) == 0 || info.ID[0][1] != "Dovecot" {
		t.Fatalf("server info = %+v", info)
	}
}

func aclRights(acl ACL, id string) string {
	for _, e := range acl.Entries {
		if e.ID == id {
			return e.Rights
		}
	}
	return ""
}

// TestDovecotConsole: the console runs raw commands on its own connection:
// NOOP answers OK, a raw SELECT does not change the main connection's
// folder, and the trace the console shows has no password.
func TestDovecotConsole(t *testing.T) {
	srv, s := adminServer(t, 0)
	ctx := testCtx(t)
	srv.Append(t, "alice", "INBOX", plainMessage(1))
	if err := s.Create(ctx, "Other"); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(ctx, "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	con, err := s.OpenConsole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	r, err := con.Send(ctx, "NOOP")
	if err != nil || r.Status != "OK" || !strings.HasPrefix(r.Lines[len(r.Lines)-1], r.Tag+" OK") {
		t.Fatalf("NOOP = %+v, %v", r, err)
	}
	r, err = con.Send(ctx, "SELECT Other")
	if err != nil || r.Status != "OK" {
		t.Fatalf("raw SELECT = %+v, %v", r, err)
	}
	r, err = con.Send(ctx, "FETCH 1 BODY[]")
	if err != nil || r.Status != "BAD" && r.Status != "OK" {
		t.Fatalf("raw FETCH = %+v, %v", r, err)
	}
	// The main connection still has INBOX open: a fetch by UID there works.
	rows, err := s.Rows(ctx, sel.Mailbox, 1, []UID{sel.Newest[0].UID})
	if err != nil || len(rows.Rows) != 1 {
		t.Fatalf("main connection after raw SELECT: %+v, %v", rows, err)
	}
	r, err = con.Send(ctx, "SELECT INBOX")
	if err != nil || r.Status != "OK" {
		t.Fatal(r, err)
	}
	r, err = con.Send(ctx, "UID FETCH 1 BODY.PEEK[]")
	if err != nil || r.Status != "OK" || !strings.Contains(strings.Join(r.Lines, "\n"), "Subject:") {
		t.Fatalf("raw FETCH with a literal = %+v, %v", r, err)
	}
	tr := s.Trace(0)
	joined := strings.Join(tr.Lines, "\n")
	if !strings.Contains(joined, "SELECT") || strings.Contains(joined, "secret") || tr.Next != len(tr.Lines) {
		t.Fatalf("trace = %d lines, next %d", len(tr.Lines), tr.Next)
	}
	if more := s.Trace(tr.Next); len(more.Lines) != 0 {
		t.Fatalf("trace after Next = %v", more.Lines)
	}
}

// TestDovecotBye: a BYE from the server (an admin kick) reaches the UI as
// an alert, and the disconnect names it.
func TestDovecotBye(t *testing.T) {
	srv, s := adminServer(t, 0)
	if _, err := s.Select(testCtx(t), "INBOX", false, 10); err != nil {
		t.Fatal(err)
	}
	srv.Doveadm(t, "kick", "alice")
	var alert, lost string
	waitEvent(t, s, func(ev Event) bool {
		switch ev := ev.(type) {
		case ServerAlert:
			alert = ev.Text
		case StateChanged:
			if ev.State == StateDisconnected && ev.Err != nil {
				lost = ev.Err.Error()
			}
		}
		return lost != ""
	})
	if !strings.HasPrefix(alert, "BYE") || !strings.Contains(lost, "BYE") {
		t.Fatalf("alert %q, lost %q", alert, lost)
	}
}
