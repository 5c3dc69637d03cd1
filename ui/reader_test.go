package ui

import (
	"reflect"
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
