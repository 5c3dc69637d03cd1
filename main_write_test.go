package main

import (
	"path/filepath"
	"testing"

	"tern/config"
)

func TestWriteSettings(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/state"}
	w := writeSettings(config.Account{Username: "me@example.org", Aliases: []string{"a@example.org"}}, func(k string) string { return env[k] })
	if w.From != "me@example.org" || len(w.Aliases) != 1 || w.DraftsDir != filepath.Join("/state", "tern", "drafts") {
		t.Errorf("writeSettings = %+v", w)
	}
	w = writeSettings(config.Account{Username: "me", From: "Me <me@x.org>"}, func(string) string { return "" })
	if w.From != "Me <me@x.org>" || w.DraftsDir != "" {
		t.Errorf("without HOME: %+v", w)
	}
}
