package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tern/cached"
	"tern/ui"
)

const twoAccountsConf = `[[account]]
name = "work"
host = "127.0.0.1"
username = "alice"
password_cmd = "echo s3cret"

[[account]]
name = "home"
host = "127.0.0.1"
username = "bob"
password_cmd = "exit 3"
`

func prepareConf(t *testing.T, conf string, f flags) (*session, error) {
	t.Helper()
	f.configPath = writeConfig(t, conf)
	s, err := prepare(f, slog.New(slog.DiscardHandler))
	if err == nil {
		t.Cleanup(s.close)
	}
	return s, err
}

// TestPrepareEveryAccount: every account gets its own service and UI
// options; one account's failing password_cmd leaves it to ask, and the
// others open.
func TestPrepareEveryAccount(t *testing.T) {
	s, err := prepareConf(t, twoAccountsConf, flags{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.accounts) != 2 {
		t.Fatalf("%d accounts", len(s.accounts))
	}
	work, home := s.accounts[0].Options, s.accounts[1].Options
	if work.Account != "work" || work.Password != "s3cret" || home.Account != "home" || home.Password != "" {
		t.Fatalf("options: %+v / %+v", work, home)
	}
	if !strings.Contains(home.PasswordErr, "home") || !strings.Contains(strings.Join(work.Accounts, ","), "work,home") {
		t.Fatalf("home's PasswordErr %q, names %v", home.PasswordErr, work.Accounts)
	}
	if s.accounts[0].Backend == s.accounts[1].Backend {
		t.Fatal("the accounts share one service")
	}
	// Each account has its own header cache file in front of its service,
	// and its own writing settings with a way to store Sent and Drafts.
	for i, name := range []string{"work", "home"} {
		a := s.accounts[i]
		if _, ok := a.Backend.(*cached.Backend); !ok {
			t.Errorf("%s: backend %T, want its cache in front", name, a.Backend)
		}
		if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "tern", name+".db")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if a.Options.Write.Appender == nil {
			t.Errorf("%s: no Appender for Sent and Drafts", name)
		}
	}
	if _, ok := s.model().(ui.Accounts); !ok {
		t.Fatalf("model is %T, want ui.Accounts", s.model())
	}
}

// TestPrepareOneAccount: --account opens only that one, the one-account
// UI, where a failing password_cmd is still an error before the screen.
func TestPrepareOneAccount(t *testing.T) {
	s, err := prepareConf(t, twoAccountsConf, flags{account: "work"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.accounts) != 1 || s.uiOpts.Account != "work" || s.uiOpts.Accounts != nil {
		t.Fatalf("accounts %d, options %+v", len(s.accounts), s.uiOpts)
	}
	if _, ok := s.model().(ui.Model); !ok {
		t.Fatalf("model is %T, want ui.Model", s.model())
	}
	if _, err := prepareConf(t, twoAccountsConf, flags{account: "home"}); err == nil {
		t.Fatal("home alone: want password_cmd's error")
	}
}
