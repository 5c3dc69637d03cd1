package imapsvc

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// After a cut at any step of a move, tern must say what the server holds
// and offer the step that completes it; nothing may be lost, nothing
// duplicated without the user being told, and no bystander expunged.

// idMessage is "message i" with a Message-ID, so copies can be matched
// where the server sends no COPYUID.
func idMessage(i int) []byte {
	return []byte(fmt.Sprintf("From: Bob <bob@example.com>\r\nTo: alice@example.com\r\n"+
		"Message-ID: <m%d@tern.test>\r\nSubject: message %d\r\nDate: Sun, 01 Nov 2026 10:00:00 +0000\r\n\r\nbody %d\r\n", i, i, i))
}

// cutOnce cuts at the first line fn matches, and never again (the look
// and the reconnect go through the same proxy).
func cutOnce(fn func(proxy.Direction, string) bool) func(proxy.Direction, string) bool {
	var mu sync.Mutex
	done := false
	return func(d proxy.Direction, l string) bool {
		mu.Lock()
		defer mu.Unlock()
		if done || !fn(d, l) {
			return false
		}
		done = true
		return true
	}
}

func sending(cmd string) func(proxy.Direction, string) bool {
	return func(d proxy.Direction, l string) bool { return d == proxy.ToServer && strings.Contains(l, cmd) }
}

func answered(text string) func(proxy.Direction, string) bool {
	return func(d proxy.Direction, l string) bool { return d == proxy.ToClient && strings.Contains(l, text) }
}

// afterLine cuts at the first line of any kind after text was answered.
func afterLine(text string) func(proxy.Direction, string) bool {
	seen := false
	return func(d proxy.Direction, l string) bool {
		if seen {
			return true
		}
		seen = d == proxy.ToClient && strings.Contains(l, text)
		return false
	}
}

type cutCase struct {
	name string
	hide []string
	when func(proxy.Direction, string) bool
	ok   bool // the move's answer arrived before the cut
}

func cutCases() []cutCase {
	all, noMove, bare := []string(nil), []string{"MOVE"}, []string{"MOVE", "UIDPLUS"}
	return []cutCase{
		{"MOVE/before UID MOVE", all, sending("UID MOVE"), false},
		{"MOVE/applied, no OK", all, answered("OK Move completed"), false},
		{"MOVE/after the OK", all, afterLine("OK Move completed"), true},
		{"COPY/before UID COPY", noMove, sending("UID COPY"), false},
		{"COPY/applied, no OK", noMove, answered("Copy completed"), false},
		{"COPY/before UID STORE", noMove, sending("UID STORE"), false},
		{"COPY/STORE applied, no OK", noMove, answered("OK Store completed"), false},
		{"COPY/before UID EXPUNGE", noMove, sending("UID EXPUNGE"), false},
		{"COPY/EXPUNGE applied, no OK", noMove, answered("OK Expunge completed"), false},
		{"COPY/after EXPUNGE's OK", noMove, afterLine("OK Expunge completed"), true},
		{"bare/before UID COPY", bare, sending("UID COPY"), false},
		{"bare/applied, no OK", bare, answered("Copy completed"), false},
		{"bare/STORE applied, no OK", bare, answered("OK Store completed"), false},
		{"bare/after STORE's OK", bare, afterLine("OK Store completed"), true},
	}
}

// truth reads, from a connection of the test's own, where each of the
// originals (UID u is "message u-1") is: present in src, \Deleted there,
// and how many copies dst has.
type truth struct {
	inSrc, deleted map[UID]bool
	inDst          map[UID]int
}

func readTruth(t *testing.T, srv *dovetest.Server, src, dst string) truth {
	t.Helper()
	return readTruthFrom(t, srv, src, dst, 0)
}

// readTruthFrom is readTruth where "message base" is UID 1; messages of
// other tests sharing a folder are left out.
func readTruthFrom(t *testing.T, srv *dovetest.Server, src, dst string, base int) truth {
	t.Helper()
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tr := truth{inSrc: map[UID]bool{}, deleted: map[UID]bool{}, inDst: map[UID]int{}}
	for _, f := range []string{src, dst} {
		data, err := c.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			t.Fatalf("EXAMINE %s: %v", f, err)
		}
		if data.NumMessages == 0 {
			continue
		}
		msgs, err := c.Fetch(allSeqs(), &imap.FetchOptions{UID: true, Flags: true, Envelope: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			var i int
			fmt.Sscanf(m.Envelope.Subject, "message %d", &i)
			if i < base || i >= base+100 {
				continue
			}
			orig := UID(i - base + 1)
			if f == src {
				tr.inSrc[orig], tr.deleted[orig] = true, slices.Contains(m.Flags, imap.FlagDeleted)
			} else {
				tr.inDst[orig]++
			}
		}
	}
	return tr
}

// checkHeld asserts that h states the server's truth for uids.
func checkHeld(t *testing.T, h Held, tr truth, uids []UID) {
	t.Helper()
	if h.Err != "" {
		t.Fatalf("tern could not look: %s", h.Err)
	}
	for _, u := range uids {
		in := func(set []UID) bool { return slices.Contains(set, u) }
		switch {
		case !tr.inSrc[u] && !in(h.Gone):
			t.Errorf("UID %d is gone from the source, Held says otherwise: %+v", u, h)
		case tr.inSrc[u] && tr.deleted[u] && !in(h.Marked):
			t.Errorf("UID %d is \\Deleted in the source, Held says otherwise: %+v", u, h)
		case tr.inSrc[u] && !tr.deleted[u] && !in(h.Kept):
			t.Errorf("UID %d is untouched in the source, Held says otherwise: %+v", u, h)
		case tr.inSrc[u] && tr.inDst[u] > 0 && !in(h.Copied):
			t.Errorf("UID %d is in both folders, Held does not say so: %+v", u, h)
		case tr.inSrc[u] && tr.inDst[u] == 0 && in(h.Copied):
			t.Errorf("UID %d has no copy, Held says it has: %+v", u, h)
		}
	}
}

// checkSafe: every message exists, the bystander (UID n) is still in src,
// and no message is in both folders unless told is set.
func checkSafe(t *testing.T, tr truth, n int, told bool) {
	t.Helper()
	for u := UID(1); u < UID(n); u++ {
		if !tr.inSrc[u] && tr.inDst[u] == 0 {
			t.Errorf("UID %d was lost", u)
		}
		if tr.inDst[u] > 1 || (tr.inSrc[u] && !tr.deleted[u] && tr.inDst[u] > 0 && !told) {
			t.Errorf("UID %d is duplicated and the user was not told", u)
		}
	}
	if !tr.inSrc[UID(n)] || !tr.deleted[UID(n)] {
		t.Error("the other client's \\Deleted message was expunged")
	}
}

// waitReconnected waits for the service to log in again after a cut.
func waitReconnected(t *testing.T, s *Service) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-s.Events():
			if _, ok := ev.(Reconnected); ok {
				return
			}
		case <-timeout:
			t.Fatal("no reconnect within 30 s")
		}
	}
}

func TestDovecotMoveCutTruth(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	moved := []UID{1, 2, 3}
	for i, c := range cutCases() {
		t.Run(c.name, func(t *testing.T) {
			src, dst := fmt.Sprintf("CSrc%d", i), fmt.Sprintf("CDst%d", i)
			seedWith(t, srv, src, 4, idMessage)
			srv.SeedMaildir(t, "alice", dst, 0, idMessage)
			s, p, _ := viaProxy(t, srv, c.hide...)
			mb := openFolderOn(t, s, src)
			p.CutWhen(cutOnce(c.when))
			tr, err := s.Move(testCtx(t), mb, moved, FolderName(dst))
			var ie *InterruptedError
			told := errors.As(err, &ie)
			if c.ok != (err == nil) || (!c.ok && !told) {
				t.Fatalf("move = %+v, %v; want ok=%v, else an InterruptedError", tr, err, c.ok)
			}
			truth := readTruth(t, srv, src, dst)
			checkSafe(t, truth, 4, told)
			if !told {
				return
			}
			checkHeld(t, ie.Held, truth, moved)
			if !strings.Contains(err.Error(), ie.Held.Describe()) {
				t.Fatalf("the error does not say what the server holds: %v", err)
			}
			step, _ := ie.Held.Next()
			t.Logf("told: %v; step %d", err, step)
			if step == StepNone {
				return
			}
			waitReconnected(t, s)
			after, err := s.Resolve(testCtx(t), ie.Held)
			if err != nil {
				t.Fatalf("resolve %v: %v", step, err)
			}
			truth = readTruth(t, srv, src, dst)
			checkSafe(t, truth, 4, false)
			checkHeld(t, after, truth, moved)
			t.Logf("after the step: %s", after.Describe())
		})
	}
}

// TestDovecotDeleteCutTruth: d (a move to Trash) cut after COPY or MOVE
// was applied but before its OK says so, and its step finishes it.
func TestDovecotDeleteCutTruth(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	cases := []cutCase{
		{"MOVE applied, no OK", nil, answered("OK Move completed"), false},
		{"COPY applied, no OK", []string{"MOVE"}, answered("Copy completed"), false},
	}
	moved := []UID{1, 2, 3}
	for k, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base, src := 100*(k+1), fmt.Sprintf("DSrc%d", k)
			seedWith(t, srv, src, 4, func(i int) []byte { return idMessage(base + i) })
			s, p, _ := viaProxy(t, srv, c.hide...)
			mb := openFolderOn(t, s, src)
			p.CutWhen(cutOnce(c.when))
			_, err := s.Move(testCtx(t), mb, moved, "Trash")
			var ie *InterruptedError
			if !errors.As(err, &ie) {
				t.Fatalf("delete cut off: %v, want an InterruptedError", err)
			}
			truth := readTruthFrom(t, srv, src, "Trash", base)
			checkSafe(t, truth, 4, true)
			checkHeld(t, ie.Held, truth, moved)
			if step, _ := ie.Held.Next(); step != StepNone {
				waitReconnected(t, s)
				if _, err := s.Resolve(testCtx(t), ie.Held); err != nil {
					t.Fatal(err)
				}
			}
			truth = readTruthFrom(t, srv, src, "Trash", base)
			checkSafe(t, truth, 4, false)
			for _, u := range moved {
				if truth.inSrc[u] || truth.inDst[u] != 1 {
					t.Fatalf("UID %d after the delete: in source %v, %d in Trash", u, truth.inSrc[u], truth.inDst[u])
				}
			}
		})
	}
}

// TestDovecotUndoCutTruth: an undo cut mid-way says what the server holds
// (its source is the move's destination), and its step completes it.
func TestDovecotUndoCutTruth(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	cases := []cutCase{
		{"MOVE applied, no OK", nil, answered("OK Move completed"), false},
		{"COPY applied, no OK", []string{"MOVE"}, answered("Copy completed"), false},
		{"STORE applied, no OK", []string{"MOVE"}, answered("OK Store completed"), false},
	}
	for k, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, dst := fmt.Sprintf("USrc%d", k), fmt.Sprintf("UDst%d", k)
			seedWith(t, srv, src, 4, idMessage)
			srv.SeedMaildir(t, "alice", dst, 0, idMessage)
			s, p, _ := viaProxy(t, srv, c.hide...)
			mb := openFolderOn(t, s, src)
			tr, err := s.Move(testCtx(t), mb, []UID{1, 2, 3}, FolderName(dst))
			if err != nil || len(tr.DestUIDs) != 3 {
				t.Fatalf("move = %+v, %v", tr, err)
			}
			p.CutWhen(cutOnce(c.when))
			err = s.Undo(testCtx(t), tr)
			var ie *InterruptedError
			if !errors.As(err, &ie) || string(ie.Held.Source.Name) != dst || string(ie.Held.Dest) != src {
				t.Fatalf("undo cut off: %v, want an InterruptedError about %s -> %s", err, dst, src)
			}
			// The undo moves the copies (UIDs 1-3 in the new dst) back.
			checkHeld(t, ie.Held, readTruth(t, srv, dst, src), tr.DestUIDs)
			if step, _ := ie.Held.Next(); step != StepNone {
				waitReconnected(t, s)
				if _, err := s.Resolve(testCtx(t), ie.Held); err != nil {
					t.Fatal(err)
				}
			}
			got := subjects(t, srv, src, dst)
			for i := 0; i < 4; i++ {
				if got[fmt.Sprintf("%s:message %d", src, i)] != 1 || got[fmt.Sprintf("%s:message %d", dst, i)] != 0 {
					t.Fatalf("after the undo and its step: %v; want all four back in %s, once", got, src)
				}
			}
		})
	}
}

// TestDovecotCopyCutTruth: a copy (C) cut after the server applied it
// says the copies are there, instead of "unexpected EOF".
func TestDovecotCopyCutTruth(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	for k, hide := range [][]string{nil, {"UIDPLUS"}} {
		t.Run(fmt.Sprintf("hide%v", hide), func(t *testing.T) {
			src, dst := fmt.Sprintf("PSrc%d", k), fmt.Sprintf("PDst%d", k)
			seedWith(t, srv, src, 4, idMessage)
			srv.SeedMaildir(t, "alice", dst, 0, idMessage)
			s, p, _ := viaProxy(t, srv, hide...)
			mb := openFolderOn(t, s, src)
			p.CutWhen(cutOnce(answered("Copy completed")))
			_, err := s.Copy(testCtx(t), mb, []UID{1, 2}, FolderName(dst))
			var ie *InterruptedError
			if !errors.As(err, &ie) || !ie.Held.CopyOnly {
				t.Fatalf("copy cut off: %v, want an InterruptedError", err)
			}
			checkHeld(t, ie.Held, readTruth(t, srv, src, dst), []UID{1, 2})
			if step, _ := ie.Held.Next(); step != StepNone || !strings.Contains(err.Error(), "copies of 2 of the 2 messages are in "+dst) {
				t.Fatalf("copy cut off: step %v, %v", step, err)
			}
		})
	}
}
