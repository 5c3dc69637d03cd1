// Package sanitize makes strings from a mail server safe to print on a terminal.
//
// Everything a server sends is untrusted: an escape sequence in a subject can set the
// window title, write the clipboard (OSC 52), clear the screen or draw over other text,
// and bidirectional formatting characters make "evil\u202Etxt.exe" look like
// "evilexe.txt". Every such string goes through Line or Text before it is shown.
//
// What is removed: escape sequences with their whole payload (CSI, OSC, DCS, SOS, PM,
// APC, nF and two-byte ESC sequences, and the 8-bit C1 forms of the introducers), all
// other C0 and C1 control characters, DEL, and the bidi controls U+061C, U+200E, U+200F,
// U+202A–U+202E and U+2066–U+2069. Invalid UTF-8 becomes U+FFFD, one per bad byte.
//
// Removed characters are dropped, not shown as "^[": a visible marker helps nobody read
// the mail, and broken but harmless software puts stray controls in subjects often
// enough that markers would be noise. What is left is the text the sender meant.
//
// A string sequence (OSC, DCS, ...) ends at BEL, ST (ESC \ or U+009C), CAN, SUB or
// another ESC; one left unterminated runs to the end of the input, as it would on a
// terminal.
//
// Both functions are idempotent, and return their input unchanged without allocating
// when it needs nothing done.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// tabWidth is the distance between tab stops in Text.
const tabWidth = 8

// Line sanitizes a one-line field: a subject, a name, a folder or file name.
// Each run of CR, LF and TAB becomes a single space.
func Line(s string) string {
	i := safePrefix(s, false)
	if i == len(s) {
		return s
	}
	return clean(s, i, false)
}

// Text sanitizes a multi-line body. It keeps '\n', turns "\r\n" and a lone '\r' into
// '\n', and expands tabs to spaces with stops every 8 cells (wide characters count as
// two cells).
func Text(s string) string {
	i := safePrefix(s, true)
	if i == len(s) {
		return s
	}
	return clean(s, i, true)
}

// safePrefix returns the length of the longest prefix of s that needs nothing done.
func safePrefix(s string, text bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' && text {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || isC1(r) || isBidi(r) {
			return i
		}
		i += n
	}
	return len(s)
}

// clean builds the sanitized string; s[:i] is already known to be safe.
func clean(s string, i int, text bool) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	var (
		col     int // Text: cell column at tabFrom
		tabFrom int // Text: output offset from which col has not been counted yet
	)
	for i < len(s) {
		c := s[i]
		switch {
		case c == 0x1b:
			i = skipEscape(s, i+1)
		case c == '\r' || c == '\n' || c == '\t':
			i++
			switch {
			case !text:
				b.WriteByte(' ')
				for i < len(s) && (s[i] == '\r' || s[i] == '\n' || s[i] == '\t') {
					i++
				}
			case c == '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				b.WriteByte('\n')
			case c == '\t':
				col, tabFrom = expandTab(&b, col, tabFrom)
			}
		case c < utf8.RuneSelf: // other C0 controls and DEL
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			switch {
			case r == utf8.RuneError && n == 1:
				b.WriteString("\uFFFD")
			case r == 0x9b: // CSI
				i = skipCSI(s, i)
			case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS SOS OSC PM APC
				i = skipString(s, i)
			}
			// Other C1 controls and bidi controls are dropped.
		}
		j := i + safePrefix(s[i:], text)
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// expandTab writes the spaces up to the next tab stop. Only the output written since the
// last tab or newline is measured, so a long line with many tabs stays linear.
func expandTab(b *strings.Builder, col, from int) (int, int) {
	seg := b.String()[from:]
	if k := strings.LastIndexByte(seg, '\n'); k >= 0 {
		col, seg = 0, seg[k+1:]
	}
	col += ansi.StringWidth(seg)
	n := tabWidth - col%tabWidth
	b.WriteString("        "[:n])
	return col + n, b.Len()
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

func isBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}
