package ui

import (
	"reflect"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapText(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"a\r\nb\n\nc", 5, []string{"a", "b", "", "c"}},
		{"你好世界你好世界", 6, []string{"你好世", "界你好", "世界"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a\tb", 20, []string{"a       b"}},
		{"", 5, []string{""}},
	}
	for _, tt := range tests {
		got := wrapText(tt.text, tt.width)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrapText(%q, %d) = %q want %q", tt.text, tt.width, got, tt.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tt.width {
				t.Errorf("line %q wider than %d", l, tt.width)
			}
		}
	}
}
