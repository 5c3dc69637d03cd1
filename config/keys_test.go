package config

import (
	"reflect"
	"strings"
	"testing"
)

// TestLoadKeys: Load reads every [keys] form with the line of each binding
// and of its table, and reports a badly shaped table at its line without
// failing.
func TestLoadKeys(t *testing.T) {
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n" // lines 1-4
	tests := []struct {
		name     string
		src      string
		want     []KeyBinding
		problems string // lines, each after the path
	}{{
		name: "tables, strings, lists, dotted keys and inline tables",
		src: "[keys.list]\ndelete = [\"d\", \"x\"]\nthreads = []\n[keys]\nviewer.back = \"b\"\n" +
			"folders = { open = \"o\" }\n",
		want: []KeyBinding{
			{Context: "list", Action: "delete", Keys: []string{"d", "x"}, Line: 6, ContextLine: 5},
			{Context: "list", Action: "threads", Keys: []string{}, Line: 7, ContextLine: 5},
			{Context: "viewer", Action: "back", Keys: []string{"b"}, Line: 9, ContextLine: 9},
			{Context: "folders", Action: "open", Keys: []string{"o"}, Line: 10, ContextLine: 10},
		},
	}, {
		name: "badly shaped",
		src:  "[keys]\nlist = \"d\"\n[keys.viewer]\nback = 1\nraw = [\"r\", true]\nheaders = \"h\"\n",
		want: []KeyBinding{{Context: "viewer", Action: "headers", Keys: []string{"h"}, Line: 10, ContextLine: 7}},
		problems: `:6: list = "d" in [keys]: must be a table, written [keys.list]` + "\n" +
			`:8: back = 1 in [keys.viewer]: must be a key in quotes or a list of them, e.g. ["d", "x"]` + "\n" +
			`:9: raw (an array) in [keys.viewer]: must be a key in quotes or a list of them, e.g. ["d", "x"]`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, acct+tt.src, 0o600)
			c, _, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Keys.Bindings, tt.want) {
				t.Errorf("bindings =\n%+v\nwant\n%+v", c.Keys.Bindings, tt.want)
			}
			var got, want []string
			for _, e := range c.Keys.Problems() {
				got = append(got, e.Error())
			}
			if tt.problems != "" {
				for line := range strings.SplitSeq(tt.problems, "\n") {
					want = append(want, path+line)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestKeysNotATable(t *testing.T) {
	path := writeConfig(t, "keys = [\"d\"]\n[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n", 0o600)
	c, _, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := path + `:1: keys (an array): must be tables, written [keys.<context>] (e.g. [keys.list])`
	if p := c.Keys.Problems(); len(p) != 1 || p[0].Error() != want {
		t.Errorf("problems = %v, want %s", p, want)
	}
	if len(c.Keys.Bindings) != 0 {
		t.Errorf("bindings = %v", c.Keys.Bindings)
	}
}
