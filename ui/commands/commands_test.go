package commands

import (
	"reflect"
	"strings"
	"testing"
)

// table is a small table; the run function is the entry's own name, so a
// test can see which entry a line reached.
func table() Table[string] {
	return Table[string]{
		{Names: []string{"select"}, Args: Name, Synopsis: "NAME", Complete: Folders, Run: "select"},
		{Names: []string{"status"}, Args: OptName, Synopsis: "[NAME]", Complete: Folders, Run: "status"},
		{Names: []string{"rename"}, Args: Names, Min: 2, Max: 2, Synopsis: "OLD NEW", Note: "quote names with spaces", Complete: Folders, Run: "rename"},
		{Names: []string{"store"}, Args: Text, Complete: StoreFlags, Run: "store"},
		{Names: []string{"fetch"}, Args: Text, Missing: "items", Run: "fetch"},
		{Names: []string{"logout", "quit", "q"}, Run: "logout"},
		{Names: []string{"quota"}, Run: "quota"},
		{Names: []string{"sort"}, Args: Text, Complete: Words, Words: []string{"date", "from", "reverse"}, Run: "sort"},
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]string{
		"select": "select", "sel": "select", "SEL": "select", "q": "logout", "qui": "logout",
		"logo": "logout", "quo": "quota", "r": "rename",
		"qu": `ambiguous command "qu": quit, quota`, "s": `ambiguous command "s": select, sort, status, store`,
		"x": `unknown command "x"`,
	} {
		s, err := table().Lookup(name)
		got := s.Run
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("Lookup(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		line string
		want Call
		err  string
	}{
		{"select Sent Items", Call{Name: "select", Typed: "select", Args: []string{"Sent Items"}, Raw: "Sent Items"}, ""},
		{`:sel "a \"b\""`, Call{Name: "select", Typed: "sel", Args: []string{`a "b"`}, Raw: `"a \"b\""`}, ""},
		{"status", Call{Name: "status", Typed: "status", Raw: ""}, ""},
		{"rename a b", Call{Name: "rename", Typed: "rename", Args: []string{"a", "b"}, Raw: "a b"}, ""},
		{`fetch "1:* flags"`, Call{Name: "fetch", Typed: "fetch", Text: "1:* flags", Raw: `"1:* flags"`}, ""},
		{"Q", Call{Name: "logout", Typed: "q"}, ""},
		{"select", Call{}, "select needs a folder name"},
		{"rename", Call{}, "rename needs a folder name"},
		{"rename a", Call{}, "usage: :rename OLD NEW (quote names with spaces)"},
		{"rename a b c", Call{}, "usage: :rename OLD NEW (quote names with spaces)"},
		{`status "a" "b"`, Call{}, "usage: :status [NAME]"},
		{"store", Call{}, "store needs arguments"},
		{"fetch", Call{}, "fetch needs items"},
		{"quota x", Call{}, "quota takes no argument"},
		{`rename "a b`, Call{}, "rename: missing closing quote"},
		{":", Call{}, "empty command"},
	}
	for _, tt := range tests {
		s, c, err := table().Parse(tt.line)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("Parse(%q) error %v, want %q", tt.line, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(c, tt.want) || s.Run != tt.want.Name {
			t.Errorf("Parse(%q) = %s %+v, %v; want %+v", tt.line, s.Run, c, err, tt.want)
		}
	}
}

func TestComplete(t *testing.T) {
	folders := []string{"INBOX", "Sent", "Sent Items", `Odd "q"`}
	tests := []struct {
		line string
		want []string
	}{
		{"", []string{"fetch", "logout", "q", "quit", "quota", "rename", "select", "sort", "status", "store"}},
		{"qu", []string{"quit", "quota"}},
		{"sel s", []string{"sel Sent", "sel Sent Items"}},
		{`select "Sent I`, []string{"select Sent Items"}},
		{`select "Sent Items"`, []string{"select Sent Items"}},
		{"rename Se", []string{"rename Sent", `rename "Sent Items"`}},
		{"rename O", []string{`rename "Odd \"q\""`}},
		{"store -", []string{"store -flags"}},
		{`store +flags \S`, []string{`store +flags \Seen`}},
		{"quota ", nil},
		{"sort ", []string{"sort date", "sort from", "sort reverse"}},
		{"sort da", []string{"sort date"}},
		{"sort date ", []string{"sort date from", "sort date reverse"}},
		{"nope x", nil},
	}
	for _, tt := range tests {
		if got := table().Complete(tt.line, folders, []string{`\Seen`, `\Flagged`}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Complete(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// FuzzQuote: a quoted name reads back as itself, alone and as one of
// several arguments.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"INBOX", "Sent Items", `a "b" c`, `back\slash x`, "中文 邮件", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if name == "" || strings.ContainsAny(name, "\r\n") || strings.TrimSpace(name) != name {
			t.Skip() // not a name the command line can hold unquoted or typed
		}
		q := Quote(name)
		for _, rest := range []bool{true, false} {
			got, err := SplitArgs(q+" next", rest)
			if rest && !strings.HasPrefix(q, `"`) {
				continue // unquoted, the rest of the line is the name
			}
			if err != nil || len(got) != 2 || got[0] != name || got[1] != "next" {
				t.Fatalf("SplitArgs(%q, %v) = %q, %v; want %q, next", q+" next", rest, got, err, name)
			}
		}
	})
}

func TestMarkdown(t *testing.T) {
	md := table().Markdown()
	for _, want := range []string{
		"| `:logout`, `:quit`, `:q` | — | — |",
		"| `:rename` | `OLD NEW` |",
		"a name (`:select`, `:status`), that name",
		"follow (`:rename OLD NEW`), a name",
		"only `:login` and `:logout` work", // none here: the sentence is left out
	} {
		if strings.Contains(md, want) != !strings.HasPrefix(want, "only") {
			t.Errorf("Markdown: %q present = %v\n%s", want, strings.Contains(md, want), md)
		}
	}
}
