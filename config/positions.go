package config

import (
	"strconv"
	"strings"
)

// positions maps the path of every key and table in a TOML document to the
// line it is written on. BurntSushi/toml v1.6.0 exposes no key positions
// (MetaData has none, and its own error lines point at the last [[account]]
// for a problem in any of them), so we find them ourselves.
//
// A path is made with pathOf: table and key names, and "[i]" for the i-th
// element of an array of tables or inline array. For example the host key of
// the second [[account]] is pathOf("account", "[1]", "host").
type positions map[string]int

func pathOf(segs ...string) string { return strings.Join(segs, "\x00") }

// index names element i of an array in a path.
func index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// line returns the line of path, or of the nearest enclosing table that has
// one, or 0.
func (p positions) line(segs ...string) int {
	for n := len(segs); n > 0; n-- {
		if l, ok := p[pathOf(segs[:n]...)]; ok {
			return l
		}
	}
	return 0
}

// has reports whether the key at path is written in the file.
func (p positions) has(segs ...string) bool {
	_, ok := p[pathOf(segs...)]
	return ok
}

// scanPositions indexes src, which the TOML parser has already accepted, so
// the scanner only needs to find keys and step over values, never to judge
// them. It is still careful to make progress on any input.
func scanPositions(src string) positions {
	s := &scanner{
		src:    strings.TrimPrefix(src, "\ufeff"),
		line:   1,
		pos:    positions{},
		arrays: map[string]int{},
	}
	for {
		s.skipBlank(true)
		if s.eof() {
			return s.pos
		}
		start := s.i
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.skipToLineEnd()
		if s.i == start {
			s.next()
		}
	}
}

type scanner struct {
	src    string
	i      int
	line   int
	pos    positions
	arrays map[string]int // resolved path of an array of tables → elements so far
	table  []string       // resolved path of the current table
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) next() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
	}
	s.i++
}

func (s *scanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

// record notes where path is written unless an earlier line already did,
// since a table's first mention is where a person would look.
func (s *scanner) record(path []string, line int) {
	k := pathOf(path...)
	if _, ok := s.pos[k]; !ok {
		s.pos[k] = line
	}
}

// skipBlank skips spaces and comments, and newlines too when newlines is set.
func (s *scanner) skipBlank(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '\n' && newlines:
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) skipToLineEnd() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

// header reads [table] or [[array]] and makes it the current table.
func (s *scanner) header() {
	line := s.line
	array := s.has("[[")
	s.next()
	if array {
		s.next()
	}
	segs := s.key()
	var path []string
	for j, seg := range segs {
		path = append(path, seg)
		k := pathOf(path...)
		switch n, isArray := s.arrays[k]; {
		case array && j == len(segs)-1:
			s.record(path, line)
			s.arrays[k] = n + 1
			path = append(path, index(n))
		case isArray:
			// [a.b] after [[a]] means b in the latest a.
			path = append(path, index(n-1))
		}
	}
	s.record(path, line)
	s.table = path
}

// keyValue reads key = value inside the table at prefix.
func (s *scanner) keyValue(prefix []string) {
	line := s.line
	segs := s.key()
	if len(segs) == 0 {
		return
	}
	path := append(append([]string(nil), prefix...), segs...)
	for n := len(prefix) + 1; n <= len(path); n++ {
		s.record(path[:n], line) // dotted keys define their parents here too
	}
	s.skipBlank(false)
	if s.peek() != '=' {
		return
	}
	s.next()
	s.skipBlank(false)
	s.value(path)
}

// key reads a possibly dotted, possibly quoted key and returns its parts.
func (s *scanner) key() []string {
	var segs []string
	for {
		s.skipBlank(false)
		var seg string
		switch s.peek() {
		case '"':
			start := s.i
			s.basicString()
			seg = s.src[start:s.i]
			if u, err := strconv.Unquote(seg); err == nil {
				seg = u
			} else {
				seg = strings.Trim(seg, `"`)
			}
		case '\'':
			start := s.i
			s.literalString()
			seg = strings.Trim(s.src[start:s.i], "'")
		default:
			start := s.i
			for !s.eof() && !strings.ContainsRune(" \t\r\n=.[]#\"'", rune(s.peek())) {
				s.next()
			}
			seg = s.src[start:s.i]
			if seg == "" {
				return segs
			}
		}
		segs = append(segs, seg)
		s.skipBlank(false)
		if s.peek() != '.' {
			return segs
		}
		s.next()
	}
}

// value steps over one value, indexing the keys of inline tables and the
// elements of arrays under path.
func (s *scanner) value(path []string) {
	switch {
	case s.has(`"""`):
		s.multiline(`"""`, true)
	case s.has(`'''`):
		s.multiline(`'''`, false)
	case s.peek() == '"':
		s.basicString()
	case s.peek() == '\'':
		s.literalString()
	case s.peek() == '[':
		s.next()
		for n := 0; ; {
			s.skipBlank(true)
			switch s.peek() {
			case 0:
				return
			case ']':
				s.next()
				return
			case ',':
				s.next()
				continue
			}
			elem := append(append([]string(nil), path...), index(n))
			s.record(elem, s.line)
			start := s.i
			s.value(elem)
			if s.i == start {
				s.next()
			}
			n++
		}
	case s.peek() == '{':
		s.next()
		for {
			s.skipBlank(true)
			switch s.peek() {
			case 0:
				return
			case '}':
				s.next()
				return
			case ',':
				s.next()
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				s.next()
			}
		}
	default:
		// Numbers, booleans and dates: up to the next delimiter.
		for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.peek())) {
			s.next()
		}
	}
}

// basicString steps over "..." including its quotes.
func (s *scanner) basicString() {
	s.next()
	for !s.eof() && s.peek() != '\n' {
		switch s.peek() {
		case '\\':
			s.next()
		case '"':
			s.next()
			return
		}
		s.next()
	}
}

// literalString steps over '...' including its quotes.
func (s *scanner) literalString() {
	s.next()
	for !s.eof() && s.peek() != '\n' {
		if s.peek() == '\'' {
			s.next()
			return
		}
		s.next()
	}
}

// multiline steps over a multi-line string opened by delim (three double
// or three single quotes). Up to two quotes right before the closing
// delimiter belong to the content, as in """a "quoted" b"""".
func (s *scanner) multiline(delim string, escapes bool) {
	for range 3 {
		s.next()
	}
	for !s.eof() {
		if escapes && s.peek() == '\\' {
			s.next()
			s.next()
			continue
		}
		if s.has(delim) {
			for range 3 {
				s.next()
			}
			for extra := 0; extra < 2 && s.peek() == delim[0]; extra++ {
				s.next()
			}
			return
		}
		s.next()
	}
}
