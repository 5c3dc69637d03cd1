package ui

import (
	"reflect"
	"testing"

	"tern/ui/reader"
)

// TestReaderFieldsUnexported: the root cannot write the reader's state,
// only ask through its methods and hand it messages.
func TestReaderFieldsUnexported(t *testing.T) {
	typ := reflect.TypeOf(reader.Model{})
	for i := 0; i < typ.NumField(); i++ {
		if f := typ.Field(i); f.IsExported() {
			t.Errorf("reader.Model.%s is exported", f.Name)
		}
	}
}
