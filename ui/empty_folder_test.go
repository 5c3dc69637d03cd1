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

// TestHelpMarksRefusedWrites: in a folder opened read-only the help marks
// the write keys; opened read-write again, it does not.
func TestHelpMarksRefusedWrites(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	m = drive(t, m, typed(":examine INBOX")...).(Model)
	m = drive(t, m, keys("enter", "?")...).(Model)
	if s := screen(m); !strings.Contains(s, "delete (not here)") || !strings.Contains(s, "flag (not here)") {
		t.Fatalf("read-only help does not mark the write keys:\n%s", s)
	}
	m = drive(t, m, keys("?")...).(Model)
	m = drive(t, m, typed(":select INBOX")...).(Model)
	m = drive(t, m, keys("enter", "?")...).(Model)
	if s := screen(m); strings.Contains(s, "(not here)") || !strings.Contains(s, "delete") {
		t.Fatalf("read-write help still marks keys:\n%s", s)
	}
}
