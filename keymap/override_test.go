package keymap

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

var update = flag.Bool("update", false, "write docs/keys.md from the key map")

func TestApplyOverrides(t *testing.T) {
	tests := []struct {
		name string
		ovs  []Override
		want []OverrideError // Msg is a substring
		// check runs on the result; on errors it must be the defaults.
		check func(KeyMap) bool
	}{{
		name: "two keys",
		ovs:  []Override{{"list", "delete", []string{"d", "x"}}},
		check: func(k KeyMap) bool {
			return key.Matches(keyMsg("x"), k.List.Delete) && k.List.Delete.Help().Key == "d/x"
		},
	}, {
		name:  "moving a default out of the way",
		ovs:   []Override{{"list", "undo", []string{"z"}}, {"list", "delete", []string{"u"}}},
		check: func(k KeyMap) bool { return key.Matches(keyMsg("u"), k.List.Delete) },
	}, {
		name:  "same key in two contexts",
		ovs:   []Override{{"list", "search", []string{"x"}}, {"viewer", "back", []string{"x"}}},
		check: func(k KeyMap) bool { return key.Matches(keyMsg("x"), k.Viewer.Back) },
	}, {
		name:  "a key repeated in one action",
		ovs:   []Override{{"list", "delete", []string{"x", "x"}}},
		check: func(k KeyMap) bool { return key.Matches(keyMsg("x"), k.List.Delete) },
	}, {
		name: "unknown context",
		ovs:  []Override{{"list", "delete", []string{"x"}}, {"lsit", "delete", []string{"x"}}, {"lsit", "undo", []string{"y"}}},
		want: []OverrideError{{Index: 1, Context: true, Msg: `unknown key context [keys.lsit] (did you mean "list"?)`}},
	}, {
		name: "unknown context, nothing near",
		ovs:  []Override{{"compose", "send", []string{"y"}}},
		want: []OverrideError{{Index: 0, Context: true, Msg: "unknown key context [keys.compose]"}},
	}, {
		name: "unknown action, nothing near",
		ovs:  []Override{{"list", "nope", []string{"y"}}},
		want: []OverrideError{{Index: 0, Msg: `unknown action "nope" in [keys.list]`}},
	}, {
		name: "unknown action",
		ovs:  []Override{{"list", "delte", []string{"x"}}},
		want: []OverrideError{{Index: 0, Msg: `unknown action "delte" in [keys.list] (did you mean "delete"?)`}},
	}, {
		name: "action of another context",
		ovs:  []Override{{"viewer", "delete", []string{"x"}}},
		want: []OverrideError{{Index: 0, Msg: `unknown action "delete" in [keys.viewer]`}},
	}, {
		name: "clash with a default",
		ovs:  []Override{{"list", "delete", []string{"u"}}},
		want: []OverrideError{{Index: 0, Msg: `key "u" is bound to both delete and undo in [keys.list] (undo has it by default`}},
	}, {
		name: "clash between two overrides",
		ovs:  []Override{{"folders", "open", []string{"o"}}, {"folders", "toggle", []string{"space", "o"}}},
		want: []OverrideError{{Index: 1, Msg: `key "o" is bound to both open and toggle in [keys.folders]`}},
	}, {
		name: "clash with a list action the viewer runs",
		ovs:  []Override{{"viewer", "raw", []string{"d"}}},
		want: []OverrideError{{Index: 0, Msg: `key "d" is bound to both list.delete (which also works here) and raw in [keys.viewer] (list.delete has it by default; rebind it in [keys.list] too`}},
	}, {
		name:  "a list action moved out of the viewer's way",
		ovs:   []Override{{"viewer", "raw", []string{"d"}}, {"list", "delete", []string{"x"}}},
		check: func(k KeyMap) bool { return key.Matches(keyMsg("d"), k.Viewer.Raw) },
	}, {
		name: "key names",
		ovs:  []Override{{"list", "delete", []string{"ctrl+x", "alt+d", "f5", "space", "é"}}},
		check: func(k KeyMap) bool {
			return key.Matches(keyMsg(" "), k.List.Delete) && k.List.Delete.Help().Key == "ctrl+x/alt+d/f5/space/é"
		},
	}, {
		name: "not a key name",
		ovs:  []Override{{"list", "delete", []string{"ctrl-x"}}, {"list", "open", []string{"Enter"}}, {"list", "undo", []string{"dd"}}, {"list", "copy", []string{"runes"}}},
		want: []OverrideError{
			{Index: 0, Msg: `delete = "ctrl-x": "ctrl-x" is not a key: write one character or a key name such as "enter", "ctrl+x", "f5" (did you mean "ctrl+x"?)`},
			{Index: 1, Msg: `open = "Enter": "Enter" is not a key: write one character or a key name such as "enter", "ctrl+x", "f5" (did you mean "enter"?)`},
			{Index: 2, Msg: `undo = "dd": "dd" is not a key`},
			{Index: 3, Msg: `copy = "runes": "runes" is not a key`},
		},
	}, {
		name: "empty key",
		ovs:  []Override{{"list", "delete", []string{""}}},
		want: []OverrideError{{Index: 0, Msg: `delete = "": empty key`}},
	}, {
		name: "set twice",
		ovs:  []Override{{"list", "delete", []string{"x"}}, {"list", "delete", []string{"y"}}},
		want: []OverrideError{{Index: 1, Msg: `action "delete" of [keys.list] is set twice`}},
	}, {
		name: "errors leave the defaults",
		ovs:  []Override{{"list", "down", []string{"ctrl+n"}}, {"list", "nope", []string{"y"}}},
		want: []OverrideError{{Index: 1, Msg: `unknown action "nope"`}},
		check: func(k KeyMap) bool {
			return key.Matches(keyMsg("j"), k.List.Down) && k.List.Down.Help().Key == "↓/j"
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := DefaultKeyMap()
			errs := k.ApplyOverrides(tt.ovs)
			if len(errs) != len(tt.want) {
				t.Fatalf("errors = %v, want %v", errs, tt.want)
			}
			for i, e := range errs {
				w := tt.want[i]
				guess := strings.Contains(e.Msg, "did you mean") != strings.Contains(w.Msg, "did you mean")
				if e.Index != w.Index || e.Context != w.Context || !strings.Contains(e.Msg, w.Msg) || guess {
					t.Errorf("error %d = %d %q, want %d %q", i, e.Index, e.Msg, tt.want[i].Index, tt.want[i].Msg)
				}
			}
			if len(errs) > 0 && !reflect.DeepEqual(k, DefaultKeyMap()) {
				t.Error("failed overrides changed the key map")
			}
			if tt.check != nil && !tt.check(k) {
				t.Error("bindings not as expected")
			}
		})
	}
}

// Every binding in KeyMap must have an action name, or a user could not
// rebind it and docs/keys.md would not list it.
func TestEveryBindingHasAnAction(t *testing.T) {
	k := DefaultKeyMap()
	named := map[*key.Binding]bool{}
	for _, b := range k.actions() {
		named[b] = true
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if v.Type() == reflect.TypeFor[key.Binding]() {
			if !named[v.Addr().Interface().(*key.Binding)] {
				t.Errorf("%s has no action name in actions()", path)
			}
			return
		}
		for i := range v.NumField() {
			walk(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	}
	walk(reflect.ValueOf(&k).Elem(), "KeyMap")
}

func TestDefaultsDoNotClash(t *testing.T) {
	k := DefaultKeyMap()
	acts := k.actions()
	set := map[string]int{}
	for n := range acts {
		set[n] = 0 // count every default as the user's, so clashes show
	}
	for _, e := range k.clashes(acts, set) {
		t.Error(e.Msg)
	}
}

// TestKeysDoc checks that docs/keys.md lists the key map as it is;
// "go test ./keymap -run TestKeysDoc -update" writes it again.
func TestKeysDoc(t *testing.T) {
	const path = "../docs/keys.md"
	k := DefaultKeyMap()
	got := k.Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./keymap -run TestKeysDoc -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the key map; run go test ./keymap -run TestKeysDoc -update and commit it", path)
	}
	for _, n := range k.Actions() {
		ctx, act, _ := strings.Cut(n, ".")
		if !strings.Contains(got, "## [keys."+ctx+"]") || !strings.Contains(got, "| `"+act+"` |") {
			t.Errorf("docs miss %s", n)
		}
	}
}
