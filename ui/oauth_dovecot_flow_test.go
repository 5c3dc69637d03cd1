package ui

import (
	"bytes"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/config"
	"tern/imapsvc"
	"tern/internal/dovetest"
)

// TestFlowOAuthDovecot: tern starts with a token account whose first
// token (read before the screen opened) has expired: with no password
// prompt, the service runs token_cmd for a fresh one and INBOX opens.
func TestFlowOAuthDovecot(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.FormValue("token") == "fresh-token" {
			w.Write([]byte(`{"active": true, "username": "alice"}`))
			return
		}
		w.Write([]byte(`{"active": false}`))
	})}
	go endpoint.Serve(ln)
	t.Cleanup(func() { endpoint.Close() })
	srv := dovetest.Start(t, dovetest.Options{OAuth2IntrospectionURL: "http://" + ln.Addr().String() + "/introspect"})
	srv.Append(t, "alice", "INBOX", []byte("From: a@example.org\r\nSubject: hello from oauth\r\n\r\nbody\r\n"))

	cfgAcct := config.Account{Name: "dove", Auth: config.AuthXOAuth2, TokenCmd: "echo fresh-token"}
	host, port := splitAddr(t, srv.TLSAddr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityTLS,
		Username: "alice", CAFile: srv.CAFile, Auth: imapsvc.AuthXOAuth2, Token: cfgAcct.LookupToken}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password, opts.TokenAuth = "dove", "expired-token", true
	tm := teatest.NewTestModel(t, New(svc, opts), teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })

	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		return bytes.Contains(seen, []byte("hello from oauth"))
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	if bytes.Contains(seen, []byte("Password:")) || bytes.Contains(seen, []byte("Could not log in")) {
		t.Errorf("the start-up showed a password prompt or a login failure:\n%s", seen)
	}
}
