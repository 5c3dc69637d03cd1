package imapsvc

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/memtest"
	"tern/internal/proxy"
)

// A server that drops MOVE and UIDPLUS mid-connection (an untagged
// CAPABILITY after SELECT) must not lead tern into go-imap's own move
// fallback, which copies, marks and sends a plain EXPUNGE in one go.

// dropCaps makes the proxy announce, right after SELECT's OK, that the
// server now has only IMAP4rev1 and IDLE.
func dropCaps(p *proxy.Proxy) {
	p.InjectAfter(func(d proxy.Direction, l string) bool {
		return d == proxy.ToClient && strings.Contains(l, "OK [READ-WRITE]")
	}, "* CAPABILITY IMAP4rev1 IDLE")
}

// openAfterDrop opens folder with dropCaps on p, and checks that the
// service took the drop in.
func openAfterDrop(t *testing.T, s *Service, p *proxy.Proxy, folder string) Mailbox {
	t.Helper()
	dropCaps(p)
	mb := openFolderOn(t, s, folder)
	if s.has(imap.CapMove) {
		t.Fatal("the injected CAPABILITY did not reach the live set")
	}
	return mb
}

// memViaProxy connects a Service to the embedded server through a proxy.
func memViaProxy(t *testing.T, srv *memtest.Server, hide ...string) (*Service, *proxy.Proxy, *syncBuffer) {
	t.Helper()
	return plainViaProxy(t, srv.Addr, srv.Username, srv.Password, hide...)
}

// memSeed fills folder with "message 0".."message n-1", the last one
// marked \Deleted: the bystander no expunge of tern's may take.
func memSeed(t *testing.T, srv *memtest.Server, folder string, n int) {
	t.Helper()
	if folder != "INBOX" {
		srv.Create(t, folder)
	}
	for i := 0; i < n; i++ {
		var flags []imap.Flag
		if i == n-1 {
			flags = []imap.Flag{imap.FlagDeleted}
		}
		srv.Append(t, folder, plainMessage(i), flags...)
	}
}

// memSubjects counts each folder's messages by subject.
func memSubjects(t *testing.T, srv *memtest.Server, folders ...string) map[string]int {
	t.Helper()
	return countSubjects(t, srv.Dial(t), folders...)
}

// checkDropMove moves 1 and 2 of a 4-message folder into a missing folder
// after the capability drop: TRYCREATE, nothing lost, no EXPUNGE sent.
func checkDropMove(t *testing.T, s *Service, trace *syncBuffer, mb Mailbox, dst string, count func() map[string]int, src string) {
	t.Helper()
	_, err := s.Move(testCtx(t), mb, []UID{1, 2}, FolderName(dst))
	var tc *TryCreateError
	if !errors.As(err, &tc) {
		t.Fatalf("move into a missing folder after the drop: %v, want TRYCREATE", err)
	}
	if sent(trace, "MOVE", "UID MOVE", "EXPUNGE", "UID EXPUNGE") {
		t.Fatalf("MOVE or EXPUNGE sent after the server dropped MOVE and UIDPLUS:\n%s", trace)
	}
	got := count()
	for i := 0; i < 4; i++ {
		if got[fmt.Sprintf("%s:message %d", src, i)] != 1 {
			t.Fatalf("after the move: %v; want all four in %s, the \\Deleted bystander too", got, src)
		}
	}
}

// sent reports whether the trace shows tern sending one of the commands
// (the words after the tag, e.g. "UID EXPUNGE"; "EXPUNGE" is only the
// plain one).
func sent(trace *syncBuffer, names ...string) bool {
	for _, l := range strings.Split(trace.String(), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || !strings.HasPrefix(f[0], "T") || f[1] == "OK" || f[1] == "NO" || f[1] == "BAD" {
			continue
		}
		cmd := f[1]
		if cmd == "UID" && len(f) > 2 {
			cmd += " " + f[2]
		}
		for _, n := range names {
			if strings.EqualFold(cmd, n) {
				return true
			}
		}
	}
	return false
}

func TestMemCapabilityDropMove(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	memSeed(t, srv, "Src", 4)
	s, p, trace := memViaProxy(t, srv)
	mb := openAfterDrop(t, s, p, "Src")
	checkDropMove(t, s, trace, mb, "Missing", func() map[string]int { return memSubjects(t, srv, "Src") }, "Src")

	// To a folder that exists: UID COPY and the \Deleted mark, no EXPUNGE
	// of any kind without UIDPLUS; the originals wait for the user.
	srv.Create(t, "Dst")
	tr, err := s.Move(testCtx(t), mb, []UID{1}, "Dst")
	if err != nil || !tr.Fallback || !tr.LeftDeleted {
		t.Fatalf("move after the drop = %+v, %v", tr, err)
	}
	if sent(trace, "EXPUNGE", "UID EXPUNGE") {
		t.Fatal("EXPUNGE sent without UIDPLUS")
	}
	got := memSubjects(t, srv, "Src", "Dst")
	if got["Src:message 0"] != 1 || got["Dst:message 0"] != 1 || got["Src:message 3"] != 1 {
		t.Fatalf("after the move: %v", got)
	}
}

// TestMemMoveWithoutMove: a server that never advertised MOVE gets UID
// COPY, UID STORE and UID EXPUNGE of exactly the moved UIDs.
func TestMemMoveWithoutMove(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	memSeed(t, srv, "Src", 4)
	srv.Create(t, "Dst")
	s, _, trace := memViaProxy(t, srv, "MOVE")
	mb := openFolderOn(t, s, "Src")
	tr, err := s.Move(testCtx(t), mb, []UID{1, 2}, "Dst")
	if err != nil || !tr.Fallback || tr.LeftDeleted {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	trText := trace.String()
	for _, want := range []string{`UID COPY 1:2 "Dst"`, `UID STORE 1:2 +FLAGS.SILENT (\Deleted)`, "UID EXPUNGE 1:2"} {
		if !strings.Contains(trText, want) {
			t.Fatalf("%q missing from the trace:\n%s", want, trText)
		}
	}
	if sent(trace, "MOVE", "UID MOVE", "EXPUNGE") {
		t.Fatal("MOVE or a plain EXPUNGE sent to a server without MOVE")
	}
	got := memSubjects(t, srv, "Src", "Dst")
	want := map[string]int{"Src:message 2": 1, "Src:message 3": 1, "Dst:message 0": 1, "Dst:message 1": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the move: %v, want %v", got, want)
	}
}

func TestDovecotCapabilityDropMove(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "Src", 4)
	s, p, trace := viaProxy(t, srv)
	mb := openAfterDrop(t, s, p, "Src")
	checkDropMove(t, s, trace, mb, "Missing", func() map[string]int { return subjects(t, srv, "Src") }, "Src")
}
