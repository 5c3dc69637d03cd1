package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"tern/imapsvc"
)

// TestPrepareOAuthAccount: token_cmd runs once before the screen opens;
// its token is the first login's, the UI never asks for a password, and
// the service gets the command for every later login.
func TestPrepareOAuthAccount(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	conf := "[[account]]\nname = \"gmail\"\nhost = \"127.0.0.1\"\nusername = \"alice@example.com\"\n" +
		"auth = \"oauthbearer\"\ntoken_cmd = \"echo ya29.first\"\n"
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := prepare(flags{configPath: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if s.uiOpts.Password != "ya29.first" || !s.uiOpts.TokenAuth {
		t.Fatalf("ui options: Password %q, TokenAuth %v", s.uiOpts.Password, s.uiOpts.TokenAuth)
	}

	f := flags{configPath: path}
	acct, _, _, _, err := chooseAccount(f, slog.New(slog.DiscardHandler), &session{})
	if err != nil {
		t.Fatal(err)
	}
	if acct.Auth != imapsvc.AuthOAuthBearer || acct.Token == nil {
		t.Fatalf("service account: Auth %q, Token set %v", acct.Auth, acct.Token != nil)
	}
	if tok, err := acct.Token(context.Background()); tok != "ya29.first" || err != nil {
		t.Errorf("Token() = %q, %v", tok, err)
	}
}
