package imapsvc

import (
	"context"
	"errors"
	"testing"
	"time"

	"tern/internal/dovetest"
)

// TestLateLookIsAnEvent: the server copies, then never answers; the
// request times out, and what the look after the cut found still reaches
// the UI, as a LateInterrupted event naming the copies.
func TestLateLookIsAnEvent(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	seedWith(t, srv, "LSrc", 3, idMessage)
	srv.SeedMaildir(t, "alice", "LDst", 0, idMessage)
	s, p, _ := viaProxy(t, srv, "MOVE")
	mb := openFolderOn(t, s, "LSrc")
	silenced := cutOnce(answered("Copy completed"))
	p.SilenceWhen(silenced)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := s.Move(ctx, mb, []UID{1, 2}, "LDst")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("move = %v, want the request's own timeout", err)
	}
	p.SilenceWhen(nil)
	ev := nextEvent[LateInterrupted](t, s, nil)
	h := ev.Err.Held
	if ev.Err.Op != "UID COPY" || len(h.Copied) != 2 || len(h.Kept) != 2 {
		t.Fatalf("late look = %s: %s; want both copied and kept", ev.Err.Op, h.Describe())
	}
	truth := readTruth(t, srv, "LSrc", "LDst")
	checkHeld(t, h, truth, []UID{1, 2})
}
