package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/keymap"
)

// The [keys] tables as config reads them and applyKeys checks them: every
// kind of problem with its file and line.

func writeKeysConfig(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const keysAcct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestApplyKeys(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(keymap.KeyMap) bool
	}{{
		name: "a list of keys",
		src:  "[keys.list]\ndelete = [\"d\", \"x\"]\n",
		check: func(k keymap.KeyMap) bool {
			return key.Matches(runes("x"), k.List.Delete) && key.Matches(runes("d"), k.List.Delete)
		},
	}, {
		name: "one key as a string",
		src:  "[keys.viewer]\nback = \"b\"\n",
		check: func(k keymap.KeyMap) bool {
			return key.Matches(runes("b"), k.Viewer.Back) && !key.Matches(runes("q"), k.Viewer.Back)
		},
	}, {
		name:  "an empty list turns the action off",
		src:   "[keys.list]\nthreads = []\n",
		check: func(k keymap.KeyMap) bool { return !k.List.Threads.Enabled() },
	}, {
		name: "dotted keys and inline tables",
		src:  "[keys]\nlist.delete = \"x\"\nviewer = { raw = \"w\" }\n",
		check: func(k keymap.KeyMap) bool {
			return key.Matches(runes("x"), k.List.Delete) && key.Matches(runes("w"), k.Viewer.Raw)
		},
	}, {
		name: "keys before the accounts",
		src:  "[keys.global]\nquit = \"Q\"\n",
		check: func(k keymap.KeyMap) bool {
			return key.Matches(runes("Q"), k.Global.Quit) && k.Global.Quit.Help().Key == "Q"
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := config.Load(writeKeysConfig(t, keysAcct+tt.src))
			if err != nil {
				t.Fatal(err)
			}
			k := keymap.DefaultKeyMap()
			if errs := applyKeys(c.Keys, &k); len(errs) > 0 {
				t.Fatalf("Apply: %v", errs)
			}
			if !tt.check(k) {
				t.Error("bindings not as expected")
			}
		})
	}
}

// Every kind of problem in [keys] names its line; none stops Load, and
// any of them leaves the default keys.
func TestApplyKeysErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string // after keysAcct, so it starts on line 5
		want string // lines, each after the path
	}{{
		name: "keys is not a table",
		src:  "",
		want: `:1: keys = "d": must be tables, written [keys.<context>] (e.g. [keys.list])`,
	}, {
		name: "context is not a table",
		src:  "[keys]\nlist = \"d\"\n",
		want: `:6: list = "d" in [keys]: must be a table, written [keys.list]`,
	}, {
		name: "keys are not strings",
		src:  "[keys.list]\ndelete = 1\n",
		want: `:6: delete = 1 in [keys.list]: must be a key in quotes or a list of them, e.g. ["d", "x"]`,
	}, {
		name: "a key in the list is not a string",
		src:  "[keys.list]\n\ndelete = [\"d\", 2]\n",
		want: `:7: delete (an array) in [keys.list]: must be a key in quotes or a list of them, e.g. ["d", "x"]`,
	}, {
		name: "unknown context",
		src:  "[keys.lsit]\ndelete = \"x\"\nundo = \"y\"\n",
		want: `:5: unknown key context [keys.lsit] (did you mean "list"?)`,
	}, {
		name: "unknown action",
		src:  "[keys.list]\nup = \"k\"\ndelte = \"x\"\n",
		want: `:7: unknown action "delte" in [keys.list] (did you mean "delete"?)`,
	}, {
		name: "key bound twice",
		src:  "[keys.list]\ndelete = \"x\"\n\n[keys.folders]\nopen = \"o\"\ntoggle = [\"o\", \" \"]\n",
		want: `:10: key "o" is bound to both open and toggle in [keys.folders]`,
	}, {
		name: "key taken from a default",
		src:  "[keys.viewer]\nraw = \"h\"\n",
		want: `:6: key "h" is bound to both headers and raw in [keys.viewer] (headers has it by default; rebind headers too, or pick another key)`,
	}, {
		name: "not a key name",
		src:  "[keys.list]\n\ndelete = [\"d\", \"ctrl-d\"]\n",
		want: `:7: delete = "ctrl-d": "ctrl-d" is not a key: write one character or a key name such as "enter", "ctrl+x", "f5" (did you mean "ctrl+d"?)`,
	}, {
		name: "empty key",
		src:  "[keys.global]\nhelp = [\"?\", \"\"]\n",
		want: `:6: help = "": empty key`,
	}, {
		name: "every problem, in line order",
		src:  "[keys.list]\ndelete = 1\nundo = \"d\"\n[keys.viewr]\nback = \"b\"\n",
		want: ":6: delete = 1 in [keys.list]: must be a key in quotes or a list of them, e.g. [\"d\", \"x\"]\n" +
			":7: key \"d\" is bound to both delete and undo in [keys.list] (delete has it by default; rebind delete too, or pick another key)\n" +
			":8: unknown key context [keys.viewr] (did you mean \"viewer\"?)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := keysAcct + tt.src
			if tt.src == "" {
				src = "keys = \"d\"\n" + keysAcct
			}
			path := writeKeysConfig(t, src)
			c, _, err := config.Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			k := keymap.DefaultKeyMap()
			var got []string
			for _, e := range applyKeys(c.Keys, &k) {
				got = append(got, e.Error())
			}
			var want []string
			for line := range strings.SplitSeq(tt.want, "\n") {
				want = append(want, path+line)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			def := keymap.DefaultKeyMap()
			if k.List.Delete.Help() != def.List.Delete.Help() || k.Viewer.Raw.Help() != def.Viewer.Raw.Help() ||
				k.Folders.Open.Help() != def.Folders.Open.Help() || k.List.Undo.Help() != def.List.Undo.Help() {
				t.Error("a bad [keys] table changed the key map")
			}
		})
	}
}
