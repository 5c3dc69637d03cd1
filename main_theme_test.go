package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"tern/themes"
)

// writeTheme sets XDG_CONFIG_HOME to a new directory holding the theme
// file name.toml and a config that uses it; it returns the config's path.
func writeTheme(t *testing.T, name, src string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	dir := filepath.Join(home, "tern", "themes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".toml"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(home, "config.toml")
	src = "theme = \"" + name + "\"\n[[account]]\nname = \"work\"\nhost = \"127.0.0.1\"\nusername = \"alice\"\npassword = \"x\"\n"
	if err := os.WriteFile(conf, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return conf
}

// TestThemeFileReachesUI: a theme file named in the config is what the
// UI draws with.
func TestThemeFileReachesUI(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	conf := writeTheme(t, "mine", "base = \"light\"\n[list.flagged]\nfg = \"#123456\"\n")
	s, err := prepare(flags{configPath: conf}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	st := s.uiOpts.Styles
	if st.Name != "mine" || st.List.Flagged.GetForeground() != lipgloss.Color("#123456") {
		t.Fatalf("styles %q, flagged fg %v", st.Name, st.List.Flagged.GetForeground())
	}
	if len(s.uiOpts.Warnings) != 0 {
		t.Errorf("warnings = %q", s.uiOpts.Warnings)
	}
}

// TestBrokenThemeFileKeepsTernRunning: a mistake in the theme file is
// shown on the screen with file, line and key, and tern starts with the
// default theme instead of stopping.
func TestBrokenThemeFileKeepsTernRunning(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	conf := writeTheme(t, "broken", "base = \"light\"\n\n[list.unred]\nfg = \"1\"\n")
	s, err := prepare(flags{configPath: conf}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("prepare stopped on a theme error: %v", err)
	}
	defer s.close()
	if s.uiOpts.Styles.Name != themes.Default().Name {
		t.Errorf("styles = %q, want the default", s.uiOpts.Styles.Name)
	}
	want := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "tern", "themes", "broken.toml") +
		`:3: unknown element "list.unred" (did you mean "list.unread"?)`
	if len(s.uiOpts.Warnings) != 1 || !strings.HasPrefix(s.uiOpts.Warnings[0], want) {
		t.Fatalf("warnings = %q, want one starting %q", s.uiOpts.Warnings, want)
	}
}

// TestNoColor: NO_COLOR (non-empty) takes every colour out of whichever
// theme is chosen; empty means unset, as no-color.org says.
func TestNoColor(t *testing.T) {
	for _, tt := range []struct {
		noColor string
		want    bool
	}{{"", false}, {"1", true}} {
		env := func(k string) string {
			if k == "NO_COLOR" {
				return tt.noColor
			}
			return ""
		}
		s, err := loadTheme("high-contrast", env)
		if err != nil {
			t.Fatal(err)
		}
		_, none := s.List.Selected.GetBackground().(lipgloss.NoColor)
		if none != tt.want || s.List.Selected.GetReverse() != tt.want {
			t.Errorf("NO_COLOR=%q: selected bg %v, reverse %v", tt.noColor, s.List.Selected.GetBackground(), s.List.Selected.GetReverse())
		}
	}
}

// TestDefaultThemeFirst: the config's default theme stays dark now that
// the built-ins sort with ansi first.
func TestDefaultThemeFirst(t *testing.T) {
	if got := themeNames(); got[0] != "dark" || len(got) != len(themes.Names()) {
		t.Fatalf("themeNames() = %v", got)
	}
}
