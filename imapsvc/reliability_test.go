package imapsvc

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// Reliability of the actions on Dovecot, through a proxy that hides
// capabilities or cuts the connection at a chosen line. After every cut,
// every message must still exist at least once, and no other \Deleted
// message may have been expunged.

// viaProxy connects a Service to srv through a proxy hiding caps.
func viaProxy(t *testing.T, srv *dovetest.Server, hide ...string) (*Service, *proxy.Proxy, *syncBuffer) {
	t.Helper()
	return plainViaProxy(t, srv.Addr, "alice", "secret", hide...)
}

// seedFolder fills folder with "message 0".."message n-1" (UIDs 1..n) and
// marks the last one \Deleted from another client: the bystander that no
// expunge of tern's may take.
func seedFolder(t *testing.T, srv *dovetest.Server, folder string, n int) {
	t.Helper()
	seedWith(t, srv, folder, n, plainMessage)
}

// seedWith is seedFolder with messages made by gen.
func seedWith(t *testing.T, srv *dovetest.Server, folder string, n int, gen func(int) []byte) {
	t.Helper()
	srv.SeedMaildir(t, "alice", folder, n, gen)
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	addFlag(t, c, imap.UIDSetNum(imap.UID(n)), imap.FlagDeleted)
	c.Logout().Wait()
}

// subjects counts the messages of each folder by subject, from a
// separate connection.
func subjects(t *testing.T, srv *dovetest.Server, folders ...string) map[string]int {
	t.Helper()
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return countSubjects(t, c, folders...)
}

func allSeqs() imap.SeqSet {
	var s imap.SeqSet
	s.AddRange(1, 0)
	return s
}

// checkNoneLost asserts that messages 0..n-1 each exist in src or dst,
// and that the bystander (message n-1, \Deleted) is still in src.
func checkNoneLost(t *testing.T, srv *dovetest.Server, src, dst string, n int) {
	t.Helper()
	got := subjects(t, srv, src, dst)
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("message %d", i)
		if got[src+":"+s]+got[dst+":"+s] == 0 {
			t.Errorf("%s was lost: %v", s, got)
		}
	}
	if got[src+":"+fmt.Sprintf("message %d", n-1)] != 1 {
		t.Errorf("the other client's \\Deleted message was expunged: %v", got)
	}
}

func openFolderOn(t *testing.T, s *Service, name string) Mailbox {
	t.Helper()
	sel, err := s.Select(testCtx(t), FolderName(name), false, 50)
	if err != nil {
		t.Fatalf("SELECT %s: %v", name, err)
	}
	if _, err := s.UIDs(testCtx(t), sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	return sel.Mailbox
}

// TestDovecotMoveFallback: without MOVE, COPY then STORE then UID EXPUNGE
// of exactly the moved UIDs; a bystander \Deleted message stays.
func TestDovecotMoveFallback(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "Src", 5)
	srv.SeedMaildir(t, "alice", "Dst", 0, plainMessage)
	s, _, trace := viaProxy(t, srv, "MOVE")
	mb := openFolderOn(t, s, "Src")
	tr, err := s.Move(testCtx(t), mb, []UID{1, 2}, "Dst")
	if err != nil || !tr.Fallback || tr.LeftDeleted || len(tr.DestUIDs) != 2 {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	if strings.Contains(trace.String(), "MOVE ") {
		t.Fatal("MOVE was sent to a server that does not advertise it")
	}
	if !strings.Contains(trace.String(), "UID EXPUNGE 1:2") {
		t.Fatalf("no UID EXPUNGE of the moved set in the trace:\n%s", trace)
	}
	got := subjects(t, srv, "Src", "Dst")
	want := map[string]int{"Src:message 2": 1, "Src:message 3": 1, "Src:message 4": 1, "Dst:message 0": 1, "Dst:message 1": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the move: %v, want %v", got, want)
	}

	// Without UIDPLUS as well: copy and mark, and leave EXPUNGE to the user.
	s2, _, trace2 := viaProxy(t, srv, "MOVE", "UIDPLUS")
	mb = openFolderOn(t, s2, "Src")
	tr, err = s2.Move(testCtx(t), mb, []UID{3}, "Dst")
	if err != nil || !tr.LeftDeleted {
		t.Fatalf("move without UIDPLUS = %+v, %v", tr, err)
	}
	if strings.Contains(trace2.String(), "EXPUNGE") {
		t.Fatal("EXPUNGE sent without UIDPLUS: it would take other clients' \\Deleted messages")
	}
	got = subjects(t, srv, "Src", "Dst")
	if got["Src:message 2"] != 1 || got["Dst:message 2"] != 1 || got["Src:message 4"] != 1 {
		t.Fatalf("after the move without UIDPLUS: %v", got)
	}
}

// TestDovecotMoveCut cuts the connection at each step of a fallback move.
func TestDovecotMoveCut(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	cuts := []struct {
		name string
		when func(proxy.Direction, string) bool
	}{
		{"after COPY's OK", func(d proxy.Direction, l string) bool {
			return d == proxy.ToServer && strings.Contains(l, "UID STORE")
		}},
		{"after STORE", func(d proxy.Direction, l string) bool {
			return d == proxy.ToClient && strings.Contains(l, "OK Store completed")
		}},
		{"before EXPUNGE", func(d proxy.Direction, l string) bool {
			return d == proxy.ToServer && strings.Contains(l, "UID EXPUNGE")
		}},
	}
	for i, c := range cuts {
		t.Run(c.name, func(t *testing.T) {
			src, dst := fmt.Sprintf("Src%d", i), fmt.Sprintf("Dst%d", i)
			seedFolder(t, srv, src, 4)
			srv.SeedMaildir(t, "alice", dst, 0, plainMessage)
			s, p, _ := viaProxy(t, srv, "MOVE")
			mb := openFolderOn(t, s, src)
			p.CutWhen(c.when)
			if _, err := s.Move(testCtx(t), mb, []UID{1, 2, 3}, FolderName(dst)); err == nil {
				t.Fatal("the move succeeded although the connection was cut")
			}
			checkNoneLost(t, srv, src, dst, 4)
		})
	}
}

// TestDovecotExpunge: with UIDPLUS only the user's set goes; without it
// tern refuses a partial expunge, lists every \Deleted message, and a
// whole-folder EXPUNGE removes them all (what the user agreed to).
func TestDovecotExpunge(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	for _, hide := range [][]string{nil, {"UIDPLUS"}} {
		t.Run(fmt.Sprintf("hide%v", hide), func(t *testing.T) {
			folder := "Ex" + strings.Join(hide, "")
			seedFolder(t, srv, folder, 4)
			s, _, _ := viaProxy(t, srv, hide...)
			mb := openFolderOn(t, s, folder)
			ctx := testCtx(t)
			if _, err := s.Store(ctx, mb, []UID{1, 2}, StoreAdd, []string{`\Deleted`}); err != nil {
				t.Fatal(err)
			}
			plan, err := s.ExpungePlan(ctx, mb)
			if err != nil || !slices.Equal(plan.Deleted, []UID{1, 2, 4}) || plan.UIDPlus != (hide == nil) {
				t.Fatalf("plan = %+v, %v", plan, err)
			}
			res, err := s.Expunge(ctx, mb, []UID{1, 2}, false)
			if hide == nil {
				if err != nil || !slices.Equal(res.Expunged, []UID{1, 2}) {
					t.Fatalf("UID EXPUNGE = %+v, %v", res, err)
				}
				got := subjects(t, srv, folder)
				want := map[string]int{folder + ":message 2": 1, folder + ":message 3": 1} // 3: the bystander
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("after UID EXPUNGE: %v, want %v", got, want)
				}
				return
			}
			if !errors.Is(err, ErrNoUIDPlus) {
				t.Fatalf("partial expunge without UIDPLUS: %v", err)
			}
			if res, err = s.Expunge(ctx, mb, plan.Deleted, true); err != nil || !slices.Equal(res.Expunged, []UID{1, 2, 4}) {
				t.Fatalf("EXPUNGE = %+v, %v", res, err)
			}
		})
	}
}

// TestDovecotTryCreate: a move into a missing folder answers TRYCREATE
// and loses nothing, with MOVE and with the fallback; after CREATE it works.
func TestDovecotTryCreate(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	for _, hide := range [][]string{nil, {"MOVE"}} {
		t.Run(fmt.Sprintf("hide%v", hide), func(t *testing.T) {
			src, dst := "T"+strings.Join(hide, ""), "Missing"+strings.Join(hide, "")
			seedFolder(t, srv, src, 3)
			s, _, _ := viaProxy(t, srv, hide...)
			mb := openFolderOn(t, s, src)
			_, err := s.Move(testCtx(t), mb, []UID{1, 2}, FolderName(dst))
			var tc *TryCreateError
			if !errors.As(err, &tc) || tc.Folder != dst {
				t.Fatalf("move into a missing folder: %v, want TRYCREATE", err)
			}
			if got := subjects(t, srv, src); len(got) != 3 {
				t.Fatalf("source after TRYCREATE: %v", got)
			}
			if err := s.Create(testCtx(t), FolderName(dst)); err != nil {
				t.Fatal(err)
			}
			mb = openFolderOn(t, s, src)
			if _, err := s.Move(testCtx(t), mb, []UID{1, 2}, FolderName(dst)); err != nil {
				t.Fatal(err)
			}
			checkNoneLost(t, srv, src, dst, 3)
		})
	}
}

// TestDovecotUndoSortThread: undo of a UID MOVE via COPYUID; server-side
// SORT and THREAD=REFERENCES.
func TestDovecotUndoSortThread(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "U", 3)
	s, _, _ := viaProxy(t, srv)
	mb := openFolderOn(t, s, "U")
	ctx := testCtx(t)
	so, err := s.Sort(ctx, mb, SortSubject, true)
	if err != nil || so.Note != "" || !slices.Equal(so.UIDs, []UID{3, 2, 1}) {
		t.Fatalf("SORT = %+v, %v", so, err)
	}
	th, err := s.Thread(ctx, mb, nil)
	if err != nil || !th.Server || len(th.Threads) != 3 {
		t.Fatalf("THREAD = %+v, %v", th, err)
	}
	tr, err := s.Move(ctx, mb, []UID{1, 2}, "Trash")
	if err != nil || tr.Fallback || len(tr.DestUIDs) != 2 {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	if err := s.Undo(ctx, tr); err != nil {
		t.Fatal(err)
	}
	got := subjects(t, srv, "U", "Trash")
	if got["U:message 0"] != 1 || got["U:message 1"] != 1 || got["Trash:message 0"] != 0 {
		t.Fatalf("after undo: %v", got)
	}
}
