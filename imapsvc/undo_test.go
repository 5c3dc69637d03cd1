package imapsvc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
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

	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
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
