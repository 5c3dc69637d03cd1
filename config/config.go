// Package config reads tern's TOML config file: the accounts to connect to
// and a few display options.
//
// Every problem in the file is reported with the file name, the line and the
// key, because the person reading the message has the file open in an editor
// and nothing else to go on.
//
// Adding a key takes a tagged field on Config or Account (load.go decodes
// string, bool and integer fields, tables and arrays of tables by their tags)
// and, if it has rules, a check in validate.go.
package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Config is a loaded and validated config file.
type Config struct {
	// Theme is a built-in theme's name or that of a theme file in
	// ThemeDir (theme.go); Load fills in the first built-in one when the
	// file names none.
	Theme string `toml:"theme"`
	// Accounts holds the [[account]] tables in file order; Load ensures
	// there is at least one and that their names are distinct.
	Accounts []Account `toml:"account"`

	// Live watching and new-mail notices. A duration left out of the
	// file is 0 here and means the default (live.go; see Or); Off marks
	// status_interval = "0s".
	IdleRefresh    time.Duration `toml:"idle_refresh"`
	PollInterval   time.Duration `toml:"poll_interval"`
	StatusInterval time.Duration `toml:"status_interval"`
	ReconnectMax   time.Duration `toml:"reconnect_max"`
	Bell           bool          `toml:"bell"`
	NewMailCmd     string        `toml:"new_mail_cmd"`

	// Keywords is how the list shows keywords: KeywordsTags (also when
	// left out, ""), KeywordsMarker or KeywordsOff (keywords.go).
	Keywords string `toml:"keywords"`

	// Keys are the [keys.<context>] tables (keys.go); Keys.Apply binds them.
	Keys Keys

	// Mouse is the key "mouse"; nil when left out, which means on (MouseOn).
	Mouse *bool `toml:"mouse"`
}

// MouseOn reports whether tern takes the mouse: unless the file says
// mouse = false, as in aerc, so terminal selection needs Shift there.
func (c *Config) MouseOn() bool { return c.Mouse == nil || *c.Mouse }

// Account is one [[account]] table, with defaults filled in.
type Account struct {
	Name     string   `toml:"name"` // defaults to Host
	Host     string   `toml:"host"`
	Port     int      `toml:"port"`     // defaults to Security.DefaultPort()
	Security Security `toml:"security"` // defaults to SecurityTLS
	Username string   `toml:"username"`
	// At most one of Password and PasswordCmd is set; see password.go.
	Password    string `toml:"password"`
	PasswordCmd string `toml:"password_cmd"`
	// Auth is AuthPassword ("" when left out) or an OAuth2 mechanism,
	// which needs TokenCmd and takes no password (oauth.go).
	Auth     Auth   `toml:"auth"`
	TokenCmd string `toml:"token_cmd"`
	// CAFile is an extra trust root, made absolute by Load.
	CAFile        string `toml:"ca_file"`
	TLSSkipVerify bool   `toml:"tls_skip_verify"`
	// Trash is the folder "d" moves to when no folder has \Trash.
	Trash string `toml:"trash"`

	// Sending (send.go): SMTP submission or SendmailCmd, at most one,
	// and the folders for the Sent copy and drafts.
	SMTPHost     string   `toml:"smtp_host"`
	SMTPPort     int      `toml:"smtp_port"`     // defaults to SMTPSecurity.DefaultSMTPPort()
	SMTPSecurity Security `toml:"smtp_security"` // defaults to SecurityTLS
	SMTPUsername string   `toml:"smtp_username"` // defaults to Username
	SMTPAuth     Auth     `toml:"smtp_auth"`     // defaults to Auth; AuthNone: no login
	SendmailCmd  string   `toml:"sendmail_cmd"`
	SentFolder   string   `toml:"sent_folder"`   // used when no folder has \Sent
	DraftsFolder string   `toml:"drafts_folder"` // used when no folder has \Drafts
	CopyToSent   *bool    `toml:"copy_to_sent"`  // nil: true (see CopiesToSent)
	// Writing mail (issue 14): the From address ("Name <addr>", default
	// Username when it is an address), other addresses that are also the
	// user (left out of reply-all), and a command printing
	// "name<TAB>address" lines for address completion.
	From           string   `toml:"from"`
	Aliases        []string `toml:"aliases"`
	AddressBookCmd string   `toml:"address_book_cmd"`
	// The header cache (cache.go): Cache nil or true keeps it;
	// CacheBodies bounds the kept message texts ("200MB"); after Load
	// CacheBodyBytes holds it in bytes: 0 when left out (the default,
	// DefaultCacheBodies), -1 for "0" (keep none).
	Cache          *bool  `toml:"cache"`
	CacheBodies    string `toml:"cache_bodies"`
	CacheBodyBytes int64
}

// Security says how the IMAP connection is protected.
type Security string

const (
	SecurityTLS      Security = "tls"      // TLS from the first byte
	SecurityStartTLS Security = "starttls" // plain connection upgraded with STARTTLS
	SecurityPlain    Security = "plain"    // no encryption at all
)

// securities lists the valid values in the order error messages show them.
func securities() []Security {
	return []Security{SecurityTLS, SecurityStartTLS, SecurityPlain}
}

// DefaultPort is the IANA port for s: 993 for TLS, 143 otherwise.
func (s Security) DefaultPort() int {
	if s == SecurityTLS {
		return 993
	}
	return 143
}

// DefaultThemes are the built-in theme names Load accepts when the caller
// gives none.
func DefaultThemes() []string { return []string{"dark", "light"} }

// Account returns the account called name, or the first one when name is
// empty.
func (c *Config) Account(name string) (Account, error) {
	if len(c.Accounts) == 0 {
		return Account{}, errors.New("no accounts configured")
	}
	if name == "" {
		return c.Accounts[0], nil
	}
	names := make([]string, len(c.Accounts))
	for i, a := range c.Accounts {
		if a.Name == name {
			return a, nil
		}
		names[i] = fmt.Sprintf("%q", a.Name)
	}
	return Account{}, fmt.Errorf("no account named %q; configured accounts: %s",
		name, strings.Join(names, ", "))
}

// DefaultPath is where the config file lives when --config is not given:
// $XDG_CONFIG_HOME/tern/config.toml, else ~/.config/tern/config.toml.
// getenv is passed in (os.Getenv from main) so tests need no real environment.
func DefaultPath(getenv func(string) string) (string, error) {
	dir, err := xdgDir(getenv, "XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", fmt.Errorf("cannot find the config file: %w", err)
	}
	return filepath.Join(dir, "tern", "config.toml"), nil
}

// StateDir is where tern keeps logs: $XDG_STATE_HOME/tern, else
// ~/.local/state/tern. It does not create the directory.
func StateDir(getenv func(string) string) (string, error) {
	dir, err := xdgDir(getenv, "XDG_STATE_HOME", filepath.Join(".local", "state"))
	if err != nil {
		return "", fmt.Errorf("cannot find the state directory: %w", err)
	}
	return filepath.Join(dir, "tern"), nil
}

// xdgDir applies the XDG base directory rule: the variable if it holds an
// absolute path (the spec says relative ones are to be ignored), else
// $HOME/fallback.
func xdgDir(getenv func(string) string, env, fallback string) (string, error) {
	if dir := getenv(env); filepath.IsAbs(dir) {
		return dir, nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", fmt.Errorf("neither $%s nor $HOME is set", env)
	}
	return filepath.Join(home, fallback), nil
}
