package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/hostile"
)

// TestFlowHostileServer: a server announcing an absurd EXISTS, then
// sending a huge literal, costs the connection, not tern: the screen says
// why and tern keeps running.
func TestFlowHostileServer(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Exists: 3})
	svc := imapsvc.New(imapsvc.Account{Name: "hostile", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: "u"}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account = "hostile"
	tm, w := runWatched(t, New(svc, opts))
	waitScreen(t, tm, "INBOX [READ-WRITE]", "3 exists")
	// A start-up request still out when the connection drops fails with
	// its own error, which would replace the notice waited for below.
	waitSettled(t, tm, w)

	conn := srv.NextSelected(t)
	conn.Send("* 4294967295 EXISTS")
	waitScreen(t, tm, "connection lost: the server announced 4294967295 messages")

	// tern reconnects by itself and opens INBOX again.
	conn = srv.NextSelected(t)
	conn.SendLiteral(`* 1 FETCH (UID 1 ENVELOPE ("Mon, 1 Jan 2024 00:00:00 +0000" `, 256<<20, ` NIL NIL NIL NIL NIL NIL NIL NIL))`)
	// The literal may land while the SELECT is still being read (then the
	// SELECT's error says it) or after (then the lost connection does).
	waitScreen(t, tm, "the server sent a literal of 256.0 MiB")
	send(tm, "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
