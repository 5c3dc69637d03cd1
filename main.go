// Command tern is a full-screen terminal IMAP mail client.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/demo"
	"tern/imapsvc"
	"tern/keymap"
	"tern/smtpsend"
	"tern/ui"
)

const version = "0.1.0"

type flags struct {
	demo       bool
	configPath string
	account    string
	trace      string
	version    bool
	demoRate   time.Duration
	clearCache bool
}

func parseFlags(args []string, stderr io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet("tern", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&f.demo, "demo", false, "run on an embedded IMAP server with sample mail; needs no config")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/tern/config.toml)")
	fs.StringVar(&f.account, "account", "", "open only the account called `NAME` (default: every account in the config)")
	fs.StringVar(&f.trace, "trace", "", "write the IMAP protocol trace, credentials redacted, to `FILE`")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.BoolVar(&f.clearCache, "clear-cache", false, "remove the header cache of every account and exit")
	fs.DurationVar(&f.demoRate, "demo-rate", defaultDemoRate, "with --demo, deliver a new message every `DURATION` to twice that")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "tern %s: a terminal IMAP mail client\n\nUsage:\n  tern [flags]\n  tern --demo\n\nFlags:\n", version)
		fs.PrintDefaults()
	}
	return f, fs.Parse(args)
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	f, err := parseFlags(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if f.version {
		fmt.Println("tern", version)
		return 0
	}
	if f.clearCache {
		return clearCache(os.Getenv, os.Stdout, os.Stderr)
	}
	if os.Getenv("GOGC") == "" {
		// tern's live heap is small (under 3 MiB at 200,000 messages) and
		// its garbage is short-lived; half the default headroom keeps the
		// peak RSS near 20 MiB at no measured cost in time.
		debug.SetGCPercent(50)
	}
	logs, err := openLog(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tern:", err)
		return 1
	}
	defer logs.Close()
	log := slog.New(slog.NewTextHandler(logs.file, &slog.HandlerOptions{Level: slog.LevelInfo}))

	setup, err := prepare(f, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tern:", err)
		return 1
	}
	defer setup.close()

	restore, err := logs.captureStderr()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tern: redirecting stderr to the log:", err)
		return 1
	}
	p := tea.NewProgram(setup.model(), programOptions(setup.uiOpts)...)
	_, err = p.Run()
	restore()
	if errors.Is(err, tea.ErrProgramPanic) {
		fmt.Fprintf(os.Stderr, "tern crashed; the report is in %s\n", logs.path)
		return 3
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tern:", err)
		return 1
	}
	return 0
}

// session is what the UI runs on, and what to close afterwards.
type session struct {
	// svc and uiOpts are the first account's; accounts holds every
	// account's, the first included (main_accounts.go).
	svc      *imapsvc.Service
	backend  imapsvc.Backend // svc, or svc behind the header cache (main_cache.go)
	uiOpts   ui.Options
	accounts []ui.AccountSetup
	closer   []func()
	live     liveSettings
	// keywords is the config key of that name, for the list.
	keywords string
	// keys are the default bindings with the config's [keys] applied.
	keys keymap.KeyMap

	noMouse bool // mouse = false

	// sender sends mail for the first account (main_send.go); nil when
	// the config names no way to send.
	sender *smtpsend.Sender
	// demo is the embedded server of --demo, nil otherwise.
	demo *demo.Server
}

func (s *session) close() {
	for i := len(s.closer) - 1; i >= 0; i-- {
		s.closer[i]()
	}
}

// prepare reads the config (or starts the demo server) and builds the
// services and UI options, one per account. Everything here happens before
// the screen opens, so its errors can go to stderr.
func prepare(f flags, log *slog.Logger) (*session, error) {
	s := &session{keys: keymap.DefaultKeyMap()}
	accts, themeName, warnings, err := chooseAccounts(f, log, s)
	if err != nil {
		s.close()
		return nil, err
	}
	styles, err := loadTheme(themeName, os.Getenv)
	if err != nil {
		log.Warn("theme", "error", err)
		warnings = append(warnings, themeWarning(err))
	}
	statePath, _ := config.StatePath(os.Getenv) // no path: the view choice is not kept
	names := make([]string, len(accts))
	for i, a := range accts {
		names[i] = a.acct.Name
	}
	for i, a := range accts {
		svcOpts := imapsvc.Options{Logger: log.With("account", a.acct.Name), Live: s.live.svc}
		if f.trace != "" {
			tf, err := os.OpenFile(tracePath(f.trace, i, a.acct.Name), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
			if err != nil {
				s.close()
				return nil, err
			}
			s.closer = append(s.closer, func() { tf.Close() })
			svcOpts.Trace = tf
		}
		svc := imapsvc.New(a.acct, svcOpts)
		s.closer = append(s.closer, svc.Close)
		backend, warm, warning := s.withCache(svc, a.acct.Name, a.cache, log)
		acctWarnings := warnings
		if warning != "" {
			acctWarnings = append(slices.Clip(warnings), warning)
		}
		opts := ui.Options{
			Account:     a.acct.Name,
			Styles:      styles,
			Keys:        s.keys,
			Password:    a.password,
			PasswordErr: a.passwordErr,
			// A token account never shows the password prompt.
			TokenAuth: a.acct.Auth != imapsvc.AuthPassword,
			Warnings:  acctWarnings,
			Insecure:  a.acct.TLSSkipVerify,
			Trash:     a.acct.Trash,

			StatusInterval: s.live.statusInterval,
			Notify:         s.live.notify,
			Keywords:       s.keywords,
			NoMouse:        s.noMouse,
			StatePath:      statePath,
			Warm:           warm,
			Write:          a.writeFor(svc),
		}
		if len(accts) > 1 {
			opts.Accounts = names
		}
		if i == 0 {
			s.svc, s.backend, s.uiOpts, s.sender = svc, backend, opts, a.sender
		}
		s.accounts = append(s.accounts, ui.AccountSetup{Backend: backend, Options: opts})
	}
	return s, nil
}

// serviceAccount is what imapsvc needs of a configured account.
func serviceAccount(a config.Account) imapsvc.Account {
	acct := imapsvc.Account{Name: a.Name, Host: a.Host, Port: a.Port, Security: imapsvc.Security(a.Security),
		Username: a.Username, CAFile: a.CAFile, TLSSkipVerify: a.TLSSkipVerify, Trash: a.Trash,
		Sent: a.SentFolder, Drafts: a.DraftsFolder}
	switch a.Auth {
	case config.AuthXOAuth2:
		acct.Auth, acct.Token = imapsvc.AuthXOAuth2, a.LookupToken
	case config.AuthOAuthBearer:
		acct.Auth, acct.Token = imapsvc.AuthOAuthBearer, a.LookupToken
	}
	return acct
}
