package ui

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// runNow runs the editor at once, inside the Cmd, so drive can follow
// the whole flow without a program.
func runNow(c *exec.Cmd, done tea.ExecCallback) tea.Cmd {
	return func() tea.Msg { return done(c.Run()) }
}

// TestGoldenReview: the review of a reply at 80x24, and at 60x20 with a
// problem, the help line cut at the edge rather than wrapped.
func TestGoldenReview(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		ed := addAfterHeaders("Thanks, see you there.")
		if size[0] == 60 {
			ed = `sed -i 's/^To: .*/To: not an address/' "$1"; ` + ed
		}
		opts, _, _, _ := writeOptions(t, editorScript(t, ed))
		opts.Write.Exec = runNow
		m := start(t, quiet(5), opts)
		m = drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}).(Model)
		m = drive(t, headerFakeModel(m), press("r")).(Model)
		out := screen(m)
		if !strings.Contains(out, "Review: reply") {
			t.Fatalf("no review at %v:\n%s", size, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > size[0] {
				t.Errorf("line wider than %d: %q", size[0], l)
			}
		}
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// headerFakeModel swaps the model's backend for one whose messages have
// whole headers (the fake of write_fake_test.go).
func headerFakeModel(m Model) Model {
	if f, ok := m.backend.(*fakeBackend); ok {
		m.backend = headerFake{fakeBackend: f}
	}
	return m
}
