package config

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestLoadOAuth(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4
	tests := []struct {
		name string
		src  string
		want Account
	}{
		{"xoauth2", acct + "auth = \"xoauth2\"\ntoken_cmd = \"oama access u@example.com\"\n",
			Account{Name: "a", Host: "h", Port: 993, Security: SecurityTLS, Username: "u", Auth: AuthXOAuth2, TokenCmd: "oama access u@example.com"}},
		{"oauthbearer over plain", acct + "security = \"plain\"\nauth = \"oauthbearer\"\ntoken_cmd = \"t\"\n",
			Account{Name: "a", Host: "h", Port: 143, Security: SecurityPlain, Username: "u", Auth: AuthOAuthBearer, TokenCmd: "t"}},
		{"password said outright", acct + "auth = \"password\"\npassword_cmd = \"p\"\n",
			Account{Name: "a", Host: "h", Port: 993, Security: SecurityTLS, Username: "u", Auth: AuthPassword, PasswordCmd: "p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := loadAccount(t, tt.src)
			if !reflect.DeepEqual(a, tt.want) {
				t.Errorf("account =\n%+v\nwant\n%+v", a, tt.want)
			}
			if a.UsesToken() != (tt.want.TokenCmd != "") {
				t.Errorf("UsesToken = %v", a.UsesToken())
			}
		})
	}
}

func TestLoadOAuthErrors(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4
	checkLoadErrors(t, []loadErrorCase{
		{"unknown mechanism", acct + "auth = \"oauth2\"\n",
			`:5: auth = "oauth2": must be one of password, xoauth2, oauthbearer`},
		{"empty auth", acct + "auth = \"\"\n",
			`:5: auth = "": must be one of password, xoauth2, oauthbearer`},
		{"auth not a string", acct + "auth = true\n",
			`:5: auth = true: must be a string (in quotes)`},
		{"xoauth2 without token_cmd", acct + "\nauth = \"xoauth2\"\n",
			`:6: auth = "xoauth2" needs token_cmd = "...", a command that prints an access token`},
		{"blank token_cmd", acct + "auth = \"oauthbearer\"\ntoken_cmd = \" \"\n",
			`:6: token_cmd = " ": must be a command to run`},
		{"token_cmd without auth", acct + "token_cmd = \"t\"\n",
			`:5: token_cmd: only used with auth = "xoauth2" or "oauthbearer" (auth is "")`},
		{"token_cmd with password auth", acct + "auth = \"password\"\ntoken_cmd = \"t\"\n",
			`:6: token_cmd: only used with auth = "xoauth2" or "oauthbearer" (auth is "password")`},
		{"password with oauth", acct + "auth = \"xoauth2\"\ntoken_cmd = \"t\"\npassword = \"p\"\n",
			`:7: password: not used with auth = "xoauth2", which logs in with token_cmd's access token; remove it`},
		{"password_cmd with oauth, second account", acct + "[[account]]\nname = \"b\"\nhost = \"h\"\nusername = \"u\"\npassword_cmd = \"p\"\nauth = \"oauthbearer\"\ntoken_cmd = \"t\"\n",
			`:9: password_cmd: not used with auth = "oauthbearer", which logs in with token_cmd's access token; remove it`},
		{"typo suggests token_cmd", acct + "auth = \"xoauth2\"\ntoken_cmnd = \"t\"\n",
			":5: auth = \"xoauth2\" needs token_cmd = \"...\", a command that prints an access token\n" +
				`:6: unknown key "token_cmnd" in [[account]] (did you mean "token_cmd"?)`},
	})
}

func TestTokenCmdWarning(t *testing.T) {
	checkLoneWarning(t, "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nauth = \"xoauth2\"\ntoken_cmd = \"t\"\n", 0o664,
		6, `token_cmd of account "a" runs a command`)
}

func TestLookupToken(t *testing.T) {
	ctx := context.Background()
	a := Account{Name: "work", Auth: AuthXOAuth2, TokenCmd: "printf 'ya29.tok\\nrefresh-not-this\\n'"}
	if tok, err := a.LookupToken(ctx); tok != "ya29.tok" || err != nil {
		t.Errorf("LookupToken = %q, %v", tok, err)
	}
	a.TokenCmd = "echo ya29.leak; echo 'oama: refresh failed for ya29.leak' >&2; exit 4"
	_, err := a.LookupToken(ctx)
	if err == nil || err.Error() != `account "work": token_cmd failed (exit status 4): oama: refresh failed for ***` {
		t.Errorf("failing token_cmd: err = %v", err)
	}
	a.TokenCmd = "true"
	if _, err := a.LookupToken(ctx); err == nil || !strings.Contains(err.Error(), "token_cmd printed an empty first line; it should print the access token") {
		t.Errorf("empty token_cmd output: err = %v", err)
	}
}
