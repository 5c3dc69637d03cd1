// Package tokenauth is the OAuth2 login that IMAP and SMTP share: running
// the account's token command within a deadline, checking what it printed,
// and the SASL client for XOAUTH2 and OAUTHBEARER (RFC 7628).
package tokenauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"tern/sanitize"
)

// Mech is an OAuth2 SASL mechanism name.
type Mech string

const (
	XOAuth2     Mech = "XOAUTH2"     // Google's and Microsoft's
	OAuthBearer Mech = "OAUTHBEARER" // RFC 7628
)

// Func returns a fresh OAuth2 access token (config's token_cmd). It is
// called for every login, so each one gets a token that has not expired;
// it may run a command and must honour ctx.
type Func func(ctx context.Context) (string, error)

// Timeout bounds one run of the token command: twice a connecting step,
// since it may refresh the token over the network.
func Timeout(step time.Duration) time.Duration { return 2 * step }

// Fetch asks f for a token within ctx and refuses one that cannot be sent
// in a SASL response. Errors never hold the token.
func Fetch(ctx context.Context, f Func) (string, error) {
	if f == nil {
		return "", errors.New("no token command configured")
	}
	token, err := f(ctx)
	if ctx.Err() != nil {
		// Whatever the command said, it ran out of time.
		return "", fmt.Errorf("token_cmd did not finish in time: %w", ctx.Err())
	}
	if err != nil {
		return "", err
	}
	if token == "" || strings.ContainsAny(token, "\x00\x01\r\n") {
		return "", errors.New("token_cmd printed no usable access token")
	}
	return token, nil
}

// InitialResponse is the client's first message for mech: the token in
// the form the mechanism sends it. host and port are the server's.
func InitialResponse(mech Mech, user, host, port, token string) []byte {
	if mech == XOAuth2 {
		return []byte("user=" + user + "\x01auth=Bearer " + token + "\x01\x01")
	}
	// RFC 5801's gs2 header escapes "," and "=" in the authzid.
	authzid := strings.NewReplacer("=", "=3D", ",", "=2C").Replace(user)
	return []byte("n,a=" + authzid + ",\x01host=" + host + "\x01port=" + port +
		"\x01auth=Bearer " + token + "\x01\x01")
}

// Client is a sasl.Client for XOAUTH2 and OAUTHBEARER. A server that
// refuses the token first sends an error challenge (JSON) and waits for
// the client's answer before its failure reply; go-sasl's OAUTHBEARER
// client returns an error there, which leaves the exchange unfinished.
// Client answers with Dummy and remembers the challenge's status.
type Client struct {
	Mech Mech
	IR   []byte
	// Dummy answers the error challenge: %x01 as RFC 7628 asks; an SMTP
	// XOAUTH2 client sends an empty line instead (Google's documentation).
	Dummy []byte

	Status string // the error challenge's status, sanitized; "" if none came
	Failed bool   // an error challenge came
}

func (t *Client) Start() (string, []byte, error) { return string(t.Mech), t.IR, nil }

func (t *Client) Next(challenge []byte) ([]byte, error) {
	if t.Failed {
		return nil, errors.New("the server sent a second challenge after refusing the token")
	}
	t.Failed = true
	var e struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(challenge, &e) == nil && len(e.Status) <= 64 {
		t.Status = sanitize.Line(e.Status)
	}
	if t.Dummy == nil {
		return []byte{}, nil
	}
	return t.Dummy, nil
}
