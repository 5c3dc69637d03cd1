package imapsvc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"tern/internal/dovetest"
)

// issuer is a token introspection endpoint on 127.0.0.1, the authority
// Dovecot's oauth2 passdb asks about every token, and the token command
// that hands tern tokens from a list.
type issuer struct {
	url string

	mu     sync.Mutex
	valid  map[string]string // token → user
	asked  []string          // tokens Dovecot asked about, in order
	tokens []string          // what the token command prints next
	runs   int               // times the token command ran
}

func startIssuer(t *testing.T) *issuer {
	t.Helper()
	is := &issuer{valid: map[string]string{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(is.introspect)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	is.url = "http://" + ln.Addr().String() + "/introspect"
	return is
}

func (is *issuer) introspect(w http.ResponseWriter, r *http.Request) {
	tok := r.FormValue("token")
	is.mu.Lock()
	is.asked = append(is.asked, tok)
	user, ok := is.valid[tok]
	is.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		json.NewEncoder(w).Encode(map[string]any{"active": false})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"active": true, "username": user})
}

// issue makes the token command print toks, in order, one per run.
func (is *issuer) issue(toks ...string) {
	is.mu.Lock()
	defer is.mu.Unlock()
	is.tokens = append(is.tokens, toks...)
}

func (is *issuer) grant(tok, user string) {
	is.mu.Lock()
	defer is.mu.Unlock()
	is.valid[tok] = user
}

func (is *issuer) tokenCmd(ctx context.Context) (string, error) {
	is.mu.Lock()
	defer is.mu.Unlock()
	is.runs++
	if len(is.tokens) == 0 {
		return "", errors.New("token_cmd failed (exit status 1): no more tokens")
	}
	tok := is.tokens[0]
	is.tokens = is.tokens[1:]
	return tok, nil
}

func (is *issuer) counts() (runs int, asked []string) {
	is.mu.Lock()
	defer is.mu.Unlock()
	return is.runs, append([]string(nil), is.asked...)
}

// oauthDovecot starts Dovecot with the oauth2 passdb asking a fresh issuer.
func oauthDovecot(t *testing.T) (*dovetest.Server, *issuer) {
	t.Helper()
	is := startIssuer(t)
	srv := dovetest.Start(t, dovetest.Options{OAuth2IntrospectionURL: is.url})
	return srv, is
}

func oauthAccount(t *testing.T, srv *dovetest.Server, is *issuer, mech AuthMech) Account {
	acct := dovecotAccount(t, srv, SecurityTLS)
	acct.Auth, acct.Token = mech, is.tokenCmd
	return acct
}

// noToken fails the test if text holds a token or its SASL forms.
func noToken(t *testing.T, what, text string, acct Account, toks ...string) {
	t.Helper()
	for _, tok := range toks {
		for _, form := range []string{tok, base64.StdEncoding.EncodeToString(acct.saslIR(tok))} {
			if strings.Contains(text, form) {
				t.Errorf("%s shows the token %q", what, tok)
			}
		}
	}
}

// TestOAuthDovecotLogin: a valid token logs in with both mechanisms, with
// and without SASL-IR, and the trace shows no token.
func TestOAuthDovecotLogin(t *testing.T) {
	srv, is := oauthDovecot(t)
	for _, mech := range []AuthMech{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(string(mech), func(t *testing.T) {
			tok := "tok-" + string(mech) + "-good"
			is.grant(tok, "alice")
			is.issue(tok)
			acct := oauthAccount(t, srv, is, mech)
			s, trace := tracedService(t, acct, Options{})
			if _, err := s.Connect(testCtx(t), ""); err != nil {
				t.Fatalf("Connect: %v", err)
			}
			if _, err := s.ListFolders(testCtx(t)); err != nil {
				t.Fatalf("LIST after login: %v", err)
			}
			if !strings.Contains(trace.String(), "AUTHENTICATE "+string(mech)+" <redacted>") {
				t.Errorf("trace lacks the redacted AUTHENTICATE:\n%s", trace)
			}
			noToken(t, "trace", trace.String(), acct, tok)
			if runs, asked := is.counts(); !strings.Contains(strings.Join(asked, " "), tok) {
				t.Errorf("Dovecot never asked about the token (token_cmd ran %d times; asked %q)", runs, asked)
			}
		})
	}
}
