package dovetest

import (
	"net"
	"net/http"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"tern/internal/servertest"
)

// TestOAuth2Introspection: with OAuth2IntrospectionURL, OAUTHBEARER asks
// the endpoint about the token; a token the endpoint refuses fails even
// when it equals the user's password; passwords still work with PLAIN.
func TestOAuth2Introspection(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var asked []string
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.FormValue("token")
		mu.Lock()
		asked = append(asked, tok)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if tok == "good-token" {
			w.Write([]byte(`{"active": true, "username": "alice"}`))
			return
		}
		w.Write([]byte(`{"active": false}`))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s := Start(t, Options{OAuth2IntrospectionURL: "http://" + ln.Addr().String() + "/introspect"})

	c := servertest.Login(t, s, "alice") // PLAIN with the password
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}

	bearer := func(token string) error {
		cfg, err := s.TLSConfig()
		if err != nil {
			t.Fatal(err)
		}
		c, err := imapclient.DialTLS(s.TLSAddr, &imapclient.Options{TLSConfig: cfg})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// go-sasl's client gives up on the error challenge, leaving the
		// command open; for a refusal any error will do here.
		return c.Authenticate(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: "alice", Token: token}))
	}
	if err := bearer("good-token"); err != nil {
		t.Fatalf("OAUTHBEARER with a good token: %v", err)
	}
	if err := bearer("secret"); err == nil {
		t.Fatal("OAUTHBEARER with the password as token was accepted")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 2 || asked[0] != "good-token" || asked[1] != "secret" {
		t.Errorf("the endpoint was asked about %q", asked)
	}
}
