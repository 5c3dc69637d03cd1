package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapText breaks a message body into screen lines of at most width cells.
// Words wrap at spaces and hyphens; longer words are cut; wide (CJK)
// characters count two cells. Tabs become spaces to the next multiple of 8.
// (A local stand-in: package tern/mailtext did not exist when this was
// written; swap in mailtext.Wrap once it does.)
func wrapText(text string, width int) []string {
	width = max(1, width)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = expandTabs(strings.TrimRight(line, "\r"))
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(line, width, "-"), "\n")...)
	}
	return out
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, seg := range strings.SplitAfter(s, "\t") {
		tab := strings.HasSuffix(seg, "\t")
		seg = strings.TrimSuffix(seg, "\t")
		b.WriteString(seg)
		col += ansi.StringWidth(seg)
		if tab {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		}
	}
	return b.String()
}
