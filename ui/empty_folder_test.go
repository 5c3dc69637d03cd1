package ui

import (
	"strings"
	"testing"
)

// TestEmptyFolderKeys: no action key or command panics in an empty
// folder, and none sends anything (pressing d there once crashed tern).
func TestEmptyFolderKeys(t *testing.T) {
	f := quiet(0)
	m := start(t, f, testOptions())
	for _, k := range []string{"d", "m", "C", "U", "F", "J", "u", "$", "t", "A", "v", "/", "o", "O", "T", "enter"} {
		m = drive(t, m, keys(k, "esc")...).(Model)
	}
	for _, line := range []string{`:store +flags \Seen`, ":fetch flags", ":move Trash", ":copy Trash"} {
		m = drive(t, m, typed(line)...).(Model)
		m = drive(t, m, keys("enter")...).(Model)
	}
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "STORE") || strings.HasPrefix(c, "MOVE") || strings.HasPrefix(c, "COPY") || strings.HasPrefix(c, "ITEMS") {
			t.Fatalf("sent %q for an empty folder", c)
		}
	}
}
