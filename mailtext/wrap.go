package mailtext

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// Wrap breaks text into lines at most width terminal cells wide. It expects sanitized
// text (package sanitize): '\n' ends a line and tabs are already expanded.
//
// Lines break where Unicode line breaking (UAX #14) allows: after spaces, between CJK
// characters, but not before closing punctuation such as "。". A word wider than a whole
// line is broken between characters. Widths are measured as lipgloss measures them
// (ansi.StringWidth), so wide CJK characters count as two cells. Spaces at a break are
// dropped; indentation at the start of a line and empty lines are kept. A final '\n'
// ends the last line rather than starting an empty one. A width below 1 means no limit.
func Wrap(text string, width int) []string {
	if text == "" {
		return nil
	}
	var out []string
	for line := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		out = wrapLine(out, line, width)
	}
	return out
}

// wrapLine appends the wrapped lines of one line to out. The line being built is
// line[start:pos], w cells wide including trailing spaces.
func wrapLine(out []string, line string, width int) []string {
	if width < 1 || ansi.StringWidth(line) <= width {
		return append(out, line)
	}
	start, pos, w := 0, 0, 0
	state := -1
	for rest := line; rest != ""; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		body := strings.TrimRight(seg, " ")
		bw := ansi.StringWidth(body)
		if w+bw > width && pos > start {
			out = append(out, strings.TrimRight(line[start:pos], " "))
			start, w = pos, 0
		}
		if bw > width { // too wide for any line: break between grapheme clusters
			for b := body; b != ""; {
				g, gw := ansi.FirstGraphemeCluster(b, ansi.GraphemeWidth)
				if w+gw > width && pos > start {
					out = append(out, line[start:pos])
					start, w = pos, 0
				}
				pos, w, b = pos+len(g), w+gw, b[len(g):]
			}
		} else {
			pos, w = pos+len(body), w+bw
		}
		pos, w = pos+len(seg)-len(body), w+len(seg)-len(body) // trailing spaces, one cell each
	}
	return append(out, strings.TrimRight(line[start:], " "))
}
