package ui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
)

// gatedInfo holds back the answer to ServerInfo until gate is closed, so
// the answer arrives after the user has opened something else.
type gatedInfo struct {
	imapsvc.Backend
	gate chan struct{}
}

func (g gatedInfo) ServerInfo(ctx context.Context) (imapsvc.ServerInfo, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return imapsvc.ServerInfo{}, ctx.Err()
	}
	return g.Backend.ServerInfo(ctx)
}

// TestServerLateAnswerUnderPicker: I asks for the server panel, m opens
// the move picker before the answer comes. The answer waits under the
// picker: keys still go to the picker, which stays on screen; Esc closes
// the picker and only then shows the panel, and a second Esc closes that.
func TestServerLateAnswerUnderPicker(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Archive")
	for i := 1; i <= 2; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	gate := make(chan struct{})
	opts := testOptions()
	opts.Account, opts.Password = "mem", srv.Password
	tm := runFlow(t, gatedInfo{svc, gate}, opts)
	waitScreen(t, tm, "Plain message 2", "2 exists")

	send(tm, "I", "m")
	waitScreen(t, tm, "Move 1 message to:")
	close(gate)
	waitScreen(t, tm, "Server is ready: it opens when you close this")
	send(tm, "A", "r", "c")
	waitScreen(t, tm, "Move 1 message to: Arc") // keys still go to the picker
	send(tm, "esc")
	waitScreen(t, tm, "CAPABILITY", "IMAP4rev1") // now the panel
	send(tm, "esc")
	waitScreen(t, tm, "Plain message 1")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	fm := tm.FinalModel(t).(Model)
	if n := fm.overlays.Len(); n != 0 {
		t.Errorf("%d overlays left open: %v", n, fm.overlays.All())
	}
}
