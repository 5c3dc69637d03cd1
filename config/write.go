package config

import (
	"net/mail"
	"strings"
)

// validateWriting checks the addresses of writing mail: from and every
// alias must be one address each, so a typo shows at start with its
// line, not as a refused send.
func (ld *loader) validateWriting(a *Account, i int) {
	at := func(key string) []string { return []string{"account", index(i), key} }
	if a.From != "" {
		if _, err := mail.ParseAddress(a.From); err != nil {
			ld.errorf(at("from"), "from = %q: not an address (%v); write \"Name <you@example.org>\" or just the address", a.From, err)
		}
	}
	for _, s := range a.Aliases {
		if _, err := mail.ParseAddress(s); err != nil {
			ld.errorf(at("aliases"), "aliases: %q is not an address (%v)", s, err)
		}
	}
}

// FromAddress is the account's From: from, else the user name when it is
// an address, else "" (tern then asks the user to set from).
func (a Account) FromAddress() string {
	if a.From != "" {
		return a.From
	}
	if _, err := mail.ParseAddress(a.Username); err == nil && strings.Contains(a.Username, "@") {
		return a.Username
	}
	return ""
}
