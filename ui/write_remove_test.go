package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"tern/imapsvc"
)

// elsewhereFake is a backend that can also remove a message from a folder
// that is not open, as imapsvc.Service can.
type elsewhereFake struct {
	*fakeBackend
	removed []imapsvc.UID
}

func (f *elsewhereFake) RemoveElsewhere(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) error {
	f.removed = append(f.removed, uid)
	return nil
}

// TestRemoveDraftElsewhere: a sent draft's copy in Drafts is removed
// without touching the open folder when Drafts is not open, and with
// STORE and EXPUNGE of just it when it is.
func TestRemoveDraftElsewhere(t *testing.T) {
	f := &elsewhereFake{fakeBackend: newFake(3)}
	inbox := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}
	drafts := imapsvc.Mailbox{Name: "Drafts", UIDValidity: 5}
	if note := removeDraft(context.Background(), f, drafts, 2, inbox); note != "" {
		t.Fatalf("Drafts not open: %q", note)
	}
	if !slices.Equal(f.removed, []imapsvc.UID{2}) || len(f.calls) != 0 {
		t.Fatalf("Drafts not open: removed elsewhere %v, calls on the open folder %v", f.removed, f.calls)
	}
	f.removed = nil
	removeDraft(context.Background(), f, inbox, 2, inbox)
	if len(f.removed) != 0 || len(f.calls) != 2 || !strings.HasPrefix(f.calls[0], "STORE 2") || !strings.HasPrefix(f.calls[1], "EXPUNGE 2") {
		t.Fatalf("folder open: removed elsewhere %v, calls %v", f.removed, f.calls)
	}
}
