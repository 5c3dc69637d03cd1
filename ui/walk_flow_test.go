package ui

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/cyrustest"
	"tern/internal/dovetest"
)

// walkFlow is the UI logged in as alice over TLS.
func walkFlow(t *testing.T, name, addr, caFile string) *teatest.TestModel {
	t.Helper()
	host, port := splitAddr(t, addr)
	svc := imapsvc.New(imapsvc.Account{Name: name, Host: host, Port: port, Security: imapsvc.SecurityTLS,
		Username: "alice", CAFile: caFile}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = name, "secret"
	tm := teatest.NewTestModel(t, New(svc, opts), teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// TestWalkFlowCyrus: on the walk-through's Cyrus account the folder pane
// marks Trash and Sent Items by name, :status shows RECENT from the side
// connection, and :info spells RIGHTS=kxten as Cyrus does.
func TestWalkFlowCyrus(t *testing.T) {
	srv := cyrustest.Start(t, cyrustest.Options{})
	tm := walkFlow(t, "cyrus", srv.TLSAddr, srv.CAFile)
	waitScreen(t, tm, "INBOX [READ-WRITE]", "T Trash", "S Sent Items", "D Drafts")
	sendLine(tm, "status INBOX.test1")
	waitScreen(t, tm, "RECENT       0", "MESSAGES     0")
	send(tm, "esc")
	sendLine(tm, "info")
	waitScreen(t, tm, "CAPABILITY", "ACL")
	send(tm, "pgdown") // Cyrus lists some 70 capabilities
	waitScreen(t, tm, "RIGHTS=kxten", "k, x, t, e, n")
}

// TestWalkFlowDovecot: the same on Dovecot, whose folders carry
// SPECIAL-USE flags.
func TestWalkFlowDovecot(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.Append(t, "alice", "Trash", plainMessage(1))
	srv.Append(t, "alice", "Trash", plainMessage(2))
	tm := walkFlow(t, "dove", srv.TLSAddr, srv.CAFile)
	waitScreen(t, tm, "INBOX [READ-WRITE]", "T Trash", "S Sent")
	sendLine(tm, "status Trash")
	waitScreen(t, tm, "RECENT       2", "MESSAGES     2")
	send(tm, "esc")
	sendLine(tm, "info")
	waitScreen(t, tm, "RIGHTS=texk", "t, e, x, k")
}
