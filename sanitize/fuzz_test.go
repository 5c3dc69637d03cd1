package sanitize

import (
	"testing"
	"unicode/utf8"
)

func fuzzSeeds() []string {
	return []string{
		"",
		"plain",
		"a\x1b]52;c;AAAA\x07b",
		"\x1b[2J\x1b[H",
		"\x1b]0;title\x1b\\",
		"\x1bP+q\x1b\\",
		"\u009b2J\u009d0;t\u009c",
		"evil\u202Etxt.exe",
		"a\x00b\x7f\xff",
		"\x1b]52;c;unterminated",
		"\r\n\t\r",
		"中文\t\xe4\xb8",
		"\x1b\x1b[\x1b]",
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Line(in)
		checkSafe(t, in, out, false)
		if again := Line(out); again != out {
			t.Errorf("Line not idempotent on %q: %q then %q", in, out, again)
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Text(in)
		checkSafe(t, in, out, true)
		if again := Text(out); again != out {
			t.Errorf("Text not idempotent on %q: %q then %q", in, out, again)
		}
	})
}

func checkSafe(t *testing.T, in, out string, text bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output of %q is not valid UTF-8: %q", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && !(text && c == '\n') || c == 0x7f {
			t.Fatalf("output of %q has control byte %#x: %q", in, c, out)
		}
	}
	for _, r := range out {
		if isC1(r) || isBidi(r) {
			t.Fatalf("output of %q has control rune %U: %q", in, r, out)
		}
	}
}
