package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// docFiles are the Markdown files whose links must resolve: the user's
// front door and the reference under docs/ (not docs/pending/, which holds
// drafts waiting to be folded in).
func docFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"README.md"}, files...)
}

// notYetWritten are link targets another change is due to add; a link to
// one is reported, not failed, until the file exists.
var notYetWritten = map[string]string{}

// TestDocLinks checks every relative link and #anchor in README.md and
// docs/*.md: the file exists, and the anchor names a heading in it.
func TestDocLinks(t *testing.T) {
	anchors := map[string]map[string]bool{}
	anchorsOf := func(file string) (map[string]bool, error) {
		if a, ok := anchors[file]; ok {
			return a, nil
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		a := headingAnchors(string(b))
		anchors[file] = a
		return a, nil
	}
	checked := 0
	for _, file := range docFiles(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range markdownLinks(string(b)) {
			target, anchor, _ := strings.Cut(l.target, "#")
			if strings.Contains(target, ":") {
				continue // a URL (https:, mailto:), not ours to check
			}
			checked++
			dest := file
			if target != "" {
				dest = path.Join(path.Dir(file), target)
			}
			if _, err := os.Stat(dest); err != nil {
				if why, ok := notYetWritten[dest]; ok {
					t.Logf("%s:%d: %s does not exist yet (%s)", file, l.line, dest, why)
					continue
				}
				t.Errorf("%s:%d: link %q: %s does not exist", file, l.line, l.target, dest)
				continue
			}
			if anchor == "" || !strings.HasSuffix(dest, ".md") {
				continue
			}
			a, err := anchorsOf(dest)
			if err != nil {
				t.Fatal(err)
			}
			if !a[anchor] {
				t.Errorf("%s:%d: link %q: %s has no heading with anchor #%s", file, l.line, l.target, dest, anchor)
			}
		}
	}
	if checked == 0 {
		t.Fatal("found no relative links at all: the link parser is broken")
	}
}

type mdLink struct {
	target string
	line   int
}

var linkRE = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// markdownLinks finds inline links and images outside code.
func markdownLinks(doc string) []mdLink {
	var links []mdLink
	for i, line := range proseLines(doc) {
		for _, m := range linkRE.FindAllStringSubmatch(line, -1) {
			links = append(links, mdLink{target: m[1], line: i + 1})
		}
	}
	return links
}

// proseLines returns the document's lines with fenced code blocks blanked
// and inline code spans removed, so that neither yields links or headings.
func proseLines(doc string) []string {
	lines := strings.Split(doc, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			lines[i] = ""
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			lines[i] = ""
			continue
		}
		lines[i] = stripCodeSpans(line)
	}
	return lines
}

// stripCodeSpans drops `code` spans, including those opened by a run of
// several backticks (“ ` “).
func stripCodeSpans(line string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(line, '`')
		if start < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:start])
		n := len(line[start:]) - len(strings.TrimLeft(line[start:], "`"))
		open := line[start : start+n]
		rest := line[start+n:]
		end := indexRun(rest, open)
		if end < 0 {
			b.WriteString(open) // unmatched: literal backticks
			line = rest
			continue
		}
		line = rest[end+n:]
	}
}

// indexRun finds run in s as a whole run of backticks, not part of a longer one.
func indexRun(s, run string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], run)
		if i < 0 {
			return -1
		}
		i += off
		whole := len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		if whole == len(run) {
			return i
		}
		off = i + whole
	}
	return -1
}

var headingRE = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)

// headingAnchors returns the anchors GitHub gives the document's headings:
// lower case, punctuation dropped, spaces to hyphens, "-1", "-2"... on repeats.
func headingAnchors(doc string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	lines := strings.Split(doc, "\n")
	for i, line := range proseLines(doc) {
		if line == "" && lines[i] != "" {
			continue // inside a code block
		}
		m := headingRE.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		slug := slugify(m[1])
		if n := seen[slug]; n > 0 {
			anchors[slug+"-"+strconv.Itoa(n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	return anchors
}

func slugify(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

var testNameRE = regexp.MustCompile("`((?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*)`")

// TestDocTestNames: a test, fuzz target or benchmark the documentation
// names as evidence must exist, so renaming one cannot leave a promise
// pointing at nothing.
func TestDocTestNames(t *testing.T) {
	defined := map[string]bool{}
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range testFuncRE.FindAllStringSubmatch(string(b), -1) {
			defined[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, file := range docFiles(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range testNameRE.FindAllStringSubmatch(line, -1) {
				named++
				if !defined[m[1]] {
					t.Errorf("%s:%d: %s is named but no _test.go file defines it", file, i+1, m[1])
				}
			}
		}
	}
	if named == 0 {
		t.Fatal("the documentation names no tests: the pattern is broken")
	}
}

var testFuncRE = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark)\w*)\(`)
