package reader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Links in a message are numbered as urlview and NeoMutt's url list, and
// tern's own HTML rendering, number them: a list "[1] URL" at the end of
// the text. An HTML rendering already ends with that list (its link texts
// carry the numbers); for plain text the list is added here, and the URLs
// in the text stay as written.

// urlRe finds the URLs of a plain text: http, https and mailto only.
var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|mailto:)[^\s<>"'\[\]{}]+`)

// footerRe is one line of an HTML rendering's link list.
var footerRe = regexp.MustCompile(`^\[(\d+)\] (\S+)$`)

// withLinks returns the text to show and its numbered links.
func withLinks(text string, html bool) (string, []string) {
	if html {
		return text, footerLinks(text)
	}
	var links []string
	seen := map[string]bool{}
	for _, u := range urlRe.FindAllString(text, maxLinks) {
		u = trimURL(u)
		if !seen[u] {
			seen[u] = true
			links = append(links, u)
		}
	}
	if len(links) == 0 {
		return text, nil
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(text, "\n"))
	b.WriteString("\n\n")
	for i, l := range links {
		fmt.Fprintf(&b, "[%d] %s\n", i+1, l)
	}
	return b.String(), links
}

// trimURL drops what ends a sentence rather than the URL: trailing
// punctuation and a closing parenthesis that opens nowhere in it.
func trimURL(u string) string {
	for {
		t := strings.TrimRight(u, ".,;:!?")
		if strings.HasSuffix(t, ")") && strings.Count(t, ")") > strings.Count(t, "(") {
			t = t[:len(t)-1]
		}
		if t == u {
			return u
		}
		u = t
	}
}

// maxLinks bounds the links numbered in one message.
const maxLinks = 1000

// footerLinks reads the link list at the end of an HTML rendering.
func footerLinks(text string) []string {
	_, links := footer(text)
	return links
}

// footer finds the numbered link list that ends text: the byte offset of
// its first line (len(text) when there is none) and its links.
func footer(text string) (int, []string) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	start := len(lines)
	for start > 0 && footerRe.MatchString(lines[start-1]) {
		start--
	}
	var links []string
	for i, l := range lines[start:] {
		m := footerRe.FindStringSubmatch(l)
		if n, _ := strconv.Atoi(m[1]); n != i+1 {
			return len(text), nil // not the list the rendering wrote
		}
		links = append(links, m[2])
	}
	if len(links) == 0 {
		return len(text), nil
	}
	off := 0
	for _, l := range lines[:start] {
		off += len(l) + 1
	}
	return off, links
}

// Links are the numbered links of the message shown, link 1 first.
func (m Model) Links() []string {
	if !m.has || m.detached {
		return nil
	}
	return m.links
}
