package config

import (
	"context"
	"fmt"
)

// Auth is how an account logs in.
type Auth string

const (
	AuthPassword    Auth = "password"    // LOGIN or AUTHENTICATE PLAIN (the default)
	AuthXOAuth2     Auth = "xoauth2"     // SASL XOAUTH2 with token_cmd's access token
	AuthOAuthBearer Auth = "oauthbearer" // SASL OAUTHBEARER (RFC 7628), likewise
)

// auths lists the valid values in the order error messages show them.
func auths() []Auth { return []Auth{AuthPassword, AuthXOAuth2, AuthOAuthBearer} }

// UsesToken reports whether the account logs in with an OAuth2 access
// token from token_cmd; it then has no password and none is asked for.
func (a Account) UsesToken() bool { return a.Auth == AuthXOAuth2 || a.Auth == AuthOAuthBearer }

// LookupToken runs token_cmd and returns the first line it prints, a fresh
// access token. tern keeps no refresh token: the command (oama, mutt_oauth2.py,
// a keyring helper) does. It runs a command, so never call it from Update.
func (a Account) LookupToken(ctx context.Context) (string, error) {
	if a.TokenCmd == "" {
		return "", fmt.Errorf("account %q has no token_cmd", a.Name)
	}
	tok, err := runSecretCmd(ctx, a.TokenCmd, "token_cmd", "access token")
	if err != nil {
		return "", fmt.Errorf("account %q: %w", a.Name, err)
	}
	return tok, nil
}
