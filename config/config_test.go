package config

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// writeConfig writes src to config.toml in a fresh directory.
func writeConfig(t *testing.T, src string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is masked by umask
		t.Fatal(err)
	}
	return path
}

func TestLoadValid(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "ca.pem"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	loader := Loader{Getenv: func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}}
	tests := []struct {
		name string
		src  string
		want Config
	}{{
		name: "full",
		src: `theme = "light"
[[account]]
name = "work"
host = "imap.example.com"
port = 1993
security = "starttls"
username = "alice"
password_cmd = "pass show mail/work"
ca_file = "~/ca.pem"
tls_skip_verify = true
trash = "Deleted Items"

[[account]]
name = "home"
host = "mail.example.org"
username = "alice@example.org"
password = "secret"
`,
		want: Config{Theme: "light", Accounts: []Account{{
			Name: "work", Host: "imap.example.com", Port: 1993, Security: SecurityStartTLS,
			Username: "alice", PasswordCmd: "pass show mail/work",
			CAFile: filepath.Join(home, "ca.pem"), TLSSkipVerify: true, Trash: "Deleted Items",
		}, {
			Name: "home", Host: "mail.example.org", Port: 993, Security: SecurityTLS,
			Username: "alice@example.org", Password: "secret",
		}}},
	}, {
		name: "defaults: theme, name from host, security tls, port 993",
		src:  "[[account]]\nhost = \"h\"\nusername = \"u\"\n",
		want: Config{Theme: "dark", Accounts: []Account{{Name: "h", Host: "h", Port: 993, Security: SecurityTLS, Username: "u"}}},
	}, {
		name: "starttls defaults to 143",
		src:  "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nsecurity = \"starttls\"\n",
		want: Config{Theme: "dark", Accounts: []Account{{Name: "a", Host: "h", Port: 143, Security: SecurityStartTLS, Username: "u"}}},
	}, {
		name: "plain defaults to 143",
		src:  "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nsecurity = \"plain\"\n",
		want: Config{Theme: "dark", Accounts: []Account{{Name: "a", Host: "h", Port: 143, Security: SecurityPlain, Username: "u"}}},
	}, {
		name: "inline array of tables",
		src:  "account = [{ name = \"a\", host = \"h\", username = \"u\" }]\n",
		want: Config{Theme: "dark", Accounts: []Account{{Name: "a", Host: "h", Port: 993, Security: SecurityTLS, Username: "u"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.src, 0o600)
			got, warnings, err := loader.Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings = %v, want none", warnings)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Load =\n%+v\nwant\n%+v", *got, tt.want)
			}
		})
	}
}

func TestCAFileRelativeToConfigDir(t *testing.T) {
	path := writeConfig(t, "[[account]]\nhost = \"h\"\nusername = \"u\"\nca_file = \"certs/ca.pem\"\n", 0o600)
	ca := filepath.Join(filepath.Dir(path), "certs", "ca.pem")
	if err := os.MkdirAll(filepath.Dir(ca), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ca, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Accounts[0].CAFile != ca {
		t.Errorf("CAFile = %q, want %q", c.Accounts[0].CAFile, ca)
	}
}

func TestLoadErrors(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4
	checkLoadErrors(t, []loadErrorCase{{
		name: "syntax error",
		src:  acct + "port = \n",
		want: `:5: syntax error after key "account.port": expected value but found '\n' instead`,
	}, {
		name: "unquoted string",
		src:  "[[account]]\nname = \"a\"\nhost = imap.example.com\n",
		want: `:3: syntax error after key "account.host": expected value but found "imap" instead (strings must be in quotes)`,
	}, {
		name: "unterminated string",
		src:  "theme = \"dark\n" + acct,
		want: `:1: syntax error after key "theme": strings cannot contain newlines`,
	}, {
		name: "unknown key with suggestion",
		src:  "theme = \"dark\"\n[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\nsecurity = \"tls\"\nhots = \"x\"\n",
		want: `:7: unknown key "hots" in [[account]] (did you mean "host"?)`,
	}, {
		name: "unknown key in the second account",
		src:  acct + "\n[[account]]\nname = \"b\"\nhost = \"h\"\nusernme = \"u\"\nusername = \"u\"\n",
		want: `:9: unknown key "usernme" in [[account]] (did you mean "username"?)`,
	}, {
		name: "unknown top-level key, case typo",
		src:  "Theme = \"dark\"\n" + acct,
		want: `:1: unknown key "Theme" (did you mean "theme"?)`,
	}, {
		name: "unknown key, no suggestion",
		src:  acct + "colour_scheme = 1\n",
		want: `:5: unknown key "colour_scheme" in [[account]]`,
	}, {
		name: "unknown table",
		src:  acct + "[colours]\nquit = \"q\"\n",
		want: `:5: unknown table [colours]`,
	}, {
		name: "bad security",
		src:  acct + "port = 993\n\n\n\nsecurity = \"ssl\"\n",
		want: `:9: security = "ssl": must be one of tls, starttls, plain`,
	}, {
		name: "empty security",
		src:  acct + "security = \"\"\n",
		want: `:5: security = "": must be one of tls, starttls, plain`,
	}, {
		name: "port out of range",
		src:  acct + "port = 70000\n",
		want: `:5: port = 70000: out of range, must be between 1 and 65535`,
	}, {
		name: "port zero",
		src:  acct + "port = 0\n",
		want: `:5: port = 0: out of range, must be between 1 and 65535`,
	}, {
		name: "port as string",
		src:  acct + "port = \"993\"\n",
		want: `:5: port = "993": must be a whole number`,
	}, {
		name: "type error in the first of two accounts",
		src:  acct + "port = \"993\"\n[[account]]\nname = \"b\"\nhost = \"h\"\nusername = \"u\"\nport = 993\n",
		want: `:5: port = "993": must be a whole number`,
	}, {
		name: "bool as string",
		src:  acct + "tls_skip_verify = \"yes\"\n",
		want: `:5: tls_skip_verify = "yes": must be true or false`,
	}, {
		name: "string as number",
		src:  acct + "password_cmd = 42\n",
		want: `:5: password_cmd = 42: must be a string (in quotes)`,
	}, {
		name: "missing host",
		src:  "theme = \"dark\"\n\n[[account]]\nname = \"a\"\nusername = \"u\"\n",
		want: `:3: [[account]] is missing required key "host"`,
	}, {
		name: "missing username in the second account",
		src:  acct + "[[account]]\nname = \"b\"\nhost = \"h\"\n",
		want: `:5: [[account]] is missing required key "username"`,
	}, {
		name: "empty host",
		src:  "[[account]]\nname = \"a\"\nhost = \"\"\nusername = \"u\"\n",
		want: `:3: host = "": must not be empty`,
	}, {
		name: "no accounts",
		src:  "theme = \"dark\"\n",
		want: `: no accounts: add an [[account]] table with at least name, host and username`,
	}, {
		name: "empty file",
		src:  "",
		want: `: no accounts: add an [[account]] table with at least name, host and username`,
	}, {
		name: "single brackets",
		src:  "[account]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n",
		want: `:1: account (a table): must be written [[account]], once for each`,
	}, {
		name: "password and password_cmd",
		src:  acct + "password_cmd = \"pass x\"\npassword = \"p\"\n",
		want: `:6: password: password_cmd is already set on line 5; keep only one`,
	}, {
		name: "blank password_cmd",
		src:  acct + "password_cmd = \"  \"\n",
		want: `:5: password_cmd = "  ": must be a command to run`,
	}, {
		name: "duplicate names",
		src:  acct + "[[account]]\nname = \"a\"\nhost = \"h2\"\nusername = \"u\"\n",
		want: `:6: name = "a": account name already used on line 2`,
	}, {
		name: "duplicate names from host",
		src:  "[[account]]\nhost = \"h\"\nusername = \"u\"\n[[account]]\nhost = \"h\"\nusername = \"v\"\n",
		want: `:4: [[account]] for host "h" has the same name as the account on line 1; set name = "..." to tell them apart`,
	}, {
		name: "unknown theme",
		src:  "theme = \"../solarized\"\n" + acct,
		want: `:1: theme = "../solarized": must be a built-in theme (dark, light) or the name of a file in the themes directory, without a path or .toml`,
	}, {
		name: "missing ca_file",
		src:  acct + "ca_file = \"/nonexistent/ca.pem\"\n",
		want: `:5: ca_file = "/nonexistent/ca.pem": stat /nonexistent/ca.pem: no such file or directory`,
	}, {
		name: "several errors in line order",
		src:  acct + "security = \"ssl\"\n[[account]]\nname = \"b\"\nhots = \"h\"\nusername = \"u\"\nport = 70000\n",
		want: ":5: security = \"ssl\": must be one of tls, starttls, plain\n" +
			":6: [[account]] is missing required key \"host\"\n" +
			":8: unknown key \"hots\" in [[account]] (did you mean \"host\"?)\n" +
			":10: port = 70000: out of range, must be between 1 and 65535",
	}, {
		name: "a bad value gives one message, not a second about its zero value",
		src:  "[[account]]\nname = 1\nhost = 2\nusername = \"u\"\nport = 1.5\n",
		want: ":2: name = 1: must be a string (in quotes)\n" +
			":3: host = 2: must be a string (in quotes)\n" +
			":5: port = 1.5: must be a whole number",
	}})
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tern", "config.toml")
	_, _, err := Load(path)
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.Path != path {
		t.Fatalf("error = %#v, want *NotFoundError for %s", err, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("error does not unwrap to fs.ErrNotExist")
	}
	for _, want := range []string{path, "[[account]]", `host = "imap.example.com"`, "password_cmd", "tern --demo"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
}

func TestPasswordWarning(t *testing.T) {
	const src = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\npassword = \"p\"\n"
	tests := []struct {
		name string
		src  string
		mode os.FileMode
		want string // "" for no warning
	}{
		{"password, mode 0644", src, 0o644, `:5: password for account "a" is in a file other users can read (mode 0644); use password_cmd, or run: chmod 600 `},
		{"password, mode 0640", src, 0o640, `:5: password for account "a" is in a file other users can read (mode 0640); use password_cmd, or run: chmod 600 `},
		{"password, mode 0600", src, 0o600, ""},
		{"password_cmd, mode 0644", strings.Replace(src, `password = "p"`, `password_cmd = "echo p"`, 1), 0o644, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.src, tt.mode)
			_, warnings, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(warnings) != 0 {
					t.Errorf("warnings = %v, want none", warnings)
				}
				return
			}
			if len(warnings) != 1 || warnings[0].String() != path+tt.want+path {
				t.Errorf("warnings = %v, want [%s]", warnings, path+tt.want+path)
			}
		})
	}
}

func TestRunPasswordCmd(t *testing.T) {
	const secret = "hunter2"
	tests := []struct {
		name    string
		cmd     string
		want    string
		wantErr string // exact error; "" for success
	}{
		{"first line", "printf 'hunter2\\nsecond line\\n'", secret, ""},
		{"no newline", "printf hunter2", secret, ""},
		{"crlf", "printf 'hunter2\\r\\n'", secret, ""},
		{"keeps spaces", "printf ' two words \\n'", " two words ", ""},
		{"failure with stderr", "echo hunter2; echo 'gpg: decryption failed: No secret key' >&2; echo more >&2; exit 2",
			"", "password_cmd failed (exit status 2): gpg: decryption failed: No secret key"},
		{"failure, silent", "echo hunter2; exit 1", "", "password_cmd failed (exit status 1)"},
		{"stderr echoes the password", "echo hunter2; echo 'bad hunter2' >&2; exit 1", "", "password_cmd failed (exit status 1): bad ***"},
		{"command not found", "tern-no-such-command-xyz", "", "password_cmd failed (exit status 127): sh: 1: tern-no-such-command-xyz: not found"},
		{"empty first line", "printf '\\nhunter2\\n'", "", "password_cmd printed an empty first line; it should print the password"},
		{"no output", "true", "", "password_cmd printed an empty first line; it should print the password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RunPasswordCmd(context.Background(), tt.cmd)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Errorf("RunPasswordCmd = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("RunPasswordCmd = %q, want error", got)
			}
			msg := err.Error()
			if tt.name == "command not found" {
				// sh's wording differs between shells; the status does not.
				if !strings.HasPrefix(msg, "password_cmd failed (exit status 127)") || !strings.Contains(msg, "not found") {
					t.Errorf("error = %q", msg)
				}
			} else if msg != tt.wantErr {
				t.Errorf("error = %q, want %q", msg, tt.wantErr)
			}
			if strings.Contains(msg, secret) {
				t.Errorf("error leaks the password: %q", msg)
			}
		})
	}
}

func TestRunPasswordCmdCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := RunPasswordCmd(ctx, "sleep 30")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want deadline exceeded", err)
	}
}

func TestLookupPassword(t *testing.T) {
	ctx := context.Background()
	if p, err := (Account{Password: "p"}).LookupPassword(ctx); p != "p" || err != nil {
		t.Errorf("password: got %q, %v", p, err)
	}
	if p, err := (Account{PasswordCmd: "echo q"}).LookupPassword(ctx); p != "q" || err != nil {
		t.Errorf("password_cmd: got %q, %v", p, err)
	}
	a := Account{Name: "work", PasswordCmd: "exit 3"}
	if _, err := a.LookupPassword(ctx); err == nil || err.Error() != `account "work": password_cmd failed (exit status 3)` {
		t.Errorf("failing password_cmd: err = %v", err)
	}
	if (Account{}).HasPassword() {
		t.Error("empty account HasPassword")
	}
	if _, err := (Account{Name: "x"}).LookupPassword(ctx); err == nil {
		t.Error("no password source: want error")
	}
}

func TestDefaultPathAndStateDir(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		wantPath  string
		wantState string
	}{
		{"XDG set", map[string]string{"HOME": "/home/a", "XDG_CONFIG_HOME": "/xdg/config", "XDG_STATE_HOME": "/xdg/state"},
			"/xdg/config/tern/config.toml", "/xdg/state/tern"},
		{"XDG unset", map[string]string{"HOME": "/home/a"},
			"/home/a/.config/tern/config.toml", "/home/a/.local/state/tern"},
		{"XDG relative is ignored", map[string]string{"HOME": "/home/a", "XDG_CONFIG_HOME": "rel", "XDG_STATE_HOME": "rel"},
			"/home/a/.config/tern/config.toml", "/home/a/.local/state/tern"},
		{"nothing set", map[string]string{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			path, err := DefaultPath(getenv)
			if path != tt.wantPath || (err != nil) != (tt.wantPath == "") {
				t.Errorf("DefaultPath = %q, %v; want %q", path, err, tt.wantPath)
			}
			state, err := StateDir(getenv)
			if state != tt.wantState || (err != nil) != (tt.wantState == "") {
				t.Errorf("StateDir = %q, %v; want %q", state, err, tt.wantState)
			}
		})
	}
}

func TestAccountByName(t *testing.T) {
	c := &Config{Accounts: []Account{{Name: "work"}, {Name: "home"}}}
	tests := []struct {
		name, want, wantErr string
	}{
		{"", "work", ""},
		{"work", "work", ""},
		{"home", "home", ""},
		{"play", "", `no account named "play"; configured accounts: "work", "home"`},
	}
	for _, tt := range tests {
		a, err := c.Account(tt.name)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Account(%q) error = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || a.Name != tt.want {
			t.Errorf("Account(%q) = %q, %v; want %q", tt.name, a.Name, err, tt.want)
		}
	}
	if _, err := (&Config{}).Account(""); err == nil {
		t.Error("Account on empty config: want error")
	}
}

func TestCacheKeys(t *testing.T) {
	for _, tc := range []struct {
		src   string
		on    bool
		bytes int64
		err   string
	}{
		{src: ``, on: true},
		{src: "cache = false\n", on: false},
		{src: "cache_bodies = \"200MB\"\n", on: true, bytes: 200 << 20},
		{src: "cache_bodies = \"1.5GB\"\n", on: true, bytes: 3 << 29},
		{src: "cache_bodies = \"0\"\n", on: true, bytes: -1},
		{src: "cache_bodies = \"lots\"\n", err: `cache_bodies = "lots": must be a size`},
	} {
		path := filepath.Join(t.TempDir(), "config.toml")
		src := "[[account]]\nhost = \"h\"\nusername = \"u\"\npassword_cmd = \"p\"\n" + tc.src
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, _, err := Loader{}.Load(path)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), ":5") {
				t.Errorf("%q: err %v, want %q at line 5", tc.src, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		a := cfg.Accounts[0]
		if a.CacheOn() != tc.on || a.CacheBodyBytes != tc.bytes {
			t.Errorf("%q: on=%v bytes=%d, want %v %d", tc.src, a.CacheOn(), a.CacheBodyBytes, tc.on, tc.bytes)
		}
	}
}
