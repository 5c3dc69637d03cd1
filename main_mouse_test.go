package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// quitAtOnce is a program that ends as soon as it starts.
type quitAtOnce struct{}

func (quitAtOnce) Init() tea.Cmd                       { return tea.Quit }
func (quitAtOnce) Update(tea.Msg) (tea.Model, tea.Cmd) { return quitAtOnce{}, nil }
func (quitAtOnce) View() string                        { return "" }

// mouseReporting runs a program with the options tern would use for the
// config src and reports whether it asked the terminal for mouse events.
func mouseReporting(t *testing.T, src string) bool {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	conf := src + "[[account]]\nname = \"work\"\nhost = \"127.0.0.1\"\nusername = \"alice\"\npassword_cmd = \"echo s3cret\"\n"
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := prepare(flags{configPath: path}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	var out bytes.Buffer
	opts := append(programOptions(s.uiOpts), tea.WithInput(nil), tea.WithOutput(&out))
	if _, err := tea.NewProgram(quitAtOnce{}, opts...).Run(); err != nil {
		t.Fatal(err)
	}
	// The button-event mouse mode (cell motion) is DECSET 1002.
	const enable = "\x1b[?1002h"
	if !strings.Contains(out.String(), "\x1b[?1049h") {
		t.Fatalf("no alternate screen in %q", out.String())
	}
	if s.uiOpts.NoMouse == strings.Contains(out.String(), enable) {
		t.Fatalf("NoMouse = %v but the output %q", s.uiOpts.NoMouse, out.String())
	}
	return strings.Contains(out.String(), enable)
}

// TestMouseOption: the mouse is on by default, and mouse = false keeps
// both the UI and the terminal's mouse reporting off.
func TestMouseOption(t *testing.T) {
	if !mouseReporting(t, "") {
		t.Error("mouse reporting is off by default")
	}
	if !mouseReporting(t, "mouse = true\n") {
		t.Error("mouse = true: mouse reporting is off")
	}
	if mouseReporting(t, "mouse = false\n") {
		t.Error("mouse = false: mouse reporting is on")
	}
}
