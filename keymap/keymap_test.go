package keymap

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/internal/keypress"
)

var (
	_ help.KeyMap = GlobalKeys{}
	_ help.KeyMap = ListKeys{}
	_ help.KeyMap = FolderKeys{}
	_ help.KeyMap = ViewerKeys{}
	_ help.KeyMap = CmdlineKeys{}
	_ help.KeyMap = PromptKeys{}
)

func keyMsg(s string) tea.KeyMsg { return keypress.Named(s) }

func TestDefaults(t *testing.T) {
	k := DefaultKeyMap()
	tests := []struct {
		key string
		b   key.Binding
	}{
		{"q", k.Global.Quit},
		{"?", k.Global.Help},
		{"tab", k.Global.FocusNext},
		{"shift+tab", k.Global.FocusPrev},
		{":", k.Global.Command},
		{"k", k.List.Up},
		{"up", k.List.Up},
		{"j", k.List.Down},
		{"down", k.List.Down},
		{"g", k.List.Top},
		{"G", k.List.Bottom},
		{"pgdown", k.List.PageDown},
		{"ctrl+d", k.List.HalfDown},
		{"enter", k.List.Open},
		{"enter", k.Folders.Open},
		{"h", k.Folders.Collapse},
		{"l", k.Folders.Expand},
		{" ", k.Folders.Toggle},
		{"j", k.Viewer.Down},
		{"esc", k.Viewer.Back},
		{"q", k.Viewer.Back},
	}
	for _, tt := range tests {
		if !key.Matches(keyMsg(tt.key), tt.b) {
			t.Errorf("%q does not match %v", tt.key, tt.b.Keys())
		}
	}
}

func TestApply(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string][]string
		wantErr   string
		check     func(KeyMap) bool
	}{
		{
			name:      "rebind list down",
			overrides: map[string][]string{"list.down": {"x"}},
			check: func(k KeyMap) bool {
				return key.Matches(keyMsg("x"), k.List.Down) && !key.Matches(keyMsg("j"), k.List.Down) &&
					k.List.Down.Help().Key == "x" && key.Matches(keyMsg("j"), k.Folders.Down)
			},
		},
		{
			name:      "several keys",
			overrides: map[string][]string{"global.quit": {"x", "ctrl+q"}},
			check: func(k KeyMap) bool {
				return key.Matches(keyMsg("x"), k.Global.Quit) && k.Global.Quit.Help().Key == "x/ctrl+q"
			},
		},
		{
			name:      "empty list disables",
			overrides: map[string][]string{"folders.toggle": {}},
			check:     func(k KeyMap) bool { return !k.Folders.Toggle.Enabled() },
		},
		{
			name:      "space is a key",
			overrides: map[string][]string{"list.open": {" "}},
			check:     func(k KeyMap) bool { return k.List.Open.Help().Key == "space" },
		},
		{
			name:      "unknown action",
			overrides: map[string][]string{"list.explode": {"x"}, "list.down": {"n"}},
			wantErr:   `unknown action "explode" in [keys.list]`,
			check:     func(k KeyMap) bool { return key.Matches(keyMsg("j"), k.List.Down) },
		},
		{
			name:      "empty key",
			overrides: map[string][]string{"list.down": {""}},
			wantErr:   "empty key",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := DefaultKeyMap()
			err := k.Apply(tt.overrides)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Apply: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Apply error = %v, want %q", err, tt.wantErr)
			}
			if tt.check != nil && !tt.check(k) {
				t.Error("bindings not as expected")
			}
		})
	}
}

func TestActionsCoverEveryBinding(t *testing.T) {
	k := DefaultKeyMap()
	names := k.Actions()
	want := 6 + 1 + 4 + 1 + 3 + 2 + 3*8
	want += 7 + 2 + 1 + 2 + 4 + 8 // issue 5: folder admin, global, panel, confirm, console, panel moves
	want += 10                    // issue 3: the reading keys of the viewer
	want += 18 + 4                // issue 4: list actions, picker
	want += 4                     // issue 12: next/previous message, next unread, open link
	want += 4 + 8                 // issue 12: [keys.parts] open, save, save_all, back and the moves

	want++        // issue 12: prompt.retry after a connection error
	want += 2     // issue 12: next and previous account
	want += 5 + 8 // issue 14: writing from the list and viewer, the review screen
	if len(names) != want {
		t.Errorf("got %d actions: %v", len(names), names)
	}
	for _, n := range names {
		fresh := DefaultKeyMap() // f12 on one action at a time: two would clash
		if err := fresh.Apply(map[string][]string{n: {"f12"}}); err != nil {
			t.Errorf("Apply(%s): %v", n, err)
		}
	}
}

func TestHelpSkipsDisabled(t *testing.T) {
	k := DefaultKeyMap()
	k.List.Open.SetEnabled(false)
	out := help.New().FullHelpView(k.List.FullHelp())
	if strings.Contains(out, "open message") {
		t.Errorf("help shows a disabled binding:\n%s", out)
	}
	if !strings.Contains(out, "half page down") {
		t.Errorf("help misses a binding:\n%s", out)
	}
}
