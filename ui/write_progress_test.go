package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// stallSender reads the first MiB of the message, reports it, and waits
// for release before reading the rest, so the test sees the count while
// the send is on its way.
type stallSender struct {
	release chan struct{}
	done    chan int64
}

func (s stallSender) Send(ctx context.Context, from string, rcpt []string, msg io.Reader, progress func(int64)) error {
	n, err := io.CopyN(io.Discard, msg, 1<<20)
	if err != nil {
		return err
	}
	progress(n)
	select {
	case <-s.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	m, err := io.Copy(io.Discard, msg)
	progress(n + m)
	s.done <- n + m
	return err
}

// TestWriteFlowSendProgress: while a large message is being sent, the
// review and the status line show how much of it has gone.
func TestWriteFlowSendProgress(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.bin")
	if err := os.WriteFile(big, make([]byte, 4<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	ed := editorScript(t, `sed -i -e 's/^To: $/To: dana@example.com/' -e 's|^Subject: $|Subject: big one\nAttach: `+big+`|' "$1"`)
	opts, _, _, _ := writeOptions(t, ed)
	s := stallSender{release: make(chan struct{}), done: make(chan int64, 1)}
	opts.Write.Sender = s
	tm := runFlow(t, headerFake{fakeBackend: newFake(5)}, opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "c")
	waitScreen(t, tm, "Review", "big one", "big.bin")
	send(tm, "y")
	waitScreen(t, tm, "sending… 1.0 MiB of 5.5 MiB (18%)")
	close(s.release)
	waitScreen(t, tm, "sent")
	if n := <-s.done; n < 4<<20 {
		t.Errorf("sent %d bytes", n)
	}
}
