package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

const keysAccount = "[[account]]\nname = \"work\"\nhost = \"127.0.0.1\"\nusername = \"alice\"\npassword = \"pw\"\n" // lines 1-5

// prepareWith prepares the session of config text conf.
func prepareWith(t *testing.T, conf string) *session {
	t.Helper()
	return mustPrepare(t, flags{configPath: writeConfig(t, conf)})
}

// TestPrepareAppliesKeys: the config's [keys] reach the UI's key map.
func TestPrepareAppliesKeys(t *testing.T) {
	s := prepareWith(t, keysAccount+"[keys.list]\ndelete = [\"d\", \"x\"]\n")
	x := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}
	if !key.Matches(x, s.uiOpts.Keys.List.Delete) {
		t.Fatalf("list.delete = %v, want d and x", s.uiOpts.Keys.List.Delete.Keys())
	}
	if len(s.uiOpts.Warnings) > 0 {
		t.Errorf("warnings = %v", s.uiOpts.Warnings)
	}
}

// TestPrepareKeysErrors: a mistake in [keys] does not stop tern; it runs
// on the default keys and the screen says where the mistake is.
func TestPrepareKeysErrors(t *testing.T) {
	s := prepareWith(t, keysAccount+"[keys.list]\ndelete = \"x\"\ndelte = \"y\"\n")
	x := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}
	if key.Matches(x, s.uiOpts.Keys.List.Delete) {
		t.Error("a [keys] table with errors was applied")
	}
	w := strings.Join(s.uiOpts.Warnings, "\n")
	if !strings.Contains(w, "default keys in use") || !strings.Contains(w, `config.toml:8: unknown action "delte" in [keys.list] (did you mean "delete"?)`) {
		t.Errorf("warnings = %q", w)
	}
}
