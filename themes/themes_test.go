package themes

import (
	"reflect"
	"strconv"
	"testing"
)

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"ansi", "dark", "high-contrast", "light"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
}

func TestGet(t *testing.T) {
	tests := []struct {
		name    string
		wantErr bool
	}{
		{"dark", false},
		{"light", false},
		{"high-contrast", false},
		{"ansi", false},
		{" Dark ", false},
		{"solarized", true},
		{"", true},
	}
	for _, tt := range tests {
		s, err := Get(tt.name)
		if (err != nil) != tt.wantErr {
			t.Errorf("Get(%q) error = %v, wantErr %v", tt.name, err, tt.wantErr)
			continue
		}
		if err == nil && s.Name == "" {
			t.Errorf("Get(%q) returned styles without a name", tt.name)
		}
	}
}

func TestPalettesComplete(t *testing.T) {
	for name, p := range palettes() {
		v := reflect.ValueOf(p)
		for i := 0; i < v.NumField(); i++ {
			// Only ansi leaves colours to the terminal's default.
			if v.Field(i).String() == "" && name != "ansi" {
				t.Errorf("palette %s: %s is empty", name, v.Type().Field(i).Name)
			}
		}
	}
}

func TestThemesDiffer(t *testing.T) {
	d, _ := Get("dark")
	l, _ := Get("light")
	if d.List.Selected.GetBackground() == l.List.Selected.GetBackground() {
		t.Error("dark and light share the selection background")
	}
}

// TestAnsiUsesTerminalColoursOnly: the ansi theme names only the 16
// colours a terminal scheme defines (or the default), so it follows any
// scheme.
func TestAnsiUsesTerminalColoursOnly(t *testing.T) {
	v := reflect.ValueOf(palettes()["ansi"])
	for i := 1; i < v.NumField(); i++ { // field 0 is the name
		c := v.Field(i).String()
		if n, err := strconv.Atoi(c); c != "" && (err != nil || n < 0 || n > 15) {
			t.Errorf("ansi %s = %q, want 0-15 or the default", v.Type().Field(i).Name, c)
		}
	}
}
