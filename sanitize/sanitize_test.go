package sanitize

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean ascii", "Hello, world", "Hello, world"},
		{"clean unicode", "Grüße 中文 ✓", "Grüße 中文 ✓"},
		{"empty", "", ""},
		{"OSC 52 clipboard write BEL", "a\x1b]52;c;cm0gLXJmIH4=\x07b", "ab"},
		{"OSC 52 clipboard write ST", "a\x1b]52;c;cm0gLXJmIH4=\x1b\\b", "ab"},
		{"CSI 2J clear screen", "x\x1b[2Jy", "xy"},
		{"CSI with params and intermediates", "x\x1b[?1049hy\x1b[0 qz", "xyz"},
		{"SGR colour", "\x1b[31mred\x1b[0m", "red"},
		{"title set", "\x1b]0;pwned\x07Subject", "Subject"},
		{"title set 8-bit ST", "\x1b]2;pwned\u009cSubject", "Subject"},
		{"DCS", "a\x1bP+q544e\x1b\\b", "ab"},
		{"APC PM SOS", "a\x1b_apc\x1b\\b\x1b^pm\x07c\x1bXsos\x1b\\d", "abcd"},
		{"8-bit CSI", "a\u009b2Jb", "ab"},
		{"8-bit OSC", "a\u009d0;title\u009cb", "ab"},
		{"8-bit DCS APC PM SOS", "a\u0090x\u009cb\u009fy\u009cc\u009ez\u009cd\u0098w\u009ce", "abcde"},
		{"other C1 dropped", "a\u0085b\u008dc", "abc"},
		{"two-byte ESC", "a\x1bcb\x1b7c\x1b8d", "abcd"},
		{"nF ESC", "a\x1b(Bb\x1b#8c", "abc"},
		{"lone ESC at end", "abc\x1b", "abc"},
		{"ESC before non-ASCII", "a\x1bé", "aé"},
		{"bidi override", "evil\u202Etxt.exe", "eviltxt.exe"},
		{"all bidi controls", "a\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cb", "ab"},
		{"NUL", "a\x00b", "ab"},
		{"DEL and BS", "a\x7fb\x08c", "abc"},
		{"invalid UTF-8", "a\xffb\xe4\xb8c", "a\uFFFDb\uFFFD\uFFFDc"},
		{"raw 0x9b byte is invalid UTF-8", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"unterminated OSC at end", "Subject\x1b]52;c;AAAA", "Subject"},
		{"unterminated CSI at end", "Subject\x1b[12", "Subject"},
		{"OSC ended by CAN", "a\x1b]0;t\x18b", "ab"},
		{"OSC ended by another ESC", "a\x1b]0;t\x1b[2Jb", "ab"},
		{"CR LF TAB become one space", "a\r\n\tb", "a b"},
		{"folded header", "Re: long\r\n subject", "Re: long  subject"},
		{"lone TAB", "a\tb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean", "line 1\nline 2\n", "line 1\nline 2\n"},
		{"CRLF", "a\r\nb\r\n", "a\nb\n"},
		{"lone CR", "a\rb", "a\nb"},
		{"CR CR LF", "a\r\r\nb", "a\n\nb"},
		{"tab stops", "\tx\nab\tx\n1234567\tx\n12345678\tx", "        x\nab      x\n1234567 x\n12345678        x"},
		{"tab after wide chars", "中文\tx", "中文    x"},
		{"two tabs", "a\tb\tc", "a       b       c"},
		{"tab after removed escape", "\x1b[31mab\x1b[0m\tx", "ab      x"},
		{"OSC 52 in body", "hi\n\x1b]52;c;cm0gLXJmIH4=\x07there", "hi\nthere"},
		{"CSI 2J in body", "\x1b[2J\x1b[Hfake prompt $", "fake prompt $"},
		{"bidi", "evil\u202Etxt.exe\n", "eviltxt.exe\n"},
		{"NUL and invalid UTF-8", "a\x00\xff\n", "a\uFFFD\n"},
		{"unterminated OSC swallows the rest", "visible\n\x1b]0;hidden\nstill hidden", "visible\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanInputIsNotCopied(t *testing.T) {
	line := "An ordinary subject line, nothing to see here"
	text := strings.Repeat("An ordinary body line with ümlauts.\n", 50)
	if n := testing.AllocsPerRun(100, func() { _ = Line(line) }); n != 0 {
		t.Errorf("Line allocated %v times on clean input", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Text(text) }); n != 0 {
		t.Errorf("Text allocated %v times on clean input", n)
	}
}

func BenchmarkLineClean(b *testing.B) {
	s := "Re: [tern] Quarterly report for the infrastructure team (draft 3)"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Line(s)
	}
}

func BenchmarkTextDirty(b *testing.B) {
	s := strings.Repeat("some text\r\n\twith a tab and \x1b[1mbold\x1b[0m\r\n", 200)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Text(s)
	}
}
