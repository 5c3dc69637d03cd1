package smtpsend

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"

	"github.com/emersion/go-sasl"

	"tern/tokenauth"
)

// saslClient picks the mechanism for the account among those offered and
// fetches its secret; secrets are the forms of it to blank out of replies.
func (s *Sender) saslClient(ctx context.Context, offered []string) (sasl.Client, redactor, error) {
	a := s.acct
	missing := func(want string) error {
		what := "none"
		if len(offered) > 0 {
			shown := offered
			if len(shown) > 10 {
				shown = append(slices.Clone(shown[:10]), "…")
			}
			what = clean(strings.Join(shown, " "))
		}
		return &Error{Op: "login", Host: a.Host, Text: fmt.Sprintf("the server does not offer %s; it offers %s", want, what)}
	}
	switch a.Auth {
	case AuthXOAuth2, AuthOAuthBearer:
		mech := tokenauth.XOAuth2
		var dummy []byte // an empty line answers XOAUTH2's error challenge in SMTP
		if a.Auth == AuthOAuthBearer {
			mech, dummy = tokenauth.OAuthBearer, []byte{0x01}
		}
		if !slices.Contains(offered, string(mech)) {
			return nil, nil, missing("AUTH " + string(mech))
		}
		tctx, cancel := context.WithTimeout(ctx, tokenauth.Timeout(s.step))
		token, err := tokenauth.Fetch(tctx, a.Token)
		cancel()
		if err != nil {
			return nil, nil, &Error{Op: "login", Host: a.Host, Text: clean(err.Error()), Err: err}
		}
		_, port, _ := net.SplitHostPort(a.address())
		ir := tokenauth.InitialResponse(mech, a.Username, a.Host, port, token)
		cl := &tokenClient{tokenauth.Client{Mech: mech, IR: ir, Dummy: dummy}}
		return cl, redactor{token, base64.StdEncoding.EncodeToString(ir)}, nil
	}
	if a.Password == nil {
		return nil, nil, &Error{Op: "login", Host: a.Host, Text: "no password for the SMTP login"}
	}
	pw, err := a.Password(ctx)
	if err != nil {
		return nil, nil, &Error{Op: "login", Host: a.Host, Text: "password: " + clean(err.Error()), Err: errors.Unwrap(err)}
	}
	secrets := redactor{pw, base64.StdEncoding.EncodeToString([]byte(pw)),
		base64.StdEncoding.EncodeToString([]byte("\x00" + a.Username + "\x00" + pw))}
	switch {
	case slices.Contains(offered, sasl.Plain):
		return sasl.NewPlainClient("", a.Username, pw), secrets, nil
	case slices.Contains(offered, sasl.Login):
		return sasl.NewLoginClient(a.Username, pw), secrets, nil
	}
	return nil, nil, missing("AUTH PLAIN or LOGIN")
}

// tokenClient is the token SASL client, a type of its own so that login
// can tell it from the password ones.
type tokenClient struct{ tokenauth.Client }
