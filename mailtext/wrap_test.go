package mailtext

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tern/sanitize"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"fits", "hello world", 20, []string{"hello world"}},
		{"at spaces", "the quick brown fox jumps", 10, []string{"the quick", "brown fox", "jumps"}},
		{"exact width", "abcde fghij", 5, []string{"abcde", "fghij"}},
		{"long word", "see abcdefghijklmnop ok", 6, []string{"see", "abcdef", "ghijkl", "mnop", "ok"}},
		{"CJK double width", "中文中文中文", 5, []string{"中文", "中文", "中文"}},
		{"CJK after latin fills the line", "ab 中文中文", 7, []string{"ab 中文", "中文"}},
		{"no line starts with CJK full stop", "中文中文。好", 8, []string{"中文中", "文。好"}},
		{"wide char wider than width", "中x", 1, []string{"中", "x"}},
		{"empty lines kept", "a\n\nb\n", 10, []string{"a", "", "b"}},
		{"only newline", "\n", 10, []string{""}},
		{"empty text", "", 10, nil},
		{"indent kept", "    indented text here", 12, []string{"    indented", "text here"}},
		{"many spaces at break", "aaa      bbb", 5, []string{"aaa", "bbb"}},
		{"no width", "a b c", 0, []string{"a b c"}},
		{"combining marks stay together", "e\u0301e\u0301e\u0301e\u0301", 2, []string{"e\u0301e\u0301", "e\u0301e\u0301"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.text, tt.width)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("the quick brown fox 中文中文", 7)
	f.Add("a\n\nb  c", 1)
	f.Fuzz(func(t *testing.T, text string, width int) {
		text = sanitize.Text(text) // Wrap's input is always sanitized
		width = width%100 + 1
		if width < 1 {
			width = -width + 1
		}
		lines := Wrap(text, width)
		for _, l := range lines {
			// A single grapheme wider than the limit may stand alone on its line.
			if w := ansi.StringWidth(l); w > width && ansi.StringWidth(firstGrapheme(l)) != w {
				t.Fatalf("line %q is %d cells, limit %d", l, w, width)
			}
		}
		// Only spaces may be lost.
		strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
		if strip(strings.Join(lines, "")) != strip(text) {
			t.Fatalf("Wrap lost text: %q -> %q", text, lines)
		}
	})
}

func firstGrapheme(s string) string {
	g, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	return g
}

func BenchmarkWrap(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog, 敏捷的棕色狐狸跳过了懒狗。 ", 2000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = Wrap(text, 80)
	}
}
