package ui

import (
	"strings"
	"testing"
	"time"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotKeysNotBehindSizes: while the server sits on the answer to the
// fetch of sizes (held by the proxy), jumping to the other end of the list
// and opening a message there are answered on screen before that answer is
// released: background fetches have their own connection.
func TestDovecotKeysNotBehindSizes(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 300, byUID)
	p := proxy.Start(t, srv.Addr)
	// Long enough that a loaded machine does not release it mid-test, and
	// short of the UI's request timeout, so that on one connection the keys
	// are answered late rather than never. The test does not wait for it.
	hold := p.HoldAnswer(func(l string) bool { return strings.Contains(l, "RFC822.SIZE") }, 10*time.Second)
	host, port := splitTestAddr(t, p.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account = "dove"
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Plain message 300")
	select {
	case <-hold.Started:
	case <-time.After(30 * time.Second):
		t.Fatal("sizes were never fetched")
	}
	notReleased := func(what string) {
		t.Helper()
		select {
		case <-hold.Released:
			t.Fatalf("%s showed only after the held fetch of sizes was released", what)
		default:
		}
	}
	send(tm, "G")
	waitScreen(t, tm, "Plain message 1 ")
	notReleased("the other end of the list")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 1.")
	notReleased("the message")
}
