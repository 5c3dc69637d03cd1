package mailtext

import (
	"fmt"
	"strings"

	"github.com/jaytaylor/html2text"
	"golang.org/x/net/html"
)

// HTMLToText converts an HTML body to plain text for reading: paragraphs and line
// breaks, list items as "* ", headings underlined, blockquotes prefixed with ">", data
// tables drawn with ASCII borders when they fit in width cells (layout tables, the kind
// newsletters and Outlook nest for positioning, become plain blocks of text). Each link
// is numbered in the text, "text [1]", and its URL is listed in links, in order; the
// same URL keeps one number. A link whose text is its own URL is not numbered.
//
// The returned text ends with the list ("[1] https://..."). Its lines are not wrapped to
// width: width only sizes tables. Nothing is fetched (images are not loaded) and nothing
// runs: scripts, styles, templates and elements hidden with display:none are dropped.
// Malformed HTML is repaired as browsers repair it. Like everything in this package the
// result is NOT sanitized: links and text may hold escape sequences.
func HTMLToText(src string, width int) (text string, links []string) {
	// Without scripting, <noscript> content is markup to show, as in a client that
	// runs no scripts, instead of raw text.
	doc, err := html.ParseWithOptions(strings.NewReader(src), html.ParseOptionEnableScripting(false))
	if err != nil { // x/net/html refuses elements nested more than 512 deep
		return tidyText(tokenText(src)), nil
	}
	links = prepareHTML(doc, width)
	text = tidyText(render(doc))
	if len(links) > 0 {
		var b strings.Builder
		b.WriteString(text)
		b.WriteString("\n\n")
		for i, l := range links {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, l)
		}
		text = b.String()
	}
	return text, links
}

// render runs html2text on a prepared tree. A panic in the library, which was not
// written for hostile input, falls back to the bare text of the tree, so a message is
// never lost to a rendering bug.
func render(n *html.Node) (text string) {
	defer func() {
		if recover() != nil {
			text = plainText(n)
		}
	}()
	text, err := html2text.FromHTMLNode(n, html2text.Options{OmitLinks: true})
	if err != nil { // only write errors on a bytes.Buffer, which do not happen
		return plainText(n)
	}
	return text
}

// plainText collects the text of n's subtree, a line per block element, without
// recursion so that any depth is safe.
func plainText(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
			continue
		case c.Type == html.ElementNode && dropped(c):
			continue
		case c.Type == html.ElementNode && isBlock(c.Data):
			b.WriteByte('\n')
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// tokenText is the text of src taken token by token, for HTML that cannot be parsed
// into a tree: no structure, but no markup either.
func tokenText(src string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(src))
	skip := 0 // inside script, style, head or title
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case tag == "script" || tag == "style" || tag == "head" || tag == "title":
				skip++
			case isBlock(tag):
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case (tag == "script" || tag == "style" || tag == "head" || tag == "title") && skip > 0:
				skip--
			case isBlock(tag):
				b.WriteByte('\n')
			}
		}
	}
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "br", "li", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "ul", "ol", "hr", "section", "article", "header", "footer":
		return true
	}
	return false
}

// tidyText cleans what html2text leaves: the space it puts between any two inline
// elements even before punctuation ("*Bob* ,"), non-breaking spaces (Outlook writes empty
// paragraphs as &nbsp;), trailing spaces, lines that hold only invisible padding
// (newsletters fill their hidden preheader with &zwnj;&nbsp;), the bare ">" line that
// opens each blockquote, and runs of blank lines.
func tidyText(s string) string {
	s = strings.NewReplacer(" ,", ",", " .", ".", " ;", ";", " )", ")").Replace(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var out []string
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRight(line, " \t\r")
		bareQuote := strings.Trim(line, "> ") == "" && (blank > 0 || len(out) == 0)
		if bareQuote || strings.Trim(line, " \u200b\u200c\u200d\u034f\ufeff") == "" {
			blank++
			continue
		}
		if blank > 0 && len(out) > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
