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
		{"ex INBOX", command{verbExamine, "INBOX"}, ""},
		{"q", command{verbLogout, ""}, ""},
		{"login", command{verbLogin, ""}, ""},
		{"l", command{}, `ambiguous command "l": login, logout`},
		{"s", command{}, "s needs a folder name"},
		{"select", command{}, "select needs a folder name"},
		{"examine   ", command{}, "examine needs a folder name"},
		{"capability now", command{}, "capability takes no argument"},
		{"frob 1:*", command{}, `unknown command "frob"`},
		{"fetch flags", command{verbFetch, "flags"}, ""},
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
		{"", []string{"capability", "examine", "fetch", "login", "logout", "quit", "select"}},
		{"s", []string{"select"}},
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
