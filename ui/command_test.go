package ui

import (
	"reflect"
	"strings"
	"testing"
)

// parsed is what a test compares of a parsed line: the command's name and
// its arguments (Args for folder commands, Text for the others).
type parsed struct {
	Name, Text string
	Args       []string
}

func parseCommand(line string) (parsed, error) {
	_, c, err := commandTable().Parse(line)
	return parsed{Name: c.Name, Text: c.Text, Args: c.Args}, err
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		line    string
		want    parsed
		wantErr string
	}{
		{"select INBOX", parsed{Name: "select", Args: []string{"INBOX"}}, ""},
		{":select INBOX", parsed{Name: "select", Args: []string{"INBOX"}}, ""},
		{"  SELECT   Sent Items  ", parsed{Name: "select", Args: []string{"Sent Items"}}, ""},
		{`select "My Folder"`, parsed{Name: "select", Args: []string{"My Folder"}}, ""},
		{"examine INBOX.Sub", parsed{Name: "examine", Args: []string{"INBOX.Sub"}}, ""},
		{"examine 日本語", parsed{Name: "examine", Args: []string{"日本語"}}, ""},
		{"capability", parsed{Name: "capability"}, ""},
		{"logout", parsed{Name: "logout"}, ""},
		{"quit", parsed{Name: "logout"}, ""},
		{"cap", parsed{Name: "capability"}, ""},
		{"sel Sent", parsed{Name: "select", Args: []string{"Sent"}}, ""},
		{"q", parsed{Name: "logout"}, ""},
		{"login", parsed{Name: "login"}, ""},
		{"l", parsed{}, `ambiguous command "l": login, logout, lsub`},
		{"s", parsed{}, `ambiguous command "s": search, select, setacl, sort, status, store, subscribe`},
		{"exa INBOX", parsed{Name: "examine", Args: []string{"INBOX"}}, ""},
		{"ex INBOX", parsed{}, `ambiguous command "ex": examine, expunge`},
		{"sel", parsed{}, "sel needs a folder name"},
		{"store", parsed{}, "store needs arguments"},
		{"move Archive", parsed{Name: "move", Args: []string{"Archive"}}, ""},
		{"select", parsed{}, "select needs a folder name"},
		{"examine   ", parsed{}, "examine needs a folder name"},
		{`select "a" "b"`, parsed{}, "usage: :select NAME"},
		{"capability now", parsed{}, "capability takes no argument"},
		{"frob 1:*", parsed{}, `unknown command "frob"`},
		{"fetch flags", parsed{Name: "fetch", Text: "flags"}, ""},
		{"fetch 1:* flags", parsed{Name: "fetch", Text: "1:* flags"}, ""},
		{`search "x"`, parsed{Name: "search", Text: "x"}, ""},
		{"fetch", parsed{}, "fetch needs items, e.g. :fetch body.peek[header] or :fetch 1:* flags"},
		{"", parsed{}, "empty command"},
		{"   ", parsed{}, "empty command"},
	}
	for _, tt := range tests {
		got, err := parseCommand(tt.line)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("parseCommand(%q) error = %v, want %q", tt.line, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseCommand(%q) = %+v, %v want %+v", tt.line, got, err, tt.want)
		}
	}
}

func TestCompletions(t *testing.T) {
	folders := []string{"INBOX", "INBOX.Sub", "Sent", "Sent Items", "Trash"}
	tests := []struct {
		line string
		want []string
	}{
		{"", []string{"account", "acl", "capability", "close", "compose", "console", "copy", "create", "delete", "deleteacl", "examine", "expunge", "fetch", "forward", "info", "login", "logout", "lsub", "move", "open", "q", "quit", "quota", "rename", "reply", "search", "select", "setacl", "sort", "status", "store", "subscribe", "thread", "unselect", "unsubscribe"}},
		{"sel", []string{"select"}},
		{"s", []string{"search", "select", "setacl", "sort", "status", "store", "subscribe"}},
		{"move Tr", []string{"move Trash"}},
		{"store ", []string{"store +flags", "store -flags", "store flags"}},
		{"L", []string{"login", "logout", "lsub"}},
		{"x", nil},
		{"select ", []string{"select INBOX", "select INBOX.Sub", "select Sent", "select Sent Items", "select Trash"}},
		{"select in", []string{"select INBOX", "select INBOX.Sub"}},
		{"examine Sent", []string{"examine Sent", "examine Sent Items"}},
		{"select nope", nil},
		{"capability ", nil},
		{"bogus I", nil},
		{"sel Tr", []string{"sel Trash"}},
		{`select "Sent I`, []string{"select Sent Items"}},
		{"rename Sent", []string{"rename Sent", `rename "Sent Items"`}},
	}
	for _, tt := range tests {
		if got := completions(tt.line, folders, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("completions(%q) = %q want %q", tt.line, got, tt.want)
		}
	}
}

// TestCommandArgs: one rule for every command that takes folder names:
// IMAP quoting everywhere, and spaces unquoted in the last argument of a
// command that takes one name.
func TestCommandArgs(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"create INBOX.中文 邮件", []string{"INBOX.中文 邮件"}},
		{`create "INBOX.中文 邮件"`, []string{"INBOX.中文 邮件"}},
		{"select INBOX.中文 邮件", []string{"INBOX.中文 邮件"}},
		{"delete Sent Items", []string{"Sent Items"}},
		{"subscribe  a b  ", []string{"a b"}},
		{"copy Archive 2024", []string{"Archive 2024"}},
		{`status "a \"quoted\" name"`, []string{`a "quoted" name`}},
		{`acl "back\\slash"`, []string{`back\slash`}},
		{"rename a b", []string{"a", "b"}},
		{`rename "Sent Items" Archive/Sent`, []string{"Sent Items", "Archive/Sent"}},
		{`rename  Ziel/中文   "a b"  `, []string{"Ziel/中文", "a b"}},
		{`setacl "Sent Items" bob +lr`, []string{"Sent Items", "bob", "+lr"}},
		{`deleteacl INBOX ""`, []string{"INBOX", ""}},
	}
	for _, tt := range tests {
		c, err := parseCommand(tt.line)
		if err != nil {
			t.Errorf("parseCommand(%q): %v", tt.line, err)
			continue
		}
		if !reflect.DeepEqual(c.Args, tt.want) {
			t.Errorf("%q: args %q, want %q", tt.line, c.Args, tt.want)
		}
	}
	for line, wantErr := range map[string]string{
		`create "unterminated`:     "missing closing quote",
		`rename "a b"c d`:          "a space must follow",
		`rename a"b c`:             "a quote must start the argument",
		`select "a\b"`:             `only escapes`,
		`setacl "Sent Items bob l`: "missing closing quote",
	} {
		if _, err := parseCommand(line); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("parseCommand(%q) error = %v, want %q", line, err, wantErr)
		}
	}
}

// TestCreateUnquotedSpaces: :create takes a name with spaces as :select
// does, without quotes.
func TestCreateUnquotedSpaces(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	m = drive(t, m, typed(":create INBOX.中文 邮件")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if got := lastCall(f, "CREATE"); got != "CREATE INBOX.中文 邮件" {
		t.Fatalf("sent %q; screen:\n%s", got, screen(m))
	}
}
