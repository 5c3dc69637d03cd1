package config

import (
	"strings"
	"testing"
)

func TestWritingKeys(t *testing.T) {
	tests := []struct {
		name, body, err string
		check           func(Account) bool
	}{
		{"from, aliases and address book", `from = "Me <me@example.org>"
aliases = ["alias@example.org", "Work <w@example.org>"]
address_book_cmd = "abook --mutt-query"`, "", func(a Account) bool {
			return a.From == "Me <me@example.org>" && len(a.Aliases) == 2 && a.Aliases[1] == "Work <w@example.org>" &&
				a.AddressBookCmd == "abook --mutt-query" && a.FromAddress() == a.From
		}},
		{"from defaults to an address user name", ``, "", func(a Account) bool { return a.FromAddress() == "me@example.org" }},
		{"bad from", `from = "not an address"`, `config.toml:5: from = "not an address": not an address`, nil},
		{"bad alias", `aliases = ["ok@x.org", "bad"]`, `aliases: "bad" is not an address`, nil},
		{"aliases not a list", `aliases = "a@x.org"`, "must be a list of strings", nil},
		{"aliases with a number", `aliases = [1]`, "must be a list of strings", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"me@example.org\"\n" + tt.body + "\n"
			c, _, err := Load(writeConfig(t, src, 0o600))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c.Accounts[0]) {
				t.Errorf("account %+v", c.Accounts[0])
			}
		})
	}
}
