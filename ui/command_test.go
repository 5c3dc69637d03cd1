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
		{"select INBOX", command{verbSelect, "INBOX"}, ""},
		{":select INBOX", command{verbSelect, "INBOX"}, ""},
		{"  SELECT   Sent Items  ", command{verbSelect, "Sent Items"}, ""},
		{`select "My Folder"`, command{verbSelect, "My Folder"}, ""},
		{"examine INBOX.Sub", command{verbExamine, "INBOX.Sub"}, ""},
		{"examine 日本語", command{verbExamine, "日本語"}, ""},
		{"capability", command{verbCapability, ""}, ""},
		{"logout", command{verbLogout, ""}, ""},
		{"quit", command{verbLogout, ""}, ""},
		{"cap", command{verbCapability, ""}, ""},
		{"sel Sent", command{verbSelect, "Sent"}, ""},
		{"exa INBOX", command{verbExamine, "INBOX"}, ""},
		{"ex INBOX", command{}, `ambiguous command "ex": examine, expunge`},
		{"q", command{verbLogout, ""}, ""},
		{"login", command{verbLogin, ""}, ""},
		{"l", command{}, `ambiguous command "l": login, logout`},
		{"s", command{}, `ambiguous command "s": search, select, sort, store`},
		{"sel", command{}, "sel needs a folder name"},
		{"store", command{}, "store needs arguments"},
		{"move Archive", command{verbMove, "Archive"}, ""},
		{"select", command{}, "select needs a folder name"},
		{"examine   ", command{}, "examine needs a folder name"},
		{"capability now", command{}, "capability takes no argument"},
		{"fetch 1:*", command{}, `unknown command "fetch"`},
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
		{"", []string{"capability", "close", "copy", "examine", "expunge", "login", "logout", "move", "quit", "search", "select", "sort", "store", "thread", "unselect"}},
		{"s", []string{"search", "select", "sort", "store"}},
		{"move Tr", []string{"move Trash"}},
		{"store ", nil},
		{"L", []string{"login", "logout"}},
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
		if got := completions(tt.line, folders); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("completions(%q) = %q want %q", tt.line, got, tt.want)
		}
	}
}
