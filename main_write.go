package main

import (
	"tern/config"
	"tern/drafts"
	"tern/ui"
)

// writeSettings are the account's settings for writing mail: From (the
// user name when it is an address), the aliases and where local drafts
// live. Sender and Appender are wired where the SMTP side is built.
func writeSettings(a config.Account, getenv func(string) string) ui.WriteOptions {
	w := ui.WriteOptions{From: a.FromAddress(), Aliases: a.Aliases, AddressBook: a.AddressBookCmd}
	// No drafts directory (no HOME): writing stays off, since a draft
	// must be on disk before anything is sent.
	w.DraftsDir, _ = drafts.Dir(getenv)
	return w
}
