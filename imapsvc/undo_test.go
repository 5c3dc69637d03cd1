package imapsvc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
	"tern/internal/servertest"
)

// TestDovecotUndoRefusesNewUIDValidity: after the destination was deleted
// and created again (new UIDVALIDITY, and UIDs that now name other
// messages), undo refuses and moves nothing.
func TestDovecotUndoRefusesNewUIDValidity(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "USrc", 3)
	srv.SeedMaildir(t, "alice", "UDst", 0, plainMessage)
	s, _, _ := viaProxy(t, srv)
	mb := openFolderOn(t, s, "USrc")
	ctx := testCtx(t)
	tr, err := s.Move(ctx, mb, []UID{1, 2}, "UDst")
	if err != nil || len(tr.DestUIDs) != 2 {
		t.Fatalf("move = %+v, %v", tr, err)
	}

	c := servertest.Login(t, srv, "alice")
	for _, step := range []error{c.Delete("UDst").Wait(), c.Create("UDst", nil).Wait()} {
		if step != nil {
			t.Fatal(step)
		}
	}
	for i := 10; i < 13; i++ {
		msg := plainMessage(i)
		cmd := c.Append("UDst", int64(len(msg)), &imap.AppendOptions{Time: time.Now()})
		cmd.Write(msg)
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}

	err = s.Undo(ctx, tr)
	if err == nil || !strings.Contains(err.Error(), "UIDVALIDITY") {
		t.Fatalf("undo after UDst was recreated: %v, want a refusal naming UIDVALIDITY", err)
	}
	got := subjects(t, srv, "USrc", "UDst")
	want := map[string]int{"USrc:message 2": 1, "UDst:message 10": 1, "UDst:message 11": 1, "UDst:message 12": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the refused undo: %v, want %v", got, want)
	}
}

// TestDovecotUndoLeftDeleted: a move that left the originals \Deleted (no
// MOVE, no UIDPLUS) is undone by clearing the flag, not by copying back.
func TestDovecotUndoLeftDeleted(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "LSrc", 3)
	srv.SeedMaildir(t, "alice", "LDst", 0, plainMessage)
	s, _, trace := viaProxy(t, srv, "MOVE", "UIDPLUS")
	mb := openFolderOn(t, s, "LSrc")
	ctx := testCtx(t)
	tr, err := s.Move(ctx, mb, []UID{1, 2}, "LDst")
	if err != nil || !tr.LeftDeleted {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	trace.drain()
	err = s.Undo(ctx, tr)
	if err == nil || !strings.Contains(err.Error(), `\Deleted cleared on all 2`) || !strings.Contains(err.Error(), "copies stay in LDst") {
		t.Fatalf("undo = %v", err)
	}
	if sent(trace, "UID COPY", "UID MOVE", "EXPUNGE", "UID EXPUNGE") {
		t.Fatalf("undo of a \\Deleted-only move copied or expunged:\n%s", trace)
	}
	tru := readTruth(t, srv, "LSrc", "LDst")
	for _, u := range []UID{1, 2} {
		if !tru.inSrc[u] || tru.deleted[u] {
			t.Fatalf("UID %d after undo: in source %v, \\Deleted %v", u, tru.inSrc[u], tru.deleted[u])
		}
	}
}

// TestDovecotUndoCountsWhatCameBack: a copy expunged elsewhere before the
// undo is reported, and the others come back.
func TestDovecotUndoCountsWhatCameBack(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedFolder(t, srv, "BSrc", 4)
	srv.SeedMaildir(t, "alice", "BDst", 0, plainMessage)
	s, _, _ := viaProxy(t, srv)
	mb := openFolderOn(t, s, "BSrc")
	ctx := testCtx(t)
	tr, err := s.Move(ctx, mb, []UID{1, 2, 3}, "BDst")
	if err != nil || len(tr.DestUIDs) != 3 {
		t.Fatalf("move = %+v, %v", tr, err)
	}
	c := servertest.Login(t, srv, "alice")
	if _, err := c.Select("BDst", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	addFlag(t, c, imap.UIDSetNum(imap.UID(tr.DestUIDs[0])), imap.FlagDeleted)
	if err := c.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	err = s.Undo(ctx, tr)
	if err == nil || !strings.Contains(err.Error(), "only 2 of 3 came back to BSrc") {
		t.Fatalf("undo = %v, want it to say that 2 of 3 came back", err)
	}
	got := subjects(t, srv, "BSrc", "BDst")
	want := map[string]int{"BSrc:message 1": 1, "BSrc:message 2": 1, "BSrc:message 3": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after undo: %v, want %v", got, want)
	}
}
