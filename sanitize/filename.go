package sanitize

import (
	"strings"
	"unicode"
)

// maxFilename is the longest name Filename returns, in bytes (most file
// systems allow 255).
const maxFilename = 200

// Filename makes a sender's attachment name safe to save under: only the
// last path component ("../../x.pdf" is "x.pdf", as a browser saves it),
// Line's cleaning, no path separators left, no leading dots (so
// no "..", no hidden files), no other control or format characters, at most
// 200 bytes (cut at a rune boundary, keeping the extension when short).
// An empty result is "attachment".
func Filename(name string) string {
	name = Line(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == 0:
			return '_'
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(name), "."))
	if len(name) > maxFilename {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i >= 0 && len(name)-i <= 16 {
			ext = name[i:]
		}
		cut := maxFilename - len(ext)
		for cut > 0 && !isRuneStart(name[cut]) {
			cut--
		}
		name = name[:cut] + ext
	}
	if name == "" {
		return "attachment"
	}
	return name
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
