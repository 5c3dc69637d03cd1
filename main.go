// Command tern is a full-screen terminal IMAP mail client.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/demo"
	"tern/imapsvc"
	"tern/keymap"
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
	fs.StringVar(&f.account, "account", "", "account name from the config (default: the first)")
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
	p := tea.NewProgram(ui.New(setup.backend, setup.uiOpts), programOptions(setup.uiOpts)...)
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
	svc     *imapsvc.Service
	backend imapsvc.Backend // svc, or svc behind the header cache (main_cache.go)
	cache   cacheSettings
	warm    *imapsvc.Warmed // the last folder from the cache, for the first frame
	uiOpts  ui.Options
	closer  []func()
	live    liveSettings
	// keywords is the config key of that name, for the list.
	keywords string
	// keys are the default bindings with the config's [keys] applied.
	keys keymap.KeyMap

	noMouse bool // mouse = false
}

func (s *session) close() {
	for i := len(s.closer) - 1; i >= 0; i-- {
		s.closer[i]()
	}
}

// prepare reads the config (or starts the demo server) and builds the
// service and UI options. Everything here happens before the screen opens,
// so its errors can go to stderr.
func prepare(f flags, log *slog.Logger) (*session, error) {
	s := &session{keys: keymap.DefaultKeyMap()}
	acct, themeName, password, warnings, err := chooseAccount(f, log, s)
	if err != nil {
		s.close()
		return nil, err
	}
	styles, err := loadTheme(themeName, os.Getenv)
	if err != nil {
		log.Warn("theme", "error", err)
		warnings = append(warnings, themeWarning(err))
	}
	svcOpts := imapsvc.Options{Logger: log, Live: s.live.svc}
	if f.trace != "" {
		tf, err := os.OpenFile(f.trace, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			s.close()
			return nil, err
		}
		s.closer = append(s.closer, func() { tf.Close() })
		svcOpts.Trace = tf
	}
	s.svc = imapsvc.New(acct, svcOpts)
	s.closer = append(s.closer, s.svc.Close)
	s.backend = s.svc
	if warning := s.withCache(acct.Name, log); warning != "" {
		warnings = append(warnings, warning)
	}
	s.uiOpts = ui.Options{
		Account:  acct.Name,
		Styles:   styles,
		Keys:     s.keys,
		Password: password,
		// A token account never shows the password prompt.
		TokenAuth: acct.Auth != imapsvc.AuthPassword,
		Warnings:  warnings,
		Insecure:  acct.TLSSkipVerify,
		Trash:     acct.Trash,

		StatusInterval: s.live.statusInterval,
		Notify:         s.live.notify,
		Keywords:       s.keywords,
		NoMouse:        s.noMouse,
	}
	s.uiOpts.StatePath, _ = config.StatePath(os.Getenv) // no path: the view choice is not kept
	s.uiOpts.Warm = s.warm
	return s, nil
}

// chooseAccount returns the account to use, from --demo or the config.
func chooseAccount(f flags, log *slog.Logger, s *session) (imapsvc.Account, string, string, []string, error) {
	if f.demo {
		srv, err := demo.Start(demo.Options{Logger: log})
		if err != nil {
			return imapsvc.Account{}, "", "", nil, fmt.Errorf("starting the demo server: %w", err)
		}
		s.closer = append(s.closer, func() { srv.Close() })
		s.live = liveFromConfig(&config.Config{})
		if f.demoRate > 0 {
			stop := make(chan struct{})
			go deliverDemo(srv, f.demoRate, stop)
			s.closer = append(s.closer, func() { close(stop) })
		}
		host, port := splitAddr(srv.Addr)
		return imapsvc.Account{Name: "demo", Host: host, Port: port, Security: imapsvc.SecurityPlain,
			Username: srv.Username}, "dark", srv.Password, nil, nil
	}
	path := f.configPath
	if path == "" {
		var err error
		if path, err = config.DefaultPath(os.Getenv); err != nil {
			return imapsvc.Account{}, "", "", nil, err
		}
	}
	cfg, warns, err := config.Loader{Themes: themeNames()}.Load(path)
	if err != nil {
		return imapsvc.Account{}, "", "", nil, err
	}
	a, err := cfg.Account(f.account)
	if err != nil {
		return imapsvc.Account{}, "", "", nil, err
	}
	s.live = liveFromConfig(cfg)
	s.keywords = cfg.Keywords
	s.noMouse = !cfg.MouseOn()
	s.cache = cacheSettings{on: a.CacheOn(), bodies: a.CacheBodyBytes}
	var warnings []string
	for _, w := range warns {
		warnings = append(warnings, w.String())
		log.Warn("config", "warning", w.String()) // the screen's notice is soon replaced
	}
	// A mistake in [keys] should not lock the user out: tern starts on
	// the default keys, which help and the docs describe, and says why.
	if errs := applyKeys(cfg.Keys, &s.keys); len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
			log.Warn("config", "keys", e.Error())
		}
		warnings = append(warnings, "default keys in use, [keys] has errors: "+strings.Join(msgs, "; "))
	}
	// password_cmd may prompt (gpg, pass) so it runs before the screen
	// opens; so does token_cmd the first time (gpg-agent then caches the
	// passphrase for the runs at each reconnect). The first token goes to
	// the UI as the password, to be used once.
	var password string
	if a.HasPassword() || a.UsesToken() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		lookup := a.LookupPassword
		if a.UsesToken() {
			lookup = a.LookupToken
		}
		if password, err = lookup(ctx); err != nil {
			return imapsvc.Account{}, "", "", nil, err
		}
	}
	return serviceAccount(a), cfg.Theme, password, warnings, nil
}

// serviceAccount is what imapsvc needs of a configured account.
func serviceAccount(a config.Account) imapsvc.Account {
	acct := imapsvc.Account{Name: a.Name, Host: a.Host, Port: a.Port, Security: imapsvc.Security(a.Security),
		Username: a.Username, CAFile: a.CAFile, TLSSkipVerify: a.TLSSkipVerify, Trash: a.Trash}
	switch a.Auth {
	case config.AuthXOAuth2:
		acct.Auth, acct.Token = imapsvc.AuthXOAuth2, a.LookupToken
	case config.AuthOAuthBearer:
		acct.Auth, acct.Token = imapsvc.AuthOAuthBearer, a.LookupToken
	}
	return acct
}
