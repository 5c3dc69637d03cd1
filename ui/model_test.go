package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/keymap"
)

// TestViewFitsTerminal: at any size, the screen has exactly height lines,
// none wider than the terminal.
func TestViewFitsTerminal(t *testing.T) {
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {40, 10}, {20, 6}, {200, 60}, {5, 4}, {1, 1}}
	states := map[string][]tea.Msg{
		"list":   nil,
		"viewer": keys("enter"),
		"help":   keys("?"),
	}
	for name, msgs := range states {
		for _, sz := range sizes {
			m := start(t, quiet(30), testOptions())
			m = drive(t, m, append([]tea.Msg{tea.WindowSizeMsg{Width: sz.w, Height: sz.h}}, msgs...)...).(Model)
			lines := strings.Split(screen(m), "\n")
			if len(lines) != sz.h {
				t.Errorf("%s %dx%d: %d lines", name, sz.w, sz.h, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > sz.w {
					t.Errorf("%s %dx%d: line %d is %d cells: %q", name, sz.w, sz.h, i, w, l)
				}
			}
		}
	}
}

func TestInsecureShown(t *testing.T) {
	for _, tc := range []struct {
		opt, session bool
	}{{true, false}, {false, true}} {
		f := quiet(1)
		f.insecure = tc.session
		opts := testOptions()
		opts.Insecure = tc.opt
		if got := screen(start(t, f, opts)); !strings.Contains(got, "INSECURE") {
			t.Errorf("%+v: no INSECURE in status:\n%s", tc, got)
		}
	}
	if got := screen(start(t, quiet(1), testOptions())); strings.Contains(got, "INSECURE") {
		t.Error("INSECURE shown on a verified connection")
	}
}

// TestKeyOverrides: the panes follow the key map they are given.
func TestKeyOverrides(t *testing.T) {
	km := keymap.DefaultKeyMap()
	if err := km.Apply(map[string][]string{"list.down": {"n"}, "list.next_hit": {"ctrl+n"}, "global.quit": {"x"}}); err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.Keys = km
	m := start(t, quiet(5), opts)
	m = drive(t, m, keys("j", "n", "n")...).(Model)
	if m.list.cursor != 2 {
		t.Errorf("cursor %d after j n n, want 2", m.list.cursor)
	}
	if !strings.Contains(screen(m), "n down") {
		t.Errorf("short help does not show the new key:\n%s", screen(m))
	}
	if _, cmd := m.Update(press("q")); cmd != nil {
		t.Error("q still does something")
	}
	if _, cmd := m.Update(press("x")); cmd == nil {
		t.Error("x does not quit")
	}
}

func TestWarningsShown(t *testing.T) {
	opts := testOptions()
	opts.Warnings = []string{"config: unknown key foo"}
	if got := screen(New(quiet(1), opts).withSize(80, 24)); !strings.Contains(got, "config: unknown key foo") {
		t.Errorf("warning not shown:\n%s", got)
	}
}

func (m Model) withSize(w, h int) Model {
	mm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return mm.(Model)
}

func BenchmarkListView100k(b *testing.B) {
	f := quiet(100000)
	m := New(f, testOptions())
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 50}}, runCmd(m.Init())...)
	mm := drive(b, m, msgs...).(Model)
	mm = drive(b, mm, keys("G")...).(Model)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = mm.View()
	}
}

func BenchmarkScroll100k(b *testing.B) {
	f := quiet(100000)
	m := New(f, testOptions())
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 50}}, runCmd(m.Init())...)
	mm := drive(b, m, msgs...).(Model)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var next tea.Model
		next, _ = mm.Update(press("pgdown")) // commands (fetches) are not run
		mm = next.(Model)
		if mm.list.cursor >= len(mm.list.uids)-1 {
			mm.list.cursor, mm.list.offset = 0, 0
		}
	}
}

// TestBurstOfKeys: keys typed faster than read arrive as one message.
func TestBurstOfKeys(t *testing.T) {
	m := start(t, quiet(10), testOptions())
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjk")}).(Model)
	if m.list.cursor != 2 {
		t.Errorf("cursor %d after jjjk, want 2", m.list.cursor)
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(":sel")}).(Model)
	if !m.cmdline.active || m.cmdline.input.Value() != "sel" {
		t.Errorf("command line %v %q", m.cmdline.active, m.cmdline.input.Value())
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ect Sent")}).(Model)
	if m.cmdline.input.Value() != "select Sent" {
		t.Errorf("command line %q", m.cmdline.input.Value())
	}
}

// TestStateFromEvents: once the backend reports its state, the model's
// own guesses no longer overwrite it (a SELECT answer read after the
// backend went idle must not show "selected").
func TestStateFromEvents(t *testing.T) {
	m := start(t, quiet(2), testOptions())
	if m.status.state != imapsvc.StateSelected {
		t.Fatalf("guessed state %v", m.status.state)
	}
	m = drive(t, m, eventMsg{imapsvc.StateChanged{State: imapsvc.StateIdle}}).(Model)
	m = drive(t, m, append([]tea.Msg{press(":")}, append(typed("select Sent"), press("enter"))...)...).(Model)
	if m.status.state != imapsvc.StateIdle || !strings.Contains(screen(m), "Sent [READ-WRITE]") {
		t.Errorf("state %v after select", m.status.state)
	}
}

// TestLoginAgainAfterLoss: after the connection is lost, :login asks for
// the password and reopens the folder that was open, read-only if it was.
func TestLoginAgainAfterLoss(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	line := func(s string) []tea.Msg { return append(append([]tea.Msg{press(":")}, typed(s)...), press("enter")) }
	m = drive(t, m, line("examine Sent")...).(Model)
	m = drive(t, m, eventMsg{imapsvc.StateChanged{State: imapsvc.StateDisconnected, Err: errors.New("EOF")}}).(Model)
	if !strings.Contains(screen(m), "connection lost: EOF (:login reconnects)") {
		t.Fatalf("no notice:\n%s", screen(m))
	}
	m = drive(t, m, line("login")...).(Model)
	if !strings.Contains(screen(m), "Log in to test") {
		t.Fatalf("no prompt:\n%s", screen(m))
	}
	m = drive(t, m, press("esc")).(Model) // changed my mind: back to the list
	if m.phase != phaseReady {
		t.Fatal("esc did not return to the list")
	}
	m = drive(t, m, line("login")...).(Model)
	m = drive(t, m, append(typed("again"), press("enter"))...).(Model)
	calls := f.callLog()
	last := slices.Index(calls[1:], "CONNECT") + 1 // the new login, then the reopen comes first
	if !slices.Equal(f.passwords, []string{"secret", "again"}) || last == 0 || calls[last+1] != "SELECT Sent ro=true" {
		t.Errorf("passwords %q, calls %q", f.passwords, calls)
	}
	if !strings.Contains(screen(m), "Sent [READ-ONLY]") {
		t.Errorf("folder not reopened:\n%s", screen(m))
	}
}
