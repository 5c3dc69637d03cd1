package ui

import (
	"net"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/cyrustest"
)

// cyrusFlow runs the UI on the walk-through's Cyrus account over TLS.
func cyrusFlow(t *testing.T, srv *cyrustest.Server) *teatest.TestModel {
	t.Helper()
	host, p, err := net.SplitHostPort(srv.TLSAddr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(p)
	svc := imapsvc.New(imapsvc.Account{Name: "cyrus", Host: host, Port: port, Security: imapsvc.SecurityTLS,
		Username: "alice", CAFile: srv.CAFile}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "cyrus", "secret"
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Test message 2", "3 exists")
	return tm
}

// TestCyrusFetchCopyFlow: the walk-through's :fetch and :copy steps on
// Cyrus. A sequence set is fetched by UID; RFC822.TEXT sets \Seen and the
// unseen count follows; :copy shows the COPYUID the server answered.
func TestCyrusFetchCopyFlow(t *testing.T) {
	srv := cyrustest.Start(t, cyrustest.Options{})
	tm := cyrusFlow(t, srv)

	sendLine(tm, "fetch 1:* flags")
	waitScreen(t, tm, "FETCH 1:* → UID FETCH 1:3 flags", "UID 3")
	send(tm, "esc")

	sendLine(tm, "fetch 1 rfc822.text")
	waitScreen(t, tm, "Body of message 0.", "1 message now \\Seen", "2 unseen")
	send(tm, "esc")

	send(tm, "A")
	sendLine(tm, "copy INBOX.test2")
	waitScreen(t, tm, "copied 3 messages to INBOX.test2 (COPYUID: UID 1:3 → 1:3, UIDVALIDITY ")
}

// TestCyrusKeywordsFlow: keywords stored on Cyrus show in the list and
// the viewer, and the folder info shows Cyrus's PERMANENTFLAGS with \*
// (as SELECT sent them: a keyword made since is not listed there).
func TestCyrusKeywordsFlow(t *testing.T) {
	srv := cyrustest.Start(t, cyrustest.Options{})
	tm := cyrusFlow(t, srv)

	sendLine(tm, "store +flags $label1 NonJunk")
	waitScreen(t, tm, "[$label1 NonJu", "] Test message 2")
	send(tm, "enter")
	waitScreen(t, tm, "Keywords: $label1 NonJunk", "Body of message 2.")
	send(tm, "esc")

	sendLine(tm, "status INBOX")
	waitScreen(t, tm, "PERMANENTFLAGS", `system flags    \Answered \Flagged \Draft \Deleted \Seen`, `new keywords    allowed (\*)`)
}
