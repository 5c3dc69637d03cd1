package mailtext

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tern/sanitize"
)

// DecodePart decodes a text part's body (as fetched, still transfer-encoded) to UTF-8
// with Decode and, for text/plain; format=flowed, joins its soft-broken lines with
// Unflow so the result rewraps to any width (use WrapQuoted to keep quote marks on
// wrapped lines).
//
// It does not convert HTML: that is a separate step, HTMLToText, because the viewer
// switches between the HTML's text and the raw HTML, and the conversion needs the
// width. Like Decode, it never fails, says what it repaired in notes, and does not
// sanitize.
func DecodePart(body []byte, p Part) (text string, notes []string) {
	text, notes = Decode(body, p.Encoding, p.Params["charset"])
	if p.Type == "text" && p.Subtype == "plain" && strings.EqualFold(strings.TrimSpace(p.Params["format"]), "flowed") {
		text = Unflow(text, strings.EqualFold(strings.TrimSpace(p.Params["delsp"]), "yes"))
	}
	return text, notes
}

// WrapQuoted is Wrap that keeps quoting: a line that starts with quote marks (">",
// "> >", ">>") is wrapped to the width left after them, and every piece gets the same
// marks, so a rewrapped quote stays a quote.
func WrapQuoted(text string, width int) []string {
	if text == "" {
		return nil
	}
	var out []string
	for line := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		prefix, rest := quotePrefix(line)
		pw := ansi.StringWidth(prefix)
		if prefix == "" || width < 1 || width-pw < 10 { // too deep to keep the marks readable
			out = wrapLine(out, line, width)
			continue
		}
		for _, l := range wrapLine(nil, rest, width-pw) {
			out = append(out, strings.TrimRight(prefix+l, " "))
		}
	}
	return out
}

// RenderRaw renders a raw message as the viewer shows it, for tests, fuzzing and
// tools: a few header fields, one line each; notes on what was repaired, in brackets;
// the text part (its HTML alternative when preferHTML, converted with HTMLToText)
// decoded, sanitized and wrapped to width; then the attachments. Every line is safe
// to print on a terminal.
func RenderRaw(raw []byte, width int, preferHTML bool) []string {
	pr := parseRaw(raw)
	var lines []string
	for _, k := range []string{"From", "To", "Cc", "Date", "Subject"} {
		if v := pr.header.Get(k); v != "" {
			line := k + ": " + sanitize.Line(DecodeHeader(v))
			if width > 0 {
				line = ansi.Truncate(line, width, "…")
			}
			lines = append(lines, line)
		}
	}
	var notes []string
	for _, e := range pr.problems {
		notes = append(notes, e.Error())
	}
	choose := ChooseText
	if preferHTML {
		choose = ChooseHTML
	}
	var body []string
	if part, ok := choose(pr.root); ok {
		text, more := DecodePart(pr.bodies[sectionKey(part.Path)], part)
		notes = append(notes, more...)
		if part.Subtype == "html" {
			text, _ = HTMLToText(text, width)
		}
		body = WrapQuoted(sanitize.Text(text), width)
	} else {
		notes = append(notes, "no text to show")
	}
	lines = append(lines, "")
	for _, n := range notes {
		lines = append(lines, WrapQuoted(sanitize.Line("["+n+"]"), width)...)
	}
	if len(notes) > 0 {
		lines = append(lines, "")
	}
	lines = append(lines, body...)
	for _, a := range Attachments(pr.root) {
		desc := fmt.Sprintf("[attachment %s: %s/%s", a.Section(), a.Type, a.Subtype)
		if name := a.Filename(); name != "" {
			desc += " " + name
		}
		desc += "]"
		lines = append(lines, WrapQuoted(sanitize.Line(desc), width)...)
	}
	return lines
}
