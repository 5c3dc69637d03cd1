package imapsvc

import (
	"bytes"
	"sync"
	"testing"
)

// Shared test helpers.

// syncBuffer is a trace that tests read while the service writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// drain returns what was written since the last drain.
func (w *syncBuffer) drain() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.b.String()
	w.b.Reset()
	return out
}

func (w *syncBuffer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Len()
}

// openInbox logs s in and opens INBOX with its UID map, as the UI does.
func openInbox(t testing.TB, s *Service) Mailbox {
	t.Helper()
	ctx := testCtx(t)
	if _, err := s.Connect(ctx, "secret"); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(ctx, "INBOX", false, 60)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UIDs(ctx, sel.Mailbox); err != nil {
		t.Fatal(err)
	}
	return sel.Mailbox
}
