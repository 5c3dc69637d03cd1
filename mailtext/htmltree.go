package mailtext

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/jaytaylor/html2text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"tern/sanitize"
)

// maxHTMLDepth bounds how deep the tree is walked with recursion (here and in
// html2text); deeper subtrees are reduced to their text.
const maxHTMLDepth = 200

// prepared rewrites a parsed document before html2text sees it, doing what the library
// cannot: numbered links, dropped hidden content, ordered lists, and tables that fit.
type prepared struct {
	width int
	links []string
	index map[string]int // URL -> 1-based link number
}

// prepareHTML rewrites doc in place and returns the numbered links.
func prepareHTML(doc *html.Node, width int) []string {
	p := &prepared{width: width, index: map[string]int{}}
	p.walk(doc, 0)
	return p.links
}

// walk prepares n's children, innermost first, and reports whether n's subtree held a
// table, so that a table around another table is known to be layout.
func (p *prepared) walk(n *html.Node, depth int) (hadTable bool) {
	if depth >= maxHTMLDepth {
		text := plainText(n)
		for n.FirstChild != nil {
			n.RemoveChild(n.FirstChild)
		}
		n.AppendChild(&html.Node{Type: html.TextNode, Data: sanitize.Text(text)})
		return false
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.TextNode {
			// Sanitized here already so that table drawings measure what will be shown.
			c.Data = sanitize.Text(c.Data)
		}
		if c.Type == html.ElementNode && dropped(c) {
			n.RemoveChild(c)
		} else if p.walk(c, depth+1) {
			hadTable = true
		}
		c = next
	}
	if n.Type != html.ElementNode {
		return hadTable
	}
	for i := range n.Attr { // alt text can be shown
		n.Attr[i].Val = sanitize.Line(n.Attr[i].Val)
	}
	switch n.DataAtom {
	case atom.A:
		p.link(n)
	case atom.Ol:
		numberItems(n)
	case atom.Table:
		if hadTable || attr(n, "role") == "presentation" || !p.drawTable(n) {
			unwrapTable(n)
		}
		return true
	}
	return hadTable
}

// dropped reports whether an element shows nothing a reader wants: code, metadata, and
// content hidden by the sender (newsletter preheaders, tracking blocks).
func dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Iframe,
		atom.Object, atom.Embed:
		return true
	}
	style := strings.ToLower(strings.Join(strings.Fields(attr(n, "style")), ""))
	return strings.Contains(style, "display:none") || hasAttr(n, "hidden")
}

// link numbers an <a>: a text node " [n]" after it, and no href left for html2text to
// print. Links to nowhere useful (in-page anchors, javascript:) get no number.
func (p *prepared) link(a *html.Node) {
	href := sanitize.Line(strings.Join(strings.Fields(attr(a, "href")), ""))
	removeAttr(a, "href")
	lower := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(lower, "javascript:") {
		return
	}
	if text := strings.TrimSpace(plainText(a)); text == href || "mailto:"+text == href {
		return
	}
	num, ok := p.index[href]
	if !ok {
		p.links = append(p.links, href)
		num = len(p.links)
		p.index[href] = num
	}
	if a.Parent != nil {
		a.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "[" + strconv.Itoa(num) + "]"}, a.NextSibling)
	}
}

// numberItems turns the items of an ordered list into "1. " blocks: html2text marks
// every list item with "* ".
func numberItems(ol *html.Node) {
	ol.Data, ol.DataAtom = "ul", atom.Ul
	n := 1
	if s, err := strconv.Atoi(attr(ol, "start")); err == nil && s > 0 && s < 1e6 {
		n = s
	}
	for c := ol.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			c.Data, c.DataAtom = "div", atom.Div
			c.InsertBefore(&html.Node{Type: html.TextNode, Data: strconv.Itoa(n) + ". "}, c.FirstChild)
			n++
		}
	}
}

// drawTable replaces a data table with its ASCII drawing, in a <pre> so that html2text
// keeps it as it is, if the drawing fits in the width. A data table has two rows and
// two columns at least, and header cells, a border, or only inline content in its
// cells; anything else is taken for layout (a signature beside a logo, say).
func (p *prepared) drawTable(t *html.Node) (ok bool) {
	var rows, cols int
	var header, blocks bool
	for r := range t.Descendants() {
		if r.Type != html.ElementNode {
			continue
		}
		switch r.DataAtom {
		case atom.Tr:
			rows++
			n := 0
			for c := r.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
					n++
				}
			}
			cols = max(cols, n)
		case atom.Th:
			header = true
		case atom.P, atom.Div, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.Img, atom.Pre:
			blocks = true
		}
	}
	border, _ := strconv.Atoi(strings.TrimSpace(attr(t, "border")))
	if rows < 2 || cols < 2 || t.Parent == nil || !header && border < 1 && blocks {
		return false
	}
	spanCells(t)
	opts := html2text.NewPrettyTablesOptions()
	opts.AutoFormatHeader = false     // keep headers as written, not upper-cased
	opts.ReflowDuringAutoWrap = false // keep the lines of a cell's paragraphs
	if p.width > 0 {
		opts.ColWidth = max(8, (p.width-1)/cols-3)
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	s, err := html2text.FromHTMLNode(t, html2text.Options{PrettyTables: true, PrettyTablesOptions: opts, OmitLinks: true})
	if err != nil {
		return false
	}
	for line := range strings.SplitSeq(s, "\n") {
		if p.width > 0 && ansi.StringWidth(line) > p.width {
			return false
		}
	}
	pre := &html.Node{Type: html.ElementNode, Data: "pre", DataAtom: atom.Pre}
	pre.AppendChild(&html.Node{Type: html.TextNode, Data: "\n" + s + "\n"})
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	div.AppendChild(pre)
	t.Parent.InsertBefore(div, t)
	t.Parent.RemoveChild(t)
	return true
}

// spanCells moves each cell's content into one <span>: html2text puts every child of a
// cell on a line of its own, which would split "Total: <b>5</b>" in two.
func spanCells(t *html.Node) {
	var cells []*html.Node // collected first: the tree must not change while iterating
	for c := range t.Descendants() {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	for _, c := range cells {
		span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span}
		for c.FirstChild != nil {
			k := c.FirstChild
			c.RemoveChild(k)
			span.AppendChild(k)
		}
		c.AppendChild(span)
	}
}

// unwrapTable turns a layout table into nested blocks, a cell per block.
func unwrapTable(t *html.Node) {
	stack := []*html.Node{t}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n.DataAtom {
		case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption:
			n.Data, n.DataAtom = "div", atom.Div
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom != atom.Pre {
				stack = append(stack, c)
			}
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

func removeAttr(n *html.Node, key string) {
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}
