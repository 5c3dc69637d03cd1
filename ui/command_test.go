package ui

import (
	"reflect"
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
		{"fetch", command{}, "fetch needs items, e.g. :fetch body.peek[header]"},
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
	}
	for _, tt := range tests {
		if got := completions(tt.line, folders, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("completions(%q) = %q want %q", tt.line, got, tt.want)
		}
	}
}
