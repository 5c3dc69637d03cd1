package ui

import (
	"reflect"
	"strings"
	"testing"

	"tern/ui/console"
	"tern/ui/reader"
)

// TestPaneFieldsUnexported: the root cannot write the reader's or the
// console's state, only ask through their methods and hand them messages.
func TestPaneFieldsUnexported(t *testing.T) {
	for _, pane := range []any{reader.Model{}, console.Model{}} {
		typ := reflect.TypeOf(pane)
		for i := 0; i < typ.NumField(); i++ {
			if f := typ.Field(i); f.IsExported() {
				t.Errorf("%s.%s is exported", typ, f.Name)
			}
		}
	}
}

// TestReaderIntentsThroughRoot: the reader's intents reach the backend
// through the root, the answers come back to the reader, and the keys keep
// their order: the parts list takes every key (d deletes nothing behind
// it), and Back steps out one level at a time.
func TestReaderIntentsThroughRoot(t *testing.T) {
	f := quiet(3) // UIDs 2, 4, 6; the cursor starts on UID 6
	m := start(t, f, testOptions())
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("h")...).(Model)
	if got := lastCall(f, "HEADER"); got != "HEADER 6" {
		t.Fatalf("h sent %q (calls %v)", got, f.callLog())
	}
	if s := screen(m); !strings.Contains(s, "Full header: UID 6") || !strings.Contains(s, "X-Fake: yes") {
		t.Fatalf("header answer not shown:\n%s", s)
	}
	m = drive(t, m, keys("esc", "v", "d")...).(Model)
	if s := screen(m); !strings.Contains(s, "Parts: UID 6") {
		t.Fatalf("d in the parts list left it:\n%s", s)
	}
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "STORE") || strings.HasPrefix(c, "MOVE") || strings.HasPrefix(c, "COPY") {
			t.Fatalf("d in the parts list sent %q", c)
		}
	}
	m = drive(t, m, keys("esc")...).(Model)
	if !m.reader.Shown() || m.reader.ShowsParts() {
		t.Fatal("esc from the parts list must show the message")
	}
	m = drive(t, m, keys("esc")...).(Model)
	if m.reader.Shown() {
		t.Fatal("esc on the message must close the viewer")
	}
}
