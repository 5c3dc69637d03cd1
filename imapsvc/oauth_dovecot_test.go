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
	"tern/internal/proxy"
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

// issue makes the token command print toks, in order, one per run, and
// then fail.
func (is *issuer) issue(toks ...string) {
	is.mu.Lock()
	defer is.mu.Unlock()
	is.tokens = toks
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

// TestOAuthDovecotRefresh: a refused token (Dovecot sends the SASL error
// challenge, then NO [AUTHENTICATIONFAILED]) makes tern run the token
// command once more and log in with the new token.
func TestOAuthDovecotRefresh(t *testing.T) {
	srv, is := oauthDovecot(t)
	for _, mech := range []AuthMech{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(string(mech), func(t *testing.T) {
			expired, fresh := "expired-"+string(mech), "fresh-"+string(mech)
			is.grant(fresh, "alice")
			is.issue(fresh)
			acct := oauthAccount(t, srv, is, mech)
			s, trace := tracedService(t, acct, Options{})
			runs0, _ := is.counts()
			// The token main read before the screen opened has expired.
			if _, err := s.Connect(testCtx(t), expired); err != nil {
				t.Fatalf("Connect: %v", err)
			}
			runs, asked := is.counts()
			if runs-runs0 != 1 {
				t.Errorf("token_cmd ran %d times, want 1", runs-runs0)
			}
			if tail := strings.Join(asked[max(0, len(asked)-2):], " "); tail != expired+" "+fresh {
				t.Errorf("Dovecot was asked about %q, want the expired then the fresh token", tail)
			}
			if !strings.Contains(trace.String(), "AUTHENTICATIONFAILED") {
				t.Errorf("the first try was not refused:\n%s", trace)
			}
			noToken(t, "trace", trace.String(), acct, expired, fresh)
		})
	}
}

// TestOAuthDovecotRefusedTwice: when the second token is refused too,
// Connect fails with a message that says so, the token command is not run
// a third time, and no token shows in the error or the trace.
func TestOAuthDovecotRefusedTwice(t *testing.T) {
	srv, is := oauthDovecot(t)
	for _, mech := range []AuthMech{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(string(mech), func(t *testing.T) {
			bad1, bad2, good := "bad1-"+string(mech), "bad2-"+string(mech), "good-"+string(mech)
			is.grant(good, "alice") // a third try would succeed
			is.issue(bad1, bad2, good)
			acct := oauthAccount(t, srv, is, mech)
			s, trace := tracedService(t, acct, Options{})
			runs0, _ := is.counts()
			_, err := s.Connect(testCtx(t), "")
			var se *ServerError
			if !errors.As(err, &se) {
				t.Fatalf("Connect = %v, want a ServerError", err)
			}
			for _, want := range []string{string(mech) + " login as alice", "AUTHENTICATIONFAILED", "token_cmd was run again and its new token was refused too"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if runs, _ := is.counts(); runs-runs0 != 2 {
				t.Errorf("token_cmd ran %d times, want 2", runs-runs0)
			}
			noToken(t, "error", err.Error(), acct, bad1, bad2, good)
			noToken(t, "trace", trace.String(), acct, bad1, bad2, good)
		})
	}
}

// TestOAuthDovecotContinuation: without SASL-IR the token goes in a
// continuation line, which the trace must hide as well.
func TestOAuthDovecotContinuation(t *testing.T) {
	srv, is := oauthDovecot(t)
	for _, mech := range []AuthMech{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(string(mech), func(t *testing.T) {
			tok := "cont-" + string(mech)
			is.grant(tok, "alice")
			is.issue(tok)
			p := proxy.Start(t, srv.Addr)
			p.HideCapability("SASL-IR")
			host, port := splitHostPort(t, p.Addr)
			acct := Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice", Auth: mech, Token: is.tokenCmd}
			s, trace := tracedService(t, acct, Options{})
			if _, err := s.Connect(testCtx(t), ""); err != nil {
				t.Fatalf("Connect: %v", err)
			}
			if !strings.Contains(trace.String(), "AUTHENTICATE "+string(mech)+"\n") {
				t.Errorf("AUTHENTICATE carried an initial response despite no SASL-IR:\n%s", trace)
			}
			noToken(t, "trace", trace.String(), acct, tok)
		})
	}
}

// TestOAuthDovecotNoMechanism: a server that does not offer the mechanism
// is refused before AUTHENTICATE, naming what it offers.
func TestOAuthDovecotNoMechanism(t *testing.T) {
	srv, is := oauthDovecot(t)
	is.grant("tok", "alice")
	is.issue("tok")
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("AUTH=XOAUTH2")
	host, port := splitHostPort(t, p.Addr)
	s, trace := tracedService(t, Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice",
		Auth: AuthXOAuth2, Token: is.tokenCmd}, Options{})
	_, err := s.Connect(testCtx(t), "")
	want := "the server does not offer XOAUTH2 login (AUTH=XOAUTH2); it offers AUTH=LOGIN AUTH=OAUTHBEARER AUTH=PLAIN"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Connect = %v, want %q", err, want)
	}
	if strings.Contains(trace.String(), "AUTHENTICATE") {
		t.Errorf("AUTHENTICATE sent anyway:\n%s", trace)
	}
}

// TestOAuthTokenCmdFails: a failing token command is reported as such.
func TestOAuthDovecotTokenCmdFails(t *testing.T) {
	srv, is := oauthDovecot(t)
	s, _ := tracedService(t, oauthAccount(t, srv, is, AuthOAuthBearer), Options{})
	_, err := s.Connect(testCtx(t), "")
	if err == nil || !strings.Contains(err.Error(), "token_cmd failed (exit status 1): no more tokens") {
		t.Fatalf("Connect = %v", err)
	}
}

// TestOAuthDovecotReconnect: every reconnect runs the token command for a
// fresh token; none is kept.
func TestOAuthDovecotReconnect(t *testing.T) {
	srv, is := oauthDovecot(t)
	is.grant("first", "alice")
	is.grant("second", "alice")
	is.issue("first", "second")
	p := proxy.Start(t, srv.Addr)
	host, port := splitHostPort(t, p.Addr)
	acct := Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice", Auth: AuthXOAuth2, Token: is.tokenCmd}
	s, trace := tracedService(t, acct, Options{Live: LiveOptions{Rand: func() float64 { return 0 }}})
	connectInbox(t, s, "")
	p.CutAll()
	nextEvent[Reconnected](t, s, nil)
	runs, asked := is.counts()
	if runs != 2 || asked[len(asked)-1] != "second" {
		t.Errorf("token_cmd ran %d times; Dovecot was asked about %q; want a second token for the reconnect", runs, asked)
	}
	if _, err := s.Select(testCtx(t), "INBOX", false, 10); err != nil {
		t.Fatalf("SELECT after reconnect: %v", err)
	}
	noToken(t, "trace", trace.String(), acct, "first", "second")
}

// TestOAuthDovecotRawConns: the side connection (STATUS RECENT, LSUB) and
// the protocol console log in with the token too, with and without SASL-IR,
// replacing a refused token once.
func TestOAuthDovecotRawConns(t *testing.T) {
	srv, is := oauthDovecot(t)
	for _, hide := range []string{"", "SASL-IR"} {
		for _, mech := range []AuthMech{AuthXOAuth2, AuthOAuthBearer} {
			t.Run(string(mech)+" hiding "+hide, func(t *testing.T) {
				main, stale, side, console := "main-"+hide+string(mech), "stale-"+hide+string(mech),
					"side-"+hide+string(mech), "console-"+hide+string(mech)
				for _, tok := range []string{main, side, console} {
					is.grant(tok, "alice")
				}
				p := proxy.Start(t, srv.Addr)
				p.HideCapability(hide)
				host, port := splitHostPort(t, p.Addr)
				acct := Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice", Auth: mech, Token: is.tokenCmd}
				s, _ := tracedService(t, acct, Options{})
				is.issue(main)
				if _, err := s.Connect(testCtx(t), ""); err != nil {
					t.Fatalf("Connect: %v", err)
				}

				is.issue(stale, side) // the first is refused, the second taken
				if _, err := s.sideRecent(testCtx(t), "INBOX"); err != nil {
					t.Fatalf("side connection: %v", err)
				}
				if _, err := s.sideLSUB(testCtx(t)); err != nil {
					t.Fatalf("side connection LSUB: %v", err)
				}
				if runs, asked := is.counts(); !strings.HasSuffix(strings.Join(asked, " "), stale+" "+side) {
					t.Errorf("side connection: Dovecot was asked about %q (token_cmd ran %d times)", asked, runs)
				}

				is.issue(console)
				con, err := s.OpenConsole(testCtx(t))
				if err != nil {
					t.Fatalf("console: %v", err)
				}
				defer con.Close()
				reply, err := con.Send(testCtx(t), "NOOP")
				if err != nil || reply.Status != "OK" {
					t.Fatalf("console NOOP: %+v, %v", reply, err)
				}
				if _, asked := is.counts(); asked[len(asked)-1] != console {
					t.Errorf("console: Dovecot was last asked about %q", asked[len(asked)-1])
				}
			})
		}
	}
}

// TestOAuthDovecotRawRefused: a raw connection whose two tokens are both
// refused reports it without a token in the error.
func TestOAuthDovecotRawRefused(t *testing.T) {
	srv, is := oauthDovecot(t)
	is.grant("main", "alice")
	acct := oauthAccount(t, srv, is, AuthXOAuth2)
	s, _ := tracedService(t, acct, Options{})
	is.issue("main")
	if _, err := s.Connect(testCtx(t), ""); err != nil {
		t.Fatal(err)
	}
	is.issue("no1", "no2", "main")
	_, err := s.OpenConsole(testCtx(t))
	var se *ServerError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "console XOAUTH2 login as alice: [AUTHENTICATIONFAILED]") ||
		!strings.Contains(err.Error(), "refused too") {
		t.Fatalf("OpenConsole = %v", err)
	}
	if runs, _ := is.counts(); runs != 3 {
		t.Errorf("token_cmd ran %d times, want 3 (one for the main connection, two for the console)", runs)
	}
	noToken(t, "error", err.Error(), acct, "no1", "no2", "main")
}

// TestOAuthDovecotRawNoMechanism: the console says which mechanisms the
// server offers when its own is missing, and sends no AUTHENTICATE.
func TestOAuthDovecotRawNoMechanism(t *testing.T) {
	srv, is := oauthDovecot(t)
	is.grant("main", "alice")
	is.issue("main")
	p := proxy.Start(t, srv.Addr)
	host, port := splitHostPort(t, p.Addr)
	s, _ := tracedService(t, Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice",
		Auth: AuthOAuthBearer, Token: is.tokenCmd}, Options{})
	if _, err := s.Connect(testCtx(t), ""); err != nil {
		t.Fatal(err)
	}
	p.HideCapability("AUTH=OAUTHBEARER")
	_, err := s.OpenConsole(testCtx(t))
	want := "console: the server does not offer OAUTHBEARER login (AUTH=OAUTHBEARER); it offers AUTH=LOGIN AUTH=PLAIN AUTH=XOAUTH2"
	if err == nil || err.Error() != want {
		t.Fatalf("OpenConsole = %v, want %q", err, want)
	}
	if runs, _ := is.counts(); runs != 1 {
		t.Errorf("token_cmd ran %d times, want 1 (the main connection's)", runs)
	}
}

// TestOAuthDovecotRefreshFails: when the token command fails after a
// refusal, the error tells both.
func TestOAuthDovecotRefreshFails(t *testing.T) {
	srv, is := oauthDovecot(t)
	s, _ := tracedService(t, oauthAccount(t, srv, is, AuthXOAuth2), Options{})
	is.issue() // the command fails on its next run
	_, err := s.Connect(testCtx(t), "expired")
	want := "[AUTHENTICATIONFAILED] Authentication failed. (token refused: status 401); running token_cmd for a new token: token_cmd failed (exit status 1): no more tokens"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Connect = %v, want it to say %q", err, want)
	}
	noToken(t, "error", err.Error(), s.acct, "expired")
}
