package imapsvc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/tokenauth"
)

// AuthMech is how an account logs in.
type AuthMech string

const (
	AuthPassword    AuthMech = ""            // LOGIN or AUTHENTICATE PLAIN
	AuthXOAuth2     AuthMech = "XOAUTH2"     // Google's and Microsoft's OAuth2 SASL
	AuthOAuthBearer AuthMech = "OAUTHBEARER" // RFC 7628
)

// TokenFunc returns a fresh OAuth2 access token (config's token_cmd),
// asked anew for every login; see tokenauth.Func.
type TokenFunc = tokenauth.Func

// tokenCmdTimeout bounds one run of the token command.
func tokenCmdTimeout(step time.Duration) time.Duration { return tokenauth.Timeout(step) }

func (a Account) usesToken() bool { return a.Auth == AuthXOAuth2 || a.Auth == AuthOAuthBearer }

// saslIR is the initial client response of mech: the token in the form
// the mechanism sends it.
func (a Account) saslIR(token string) []byte {
	_, port, _ := net.SplitHostPort(a.address())
	return tokenauth.InitialResponse(tokenauth.Mech(a.Auth), a.Username, a.Host, port, token)
}

// tokenSecrets are the forms of token that the trace must never show.
func (a Account) tokenSecrets(token string) []string {
	return []string{token, base64.StdEncoding.EncodeToString(a.saslIR(token))}
}

// tokenSASL answers a refused token's error challenge with %x01 (see
// tokenauth.Client). XOAUTH2 asks for an empty response, but go-imap
// sends an empty one as "=", which Dovecot takes for invalid base64 and
// hangs up on; %x01 is refused with the NO we want.
func tokenSASL(mech AuthMech, ir []byte) *tokenauth.Client {
	return &tokenauth.Client{Mech: tokenauth.Mech(mech), IR: ir, Dummy: []byte{0x01}}
}

// errTokenRefused marks a login that failed because the server did not
// take the token: a fresh one may do.
type errTokenRefused struct{ err error }

func (e *errTokenRefused) Error() string { return e.err.Error() }
func (e *errTokenRefused) Unwrap() error { return e.err }

// tokenLogin authenticates with an access token, first (openLoggedIn
// fetches one when the caller has none). When the server refuses the
// token it runs the command once more and tries once more on the same
// connection; a second refusal is final. The token never appears in an
// error: the tap redacts its forms, and errors quote only the server.
// tp is the connection's trace tap (nil: none).
func (s *Service) tokenLogin(c *imapclient.Client, lc *limitConn, tp *tap, step time.Duration, first string) error {
	if err := checkMech(c, s.acct.Auth); err != nil {
		return err
	}
	token := first
	var refusedBefore error
	for try := 0; ; try++ {
		if token == "" {
			// The connection waits meanwhile: hold it to the command's time.
			lc.setStep("token_cmd", tokenCmdTimeout(step)+step)
			var err error
			if token, err = s.fetchToken(step); err != nil && refusedBefore != nil {
				return fmt.Errorf("%v; running token_cmd for a new token: %w", refusedBefore, err)
			} else if err != nil {
				return err
			}
		}
		if tp != nil {
			tp.setSecretForms(s.acct.tokenSecrets(token))
		}
		lc.setStep("login", step)
		err := s.acct.authenticate(c, token)
		var refused *errTokenRefused
		if err == nil || !errors.As(err, &refused) {
			return err
		}
		if try > 0 {
			var se *ServerError
			errors.As(err, &se)
			return &AuthError{Err: &ServerError{Op: se.Op, Text: se.Text + "; token_cmd was run again and its new token was refused too"}}
		}
		s.log.Info("the server refused the access token; running token_cmd again", "account", s.acct.Name)
		token, refusedBefore = "", err
	}
}

// fetchToken runs the token command under tokenCmdTimeout(step).
func (s *Service) fetchToken(step time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), tokenCmdTimeout(step))
	defer cancel()
	return runToken(ctx, s.acct)
}

// runToken asks a's token command for a token within ctx.
func runToken(ctx context.Context, a Account) (string, error) { return tokenauth.Fetch(ctx, a.Token) }

// checkMech refuses early, and says what the server offers, when it does
// not advertise the mechanism. LOGINDISABLED is no obstacle: it forbids
// LOGIN, not AUTHENTICATE.
func checkMech(c *imapclient.Client, mech AuthMech) error {
	caps := c.Caps()
	if caps == nil {
		return errors.New("the server did not answer CAPABILITY")
	}
	if caps.Has(imap.Cap("AUTH=" + string(mech))) {
		return nil
	}
	names := make([]string, 0, len(caps))
	for cp := range caps {
		names = append(names, string(cp))
	}
	return mechMissing(mech, names)
}

// mechMissing says that the server lacks AUTH=mech and what it offers.
func mechMissing(mech AuthMech, caps []string) error {
	var offered []string
	for _, cp := range caps {
		if strings.HasPrefix(strings.ToUpper(cp), "AUTH=") {
			offered = append(offered, cleanLine(cp))
		}
	}
	slices.Sort(offered)
	if len(offered) > 10 { // a server's list is not worth a screenful
		offered = append(offered[:10], "…")
	}
	what := "no AUTH= mechanism"
	if len(offered) > 0 {
		what = strings.Join(offered, " ")
	}
	return fmt.Errorf("the server does not offer %s login (AUTH=%s); it offers %s", mech, mech, what)
}

// authenticate runs one AUTHENTICATE exchange with token.
func (a Account) authenticate(c *imapclient.Client, token string) error {
	sc := tokenSASL(a.Auth, a.saslIR(token))
	err := c.Authenticate(sc)
	if err == nil {
		return nil
	}
	var ierr *imap.Error
	if !errors.As(err, &ierr) {
		return err
	}
	se := &ServerError{Op: string(a.Auth) + " login as " + cleanLine(a.Username), Text: cleanServerText(ierr)}
	if sc.Status != "" {
		se.Text += " (token refused: status " + sc.Status + ")"
	}
	// A NO after the error challenge, with [AUTHENTICATIONFAILED] or
	// with no code (Microsoft's "AUTHENTICATE failed."), is an expired or
	// revoked token; another code ([UNAVAILABLE]...) is not.
	if ierr.Type == imap.StatusResponseTypeNo &&
		(sc.Failed || ierr.Code == imap.ResponseCodeAuthenticationFailed || ierr.Code == "") {
		return &errTokenRefused{err: se}
	}
	return refusal(ierr, se)
}
