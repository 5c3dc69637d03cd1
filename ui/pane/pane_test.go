package pane

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/keymap"
)

func TestMove(t *testing.T) {
	k := keymap.DefaultKeyMap().List.Moves
	for _, c := range []struct {
		key              string
		cursor, n, h, to int
	}{
		{"j", 0, 10, 4, 1}, {"k", 0, 10, 4, 0}, {"G", 2, 10, 4, 9}, {"g", 5, 10, 4, 0},
		{"ctrl+d", 0, 10, 4, 2}, {"pgdown", 8, 10, 4, 9}, {"pgup", 3, 10, 4, 0},
	} {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(c.key)}
		if len(c.key) > 1 {
			msg = keyOf(t, c.key)
		}
		got, ok := Move(k, msg, c.cursor, c.n, c.h)
		if !ok || got != c.to {
			t.Errorf("%s from %d of %d (height %d) = %d, %v; want %d", c.key, c.cursor, c.n, c.h, got, ok, c.to)
		}
	}
	if _, ok := Move(k, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, 0, 10, 4); ok {
		t.Error("x moved the cursor")
	}
}

func keyOf(t *testing.T, s string) tea.KeyMsg {
	for kt, name := range map[tea.KeyType]string{tea.KeyCtrlD: "ctrl+d", tea.KeyPgDown: "pgdown", tea.KeyPgUp: "pgup"} {
		if name == s {
			return tea.KeyMsg{Type: kt}
		}
	}
	t.Fatalf("no key %s", s)
	return tea.KeyMsg{}
}

func TestClampScroll(t *testing.T) {
	for _, c := range []struct{ n, cursor, offset, h, wc, wo int }{
		{0, 5, 5, 3, 0, 0}, {10, 9, 0, 3, 9, 7}, {10, 2, 5, 3, 2, 2}, {10, -1, 0, 3, 0, 0}, {2, 1, 0, 0, 1, 1},
	} {
		if c2, o2 := ClampScroll(c.n, c.cursor, c.offset, c.h); c2 != c.wc || o2 != c.wo {
			t.Errorf("ClampScroll%v = %d, %d; want %d, %d", c, c2, o2, c.wc, c.wo)
		}
	}
}

func TestFit(t *testing.T) {
	for s, w := range map[string]int{"hello": 3, "hi": 5, "中文字": 4, "": 2} {
		if got := Fit(s, w); ansi.StringWidth(got) != w {
			t.Errorf("Fit(%q, %d) = %q, %d cells", s, w, got, ansi.StringWidth(got))
		}
	}
	if Fit("abc", 0) != "" || Fit("abcdef", 4) != "abc…" {
		t.Errorf("Fit cuts wrongly: %q", Fit("abcdef", 4))
	}
}
