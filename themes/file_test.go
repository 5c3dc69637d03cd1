package themes

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestParseThemeFile(t *testing.T) {
	src := `# my theme
base = "light"

[list.unread]
fg = "#ff0000"
bold = false
underline = true

[status]
bar = { bg = 17, fg = "bright_white" }

[border.focused]
fg = "green"
`
	s, err := Parse("mine", "mine.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "mine" {
		t.Errorf("Name = %q", s.Name)
	}
	u := s.List.Unseen
	if u.GetForeground() != lipgloss.Color("#ff0000") || u.GetBold() || !u.GetUnderline() {
		t.Errorf("list.unread = fg %v bold %v underline %v", u.GetForeground(), u.GetBold(), u.GetUnderline())
	}
	if b := s.Status.Normal; b.GetBackground() != lipgloss.Color("17") || b.GetForeground() != lipgloss.Color("15") {
		t.Errorf("status.bar = fg %v bg %v", b.GetForeground(), b.GetBackground())
	}
	if f := s.Border.Focused; f.GetBorderTopForeground() != lipgloss.Color("2") {
		t.Errorf("border.focused border colour = %v", f.GetBorderTopForeground())
	}
	// What the file leaves alone comes from its base.
	light, _ := Get("light")
	if s.List.Selected.GetBackground() != light.List.Selected.GetBackground() {
		t.Errorf("list.selected bg = %v, want light's %v", s.List.Selected.GetBackground(), light.List.Selected.GetBackground())
	}
}

func TestParseThemeFileWithoutBaseStartsFromDark(t *testing.T) {
	s, err := Parse("x", "x.toml", []byte("[spinner]\nbold = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	dark, _ := Get("dark")
	if s.List.Selected.GetBackground() != dark.List.Selected.GetBackground() || !s.Spinner.GetBold() {
		t.Errorf("theme without base: selected bg %v, spinner bold %v", s.List.Selected.GetBackground(), s.Spinner.GetBold())
	}
}

// TestThemeFileErrors: every error names the file, the line and the key.
func TestThemeFileErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // each a whole error line
	}{
		{"unknown element", "base = \"dark\"\n\n[list.unred]\nfg = \"1\"\n",
			[]string{`t.toml:3: unknown element "list.unred" (did you mean "list.unread"?)`}},
		{"unknown group", "[lst.unread]\nfg = \"1\"\n",
			[]string{`t.toml:1: unknown element "lst.unread" (did you mean "list.unread"?)`}},
		{"unknown style key", "[list.flagged]\nforeground = \"1\"\nbld = true\n",
			[]string{`t.toml:2: unknown key "foreground" in [list.flagged] (keys: fg, bg, bold, italic, underline, reverse, faint, strikethrough)`,
				`t.toml:3: unknown key "bld" in [list.flagged] (did you mean "bold"?)`}},
		{"colour out of range", "[status.bar]\n\nbg = 256\n",
			[]string{`t.toml:3: bg = 256 in [status.bar]: out of range: must be an ANSI number 0-255, "#rrggbb", a colour name such as "red" or "bright_blue", or "default"`}},
		{"bad colour name", "[viewer.quote]\nfg = \"#12345\"\n",
			[]string{`t.toml:2: fg = "#12345" in [viewer.quote]: must be an ANSI number 0-255, "#rrggbb", a colour name such as "red" or "bright_blue", or "default"`}},
		{"attribute not bool", "[help.title]\nbold = \"yes\"\n",
			[]string{`t.toml:2: bold = "yes" in [help.title]: must be true or false`}},
		{"unknown base", "\nbase = \"solarized\"\n",
			[]string{`t.toml:2: base = "solarized": must be a built-in theme (ansi, dark, high-contrast, light)`}},
		{"element not a table", "spinner = \"red\"\n",
			[]string{`t.toml:1: spinner: must be a table, written [spinner]`}},
		{"top-level typo", "bsae = \"dark\"\n",
			[]string{`t.toml:1: unknown key "bsae" (did you mean "base"?)`}},
		{"syntax", "[list.unread]\nfg = \n",
			[]string{`t.toml:2: syntax error: `}},
		{"all at once, in line order", "[list.flagged]\nfg = 999\n[list.unred]\n",
			[]string{`t.toml:2: fg = 999 in [list.flagged]: out of range`, `t.toml:3: unknown element "list.unred"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t", "t.toml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tt.want))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("error %d = %q, want it to start %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[any]lipgloss.TerminalColor{
		int64(0): lipgloss.Color("0"), int64(255): lipgloss.Color("255"), "42": lipgloss.Color("42"),
		"#A0b0C0": lipgloss.Color("#a0b0c0"), "red": lipgloss.Color("1"), "Bright_Red": lipgloss.Color("9"),
		"bright-white": lipgloss.Color("15"), "grey": lipgloss.Color("8"), "default": lipgloss.NoColor{},
	} {
		got, err := parseColor(in)
		if err != nil || got != want {
			t.Errorf("parseColor(%v) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []any{int64(-1), int64(256), "256", "#fff", "purple", true, 1.5} {
		if _, err := parseColor(in); err == nil {
			t.Errorf("parseColor(%v) accepted", in)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.toml"), []byte("base = \"ansi\"\n[list.flagged]\nfg = 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load("mine", dir)
	if err != nil || s.List.Flagged.GetForeground() != lipgloss.Color("5") {
		t.Fatalf("Load(mine) = flagged fg %v, %v", s.List.Flagged.GetForeground(), err)
	}
	if s, err := Load("high-contrast", dir); err != nil || s.Name != "high-contrast" {
		t.Fatalf("Load(high-contrast) = %q, %v", s.Name, err)
	}
	if _, err := Load("absent", dir); err == nil || !strings.Contains(err.Error(), "absent.toml") {
		t.Fatalf("Load(absent) error = %v", err)
	}
}

// TestElementsCoverStyles: the element table names every style in Styles
// exactly once, so a theme file can reach all of them.
func TestElementsCoverStyles(t *testing.T) {
	var s Styles
	want := map[*lipgloss.Style]string{}
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		if v.Type() == reflect.TypeFor[lipgloss.Style]() {
			want[v.Addr().Interface().(*lipgloss.Style)] = name
			return
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				walk(v.Field(i), name+"."+v.Type().Field(i).Name)
			}
		}
	}
	walk(reflect.ValueOf(&s).Elem(), "Styles")
	seen := map[string]bool{}
	for _, e := range Elements() {
		if seen[e.Name] {
			t.Errorf("element %s listed twice", e.Name)
		}
		seen[e.Name] = true
		p := e.style(&s)
		if _, ok := want[p]; !ok {
			t.Errorf("element %s points at no field, or at one already taken", e.Name)
		}
		delete(want, p)
	}
	for _, name := range want {
		t.Errorf("%s has no element", name)
	}
}

func TestNoColorKeepsAttributesOnly(t *testing.T) {
	for _, name := range Names() {
		s, _ := Get(name)
		nc := NoColor(s)
		for _, e := range Elements() {
			st, orig := e.Style(&nc), e.Style(&s)
			for what, c := range map[string]lipgloss.TerminalColor{
				"fg": st.GetForeground(), "bg": st.GetBackground(), "border fg": st.GetBorderTopForeground(),
			} {
				if _, ok := c.(lipgloss.NoColor); !ok {
					t.Errorf("%s %s: %s = %v under NO_COLOR", name, e.Name, what, c)
				}
			}
			if st.GetBold() != orig.GetBold() || st.GetItalic() != orig.GetItalic() || st.GetStrikethrough() != orig.GetStrikethrough() {
				t.Errorf("%s %s: attributes changed", name, e.Name)
			}
		}
		// The cursor row and the status bar stay visible without colour.
		if !nc.List.Selected.GetReverse() || !nc.Status.Normal.GetReverse() {
			t.Errorf("%s: selected row or status bar not reversed under NO_COLOR", name)
		}
	}
}
