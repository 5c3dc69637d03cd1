package ui

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		line    string
		want    command
		wantErr string
	}{
		{"select INBOX", command{Verb: verbSelect, Arg: "INBOX"}, ""},
		{":select INBOX", command{Verb: verbSelect, Arg: "INBOX"}, ""},
		{"  SELECT   Sent Items  ", command{Verb: verbSelect, Arg: "Sent Items"}, ""},
		{`select "My Folder"`, command{Verb: verbSelect, Arg: "My Folder"}, ""},
		{"examine INBOX.Sub", command{Verb: verbExamine, Arg: "INBOX.Sub"}, ""},
		{"examine 日本語", command{Verb: verbExamine, Arg: "日本語"}, ""},
		{"capability", command{Verb: verbCapability, Arg: ""}, ""},
		{"logout", command{Verb: verbLogout, Arg: ""}, ""},
		{"quit", command{Verb: verbLogout, Arg: ""}, ""},
		{"cap", command{Verb: verbCapability, Arg: ""}, ""},
		{"sel Sent", command{Verb: verbSelect, Arg: "Sent"}, ""},
		{"q", command{Verb: verbLogout, Arg: ""}, ""},
		{"login", command{Verb: verbLogin, Arg: ""}, ""},
		{"l", command{}, `ambiguous command "l": login, logout, lsub`},
		{"s", command{}, `ambiguous command "s": search, select, setacl, sort, status, store, subscribe`},
		{"exa INBOX", command{Verb: verbExamine, Arg: "INBOX"}, ""},
		{"ex INBOX", command{}, `ambiguous command "ex": examine, expunge`},
		{"sel", command{}, "sel needs a folder name"},
		{"store", command{}, "store needs arguments"},
		{"move Archive", command{Verb: verbMove, Arg: "Archive"}, ""},
		{"select", command{}, "select needs a folder name"},
		{"examine   ", command{}, "examine needs a folder name"},
		{"capability now", command{}, "capability takes no argument"},
		{"frob 1:*", command{}, `unknown command "frob"`},
		{"fetch flags", command{Verb: verbFetch, Arg: "flags"}, ""},
		{"fetch 1:* flags", command{Verb: verbFetch, Arg: "1:* flags"}, ""},
		{"fetch", command{}, "fetch needs items, e.g. :fetch body.peek[header] or :fetch 1:* flags"},
		{"", command{}, "empty command"},
		{"   ", command{}, "empty command"},
	}
	for _, tt := range tests {
		got, err := parseCommand(tt.line)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("parseCommand(%q) error = %v, want %q", tt.line, err, tt.wantErr)
			}
			continue
		}
		got.Raw = "" // checked in TestParseAdminCommands
		if err != nil || got != tt.want {
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
		{"", []string{"acl", "capability", "close", "console", "copy", "create", "delete", "deleteacl", "examine", "expunge", "fetch", "info", "login", "logout", "lsub", "move", "q", "quit", "quota", "rename", "search", "select", "setacl", "sort", "status", "store", "subscribe", "thread", "unselect", "unsubscribe"}},
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
		if got := c.args(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: args %q, want %q", tt.line, got, tt.want)
		}
		if len(tt.want) == 1 && c.Arg != tt.want[0] {
			t.Errorf("%q: Arg %q, want %q", tt.line, c.Arg, tt.want[0])
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
