package mailtext

import (
	"slices"
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name      string
		html      string
		width     int
		want      []string // substrings of the text, in order
		notWant   []string
		wantLinks []string
	}{
		{"paragraphs and links",
			`<p>Read <a href="https://a.example/x">the post</a>.</p><p>Again: <a href=" https://a.example/x ">here</a></p>`, 72,
			[]string{"Read the post [1].", "\n\nAgain: here [1]", "\n\n[1] https://a.example/x\n"}, nil,
			[]string{"https://a.example/x"}},
		{"link text that is its URL is not numbered",
			`<a href="https://b.example/">https://b.example/</a> <a href="mailto:me@example.com">me@example.com</a>`, 72,
			[]string{"https://b.example/ me@example.com"}, []string{"[1]"}, nil},
		{"useless links are not numbered",
			`<a href="#top">top</a> <a href="javascript:go()">go</a> <a>none</a>`, 72,
			[]string{"top go none"}, []string{"[1]", "javascript"}, nil},
		{"image link shows its alt text",
			`<a href="https://c.example/"><img src="https://c.example/logo.png" alt="Logo"></a>`, 72,
			[]string{"Logo [1]"}, []string{"logo.png"}, []string{"https://c.example/"}},
		{"scripts, styles, head and hidden content dropped",
			`<html><head><title>T</title><style>p{color:red}</style></head><body><script>alert("x")</script>` +
				`<div style="DISPLAY: none">preheader</div><p hidden>secret</p><p>shown</p><noscript>no scripts here</noscript></body></html>`, 72,
			[]string{"shown", "no scripts here"}, []string{"alert", "color", "preheader", "secret", "T\n"}, nil},
		{"lists",
			`<ul><li>one<li>two</ul><ol start="3"><li>three<li>four</ol>`, 72,
			[]string{"* one\n* two", "3. three\n4. four"}, nil, nil},
		{"data table drawn",
			`<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table>`, 72,
			[]string{"| Name  | Qty |", "| Apple |   3 |"}, nil, nil},
		{"table too wide for the width is unwrapped",
			`<table><tr><th>Name</th><th>Description</th></tr><tr><td>Apple</td><td>` +
				strings.Repeat("x", 60) + `</td></tr></table>`, 30,
			[]string{"Name\nDescription\nApple\nxxxx"}, []string{"+--"}, nil},
		{"layout table unwrapped",
			`<table role="presentation"><tr><td>left</td><td>right</td></tr><tr><td>a</td><td>b</td></tr></table>`, 72,
			[]string{"left\nright\na\nb"}, []string{"|"}, nil},
		{"blockquote", `<p>Hi</p><blockquote>quoted <blockquote>twice</blockquote></blockquote>`, 72,
			[]string{"Hi\n\n> quoted", ">> twice"}, nil, nil},
		{"malformed HTML", `<p>unclosed <b>bold <i>both</p><table><td>cell</table></div></span>&bogus; &lt;ok&gt;`, 72,
			[]string{"unclosed *bold both*", "cell", "&bogus; <ok>"}, nil, nil},
		{"nested too deep for the parser", strings.Repeat("<div>", 1000) + "deep<script>x()</script>", 72,
			[]string{"deep"}, []string{"<div>", "x()"}, nil},
		{"entities and nbsp", `<p>a&nbsp;b&amp;c &#x4E2D;&#25991;</p><p>&nbsp;</p><p>end</p>`, 72,
			[]string{"a b&c 中文\n\nend"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, links := HTMLToText(tt.html, tt.width)
			rest := text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (in order):\n%s", w, text)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("text has %q:\n%s", w, text)
				}
			}
			if !slices.Equal(links, tt.wantLinks) {
				t.Errorf("links = %q, want %q", links, tt.wantLinks)
			}
		})
	}
}
