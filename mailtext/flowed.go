package mailtext

import "strings"

// Unflow undoes format=flowed (RFC 3676): a line ending in a space is soft-broken and
// joins the next line when both have the same quote depth, so paragraphs can be
// rewrapped to the terminal's width. delsp=yes (delsp) means the trailing space was
// added for the break and is removed when joining. One leading space after the quote
// marks ("space-stuffing") is removed. The signature separator "-- " and a soft-broken
// line followed by a different quote depth (which RFC 3676 calls improper) end a
// paragraph.
//
// Quoted lines come out as their depth in '>' followed by one space ("> text",
// ">> text"; a bare ">" when empty). Lines end in '\n'; CRLF input is accepted.
func Unflow(text string, delsp bool) string {
	if text == "" {
		return ""
	}
	var (
		b       strings.Builder
		para    strings.Builder // the paragraph being joined
		inPara  bool
		paraLvl int
	)
	flush := func() {
		if inPara {
			writeQuoted(&b, paraLvl, para.String())
			para.Reset()
			inPara = false
		}
	}
	text = strings.TrimSuffix(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for line := range strings.SplitSeq(text, "\n") {
		depth := 0
		for depth < len(line) && line[depth] == '>' {
			depth++
		}
		content := strings.TrimPrefix(line[depth:], " ") // space-stuffing
		if inPara && (depth != paraLvl || content == "-- ") {
			flush()
		}
		soft := strings.HasSuffix(content, " ") && content != "-- "
		if soft && delsp {
			content = content[:len(content)-1]
		}
		para.WriteString(content)
		inPara, paraLvl = true, depth
		if !soft {
			flush()
		}
	}
	flush()
	return b.String()
}

// writeQuoted writes one line of text at quote depth depth.
func writeQuoted(b *strings.Builder, depth int, text string) {
	if depth > 0 {
		b.WriteString(strings.Repeat(">", depth))
		if text != "" {
			b.WriteByte(' ')
		}
	}
	b.WriteString(text)
	b.WriteByte('\n')
}

// QuoteDepth returns how deeply a line is quoted: the number of '>' at its start,
// counting spaces between them as quoting styles differ ("> > x", ">> x" and ">>x" are
// all 2). A line that starts with anything else, even a space, is not quoted.
func QuoteDepth(line string) int {
	depth := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '>':
			depth++
		case ' ':
			if depth == 0 {
				return 0
			}
		default:
			return depth
		}
	}
	return depth
}

// quotePrefix splits a line into its quote marks (with the spaces among and after
// them) and the rest.
func quotePrefix(line string) (prefix, rest string) {
	if QuoteDepth(line) == 0 {
		return "", line
	}
	i := 0
	for i < len(line) && (line[i] == '>' || line[i] == ' ') {
		i++
	}
	return line[:i], line[i:]
}
