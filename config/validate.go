package config

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// validate checks the rules that types alone cannot, fills in defaults, and
// makes paths absolute.
func (ld *loader) validate(c *Config) {
	ld.validateTheme(c) // theme.go

	ld.validateLive(c)
	ld.validateKeywords(c)

	if len(c.Accounts) == 0 {
		if !ld.bad[pathOf("account")] {
			ld.errorf(nil, `no accounts: add an [[account]] table with at least name, host and username`)
		}
		return
	}
	firstLine := map[string]int{} // account name → line of its first use
	for i := range c.Accounts {
		ld.validateAccount(&c.Accounts[i], i)
		a := &c.Accounts[i]
		at := func(key string) []string { return []string{"account", index(i), key} }
		if a.Name == "" {
			continue
		}
		if line, dup := firstLine[a.Name]; dup {
			if ld.pos.has(at("name")...) {
				ld.errorf(at("name"), "name = %q: account name already used on line %d", a.Name, line)
			} else {
				ld.errorf(at("name"), "[[account]] for host %q has the same name as the account on line %d; set name = \"...\" to tell them apart", a.Host, line)
			}
			continue
		}
		firstLine[a.Name] = ld.pos.line(at("name")...)
	}
}

func (ld *loader) validateAccount(a *Account, i int) {
	at := func(key string) []string { return []string{"account", index(i), key} }
	header := []string{"account", index(i)}

	required := func(key, value string) {
		if value != "" {
			return
		}
		if ld.pos.has(at(key)...) {
			ld.errorf(at(key), "%s = \"\": must not be empty", key)
		} else {
			ld.errorf(header, "[[account]] is missing required key %q", key)
		}
	}
	required("host", a.Host)
	required("username", a.Username)
	ld.validateWriting(a, i) // write.go
	if a.Name == "" && !ld.pos.has(at("name")...) {
		a.Name = a.Host // one account needs no name; selection falls back to the host
	} else {
		required("name", a.Name)
	}

	if a.Security == "" && !ld.pos.has(at("security")...) {
		a.Security = SecurityTLS
	} else if !slices.Contains(securities(), a.Security) {
		names := make([]string, 0, 3)
		for _, s := range securities() {
			names = append(names, string(s))
		}
		ld.errorf(at("security"), "security = %q: must be one of %s", a.Security, strings.Join(names, ", "))
	}

	if a.Port == 0 && !ld.pos.has(at("port")...) {
		a.Port = a.Security.DefaultPort()
	} else if a.Port < 1 || a.Port > 65535 {
		ld.errorf(at("port"), "port = %d: out of range, must be between 1 and 65535", a.Port)
	}

	if ld.pos.has(at("password")...) && ld.pos.has(at("password_cmd")...) {
		// Point at the later of the two: that is the one usually just added.
		later, other := "password_cmd", "password"
		if ld.pos.line(at("password")...) > ld.pos.line(at("password_cmd")...) {
			later, other = other, later
		}
		ld.errorf(at(later), "%s: %s is already set on line %d; keep only one", later, other, ld.pos.line(at(other)...))
	}
	if ld.pos.has(at("password_cmd")...) && strings.TrimSpace(a.PasswordCmd) == "" {
		ld.errorf(at("password_cmd"), `password_cmd = %q: must be a command to run`, a.PasswordCmd)
	}

	ld.validateAuth(a, i)
	ld.validateSend(a, i) // send.go
	ld.validateCache(a, i)

	if a.CAFile != "" {
		p, err := ld.expandPath(a.CAFile)
		if err == nil {
			_, err = os.Stat(p)
		}
		if err != nil {
			ld.errorf(at("ca_file"), "ca_file = %q: %v", a.CAFile, err)
		}
		a.CAFile = p
	}
}

// validateAuth checks auth and token_cmd against each other and the
// password keys. A left-out auth stays "", which means AuthPassword.
func (ld *loader) validateAuth(a *Account, i int) {
	at := func(key string) []string { return []string{"account", index(i), key} }
	switch {
	case a.Auth == "" && !ld.pos.has(at("auth")...):
	case !slices.Contains(auths(), a.Auth):
		names := make([]string, 0, 3)
		for _, m := range auths() {
			names = append(names, string(m))
		}
		ld.errorf(at("auth"), "auth = %q: must be one of %s", a.Auth, strings.Join(names, ", "))
		return
	}
	hasCmd := ld.pos.has(at("token_cmd")...)
	if !a.UsesToken() {
		if hasCmd && !a.SMTPUsesToken() { // smtp_auth may use it alone (send.go)
			ld.errorf(at("token_cmd"), `token_cmd: only used with auth = "xoauth2" or "oauthbearer" (auth is %q)`, a.Auth)
		}
		return
	}
	switch {
	case !hasCmd:
		ld.errorf(at("auth"), `auth = %q needs token_cmd = "...", a command that prints an access token`, a.Auth)
	case strings.TrimSpace(a.TokenCmd) == "":
		ld.errorf(at("token_cmd"), `token_cmd = %q: must be a command to run`, a.TokenCmd)
	}
	for _, key := range []string{"password", "password_cmd"} {
		if ld.pos.has(at(key)...) {
			ld.errorf(at(key), `%s: not used with auth = %q, which logs in with token_cmd's access token; remove it`, key, a.Auth)
		}
	}
}

// warnings finds things that work but should be changed.
func (ld *loader) warnings(c *Config) ([]Warning, error) {
	var ws []Warning
	fi, err := os.Stat(ld.path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	mode := fi.Mode().Perm()
	if mode&0o022 != 0 {
		ws = append(ws, ld.writableCommands(c, mode)...)
	}
	if mode&0o044 != 0 {
		for i, a := range c.Accounts {
			if a.Password == "" {
				continue
			}
			ws = append(ws, Warning{
				Path: ld.path,
				Line: ld.pos.line("account", index(i), "password"),
				Msg: fmt.Sprintf("password for account %q is in a file other users can read (mode %04o); "+
					"use password_cmd, or run: chmod 600 %s", a.Name, mode, ld.path),
			})
		}
	}
	return ws, nil
}
