package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/demo"
	"tern/imapsvc"
	"tern/smtpsend"
	"tern/ui"
)

// startAccount is one account to open, with what was read for its login
// before the screen opened.
type startAccount struct {
	acct     imapsvc.Account
	password string
	// passwordErr says why password_cmd gave nothing; the account's
	// prompt shows it and asks.
	passwordErr string
	// sender sends its mail; nil when the config names no way to send.
	sender *smtpsend.Sender
	// write is how it writes mail (main_write.go), without the backend.
	write ui.WriteOptions
	// cache are its header cache keys; the zero value (the demo) keeps none.
	cache cacheSettings
}

// model is the UI: one account's Model, or every account side by side.
func (s *session) model() tea.Model {
	defer s.dropWarm()
	if len(s.accounts) > 1 {
		return ui.NewAccounts(s.accounts)
	}
	return ui.New(s.backend, s.uiOpts)
}

// tracePath is where account i writes its protocol trace: the --trace
// file for the first, FILE.NAME for each other one, so two connections'
// lines never interleave in one file.
func tracePath(path string, i int, name string) string {
	if i == 0 {
		return path
	}
	return path + "." + name
}

// chooseAccount returns the first account to use, from --demo or the
// config, and the theme, its password and the warnings.
func chooseAccount(f flags, log *slog.Logger, s *session) (imapsvc.Account, string, string, []string, error) {
	accts, theme, warnings, err := chooseAccounts(f, log, s)
	if err != nil {
		return imapsvc.Account{}, "", "", nil, err
	}
	return accts[0].acct, theme, accts[0].password, warnings, nil
}

// chooseAccounts returns the accounts to open: the demo's, the one
// --account names, or every configured one, in file order.
func chooseAccounts(f flags, log *slog.Logger, s *session) ([]startAccount, string, []string, error) {
	if f.demo {
		a, err := startDemo(f, log, s)
		if err != nil {
			return nil, "", nil, err
		}
		return []startAccount{a}, "dark", nil, nil
	}
	path := f.configPath
	if path == "" {
		var err error
		if path, err = config.DefaultPath(os.Getenv); err != nil {
			return nil, "", nil, err
		}
	}
	cfg, warns, err := config.Loader{Themes: themeNames()}.Load(path)
	if err != nil {
		return nil, "", nil, err
	}
	chosen := cfg.Accounts
	if f.account != "" {
		a, err := cfg.Account(f.account)
		if err != nil {
			return nil, "", nil, err
		}
		chosen = []config.Account{a}
	} else if len(chosen) == 0 {
		if _, err := cfg.Account(""); err != nil {
			return nil, "", nil, err
		}
	}
	s.live = liveFromConfig(cfg)
	s.keywords = cfg.Keywords
	s.noMouse = !cfg.MouseOn()
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
	out := make([]startAccount, 0, len(chosen))
	for _, a := range chosen {
		pw, err := lookupSecret(a)
		start := startAccount{acct: serviceAccount(a), password: pw, sender: senderFor(a), write: writeSettings(a, os.Getenv),
			cache: cacheSettings{on: a.CacheOn(), bodies: a.CacheBodyBytes}}
		if err != nil {
			if len(chosen) == 1 {
				return nil, "", nil, err
			}
			// One account's broken password_cmd must not keep the
			// others from opening: its prompt says why and asks.
			log.Warn("account", "name", a.Name, "error", err)
			start.passwordErr = err.Error()
		}
		out = append(out, start)
	}
	return out, cfg.Theme, warnings, nil
}

// lookupSecret runs password_cmd or token_cmd. It runs before the screen
// opens because it may prompt (gpg, pass); so does token_cmd the first
// time (gpg-agent then caches the passphrase for the runs at each
// reconnect). The first token goes to the UI as the password, to be used
// once. An account with neither gets "" and the UI asks.
func lookupSecret(a config.Account) (string, error) {
	if !a.HasPassword() && !a.UsesToken() {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	lookup := a.LookupPassword
	if a.UsesToken() {
		lookup = a.LookupToken
	}
	pw, err := lookup(ctx)
	if err != nil {
		return "", fmt.Errorf("account %q: %w", a.Name, err)
	}
	return pw, nil
}

// startDemo starts the embedded demo server and its deliveries.
func startDemo(f flags, log *slog.Logger, s *session) (startAccount, error) {
	srv, err := demo.Start(demo.Options{Logger: log})
	if err != nil {
		return startAccount{}, fmt.Errorf("starting the demo server: %w", err)
	}
	s.closer = append(s.closer, func() { srv.Close() })
	s.demo = srv
	s.live = liveFromConfig(&config.Config{})
	if f.demoRate > 0 {
		stop := make(chan struct{})
		go deliverDemo(srv, f.demoRate, stop)
		s.closer = append(s.closer, func() { close(stop) })
	}
	host, port := splitAddr(srv.Addr)
	return startAccount{acct: imapsvc.Account{Name: "demo", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: srv.Username}, password: srv.Password, sender: demoSender(srv),
		write: demoWriteSettings(srv, os.Getenv)}, nil
}
