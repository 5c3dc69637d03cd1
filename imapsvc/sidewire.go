package imapsvc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The raw connections (the side connection and the protocol console) read
// IMAP by hand, because go-imap has no raw-command API. This is their
// reader and their small, strict parser. Everything a server sends is
// bounded before it is kept: a line, a literal, and a whole answer.

const (
	maxWireLine    = 64 << 10 // one response line, without its literals
	maxWireLiteral = 64 << 10 // one literal kept; the console drops the rest
	maxWireAnswer  = 16 << 20 // all lines and literals of one command's answer
)

var (
	errLineTooLong = errors.New("the server sent a line longer than 64 KiB")
	errAnswerBig   = errors.New("the server's answer exceeds 16 MiB")
)

// wireReader reads response lines with a bounded length.
type wireReader struct {
	r    *bufio.Reader
	used int // bytes of the current answer; reset per command
}

func newWireReader(r io.Reader) *wireReader { return &wireReader{r: bufio.NewReaderSize(r, 4096)} }

// line reads one line without its CRLF, at most maxWireLine bytes.
func (w *wireReader) line() (string, error) {
	var b []byte
	for {
		chunk, err := w.r.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > maxWireLine+2 {
			return "", errLineTooLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		break
	}
	if w.used += len(b); w.used > maxWireAnswer {
		return "", errAnswerBig
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// literalSize is n when line ends with a literal announcement {n} or {n+}.
func literalSize(line string) (int64, bool) {
	if !strings.HasSuffix(line, "}") {
		return 0, false
	}
	i := strings.LastIndexByte(line, '{')
	if i < 0 {
		return 0, false
	}
	digits := strings.TrimSuffix(line[i+1:len(line)-1], "+")
	if digits == "" || len(digits) > 10 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}

// literal reads an n-byte literal, keeping at most keep bytes; a literal
// bigger than keep is an error unless drop allows reading past it.
func (w *wireReader) literal(n int64, keep int, drop bool) (string, error) {
	if n > int64(keep) && !drop {
		return "", fmt.Errorf("the server sent a %d-byte literal; at most %d is accepted here", n, keep)
	}
	if w.used += int(min(n, maxWireAnswer+1)); w.used > maxWireAnswer {
		return "", errAnswerBig
	}
	buf := make([]byte, min(n, int64(keep)))
	if _, err := io.ReadFull(w.r, buf); err != nil {
		return "", err
	}
	if _, err := io.CopyN(io.Discard, w.r, n-int64(len(buf))); err != nil {
		return "", err
	}
	return string(buf), nil
}

// response is one server response: its lines, each followed by the literal
// it announced (if any). Literals are never parsed as text.
type response struct {
	lines []string // lines[i] ends with "{n}" when lits[i] follows it
	lits  []string
}

// readResponse reads one response with its literals, each at most
// maxWireLiteral bytes.
func (w *wireReader) readResponse() (response, error) {
	var r response
	for {
		l, err := w.line()
		if err != nil {
			return r, err
		}
		r.lines = append(r.lines, l)
		n, ok := literalSize(l)
		if !ok {
			return r, nil
		}
		lit, err := w.literal(n, maxWireLiteral, false)
		if err != nil {
			return r, err
		}
		r.lits = append(r.lits, lit)
	}
}

// token is one lexical item of a response: an atom (NIL, numbers, flags
// included), a string (quoted or literal), or a parenthesis.
type token struct {
	kind byte // 'a' atom, 's' string, '(' or ')'
	val  string
}

// tokens splits a response into tokens. It is strict: an unterminated
// quote, a bad escape, a control character or a stray brace is an error.
func (r response) tokens() ([]token, error) {
	var out []token
	for i, l := range r.lines {
		if i < len(r.lits) {
			j := strings.LastIndexByte(l, '{')
			l = l[:j]
		}
		ts, err := lexLine(l)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
		if i < len(r.lits) {
			out = append(out, token{'s', r.lits[i]})
		}
	}
	return out, nil
}

func lexLine(l string) ([]token, error) {
	var out []token
	for i := 0; i < len(l); {
		c := l[i]
		switch {
		case c == ' ':
			i++
		case c == '(' || c == ')':
			out = append(out, token{kind: c})
			i++
		case c == '"':
			var b strings.Builder
			i++
			for {
				if i >= len(l) {
					return nil, errors.New("unterminated quoted string")
				}
				c = l[i]
				if c == '"' {
					i++
					break
				}
				if c == '\\' {
					if i+1 >= len(l) || (l[i+1] != '"' && l[i+1] != '\\') {
						return nil, errors.New("bad escape in a quoted string")
					}
					i++
					c = l[i]
				}
				if c < 0x20 || c == 0x7f {
					return nil, errors.New("control character in a quoted string")
				}
				b.WriteByte(c)
				i++
			}
			out = append(out, token{'s', b.String()})
		default:
			j := i
			for j < len(l) && !strings.ContainsRune(" ()\"{}", rune(l[j])) && l[j] >= 0x20 && l[j] != 0x7f {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q", c)
			}
			out = append(out, token{'a', l[i:j]})
			i = j
		}
	}
	return out, nil
}

// statusResponse parses "* STATUS mailbox (NAME n ...)" into the mailbox
// (modified UTF-7 decoded) and its numbers by upper-case name.
func statusResponse(r response) (string, map[string]uint64, error) {
	ts, err := r.tokens()
	if err != nil {
		return "", nil, err
	}
	if len(ts) < 5 || ts[0].val != "*" || !strings.EqualFold(ts[1].val, "STATUS") || !isString(ts[2]) ||
		ts[3].kind != '(' || ts[len(ts)-1].kind != ')' {
		return "", nil, errors.New("malformed STATUS response")
	}
	name, err := decodeMUTF7(ts[2].val)
	if err != nil {
		return "", nil, err
	}
	items := ts[4 : len(ts)-1]
	if len(items)%2 != 0 {
		return "", nil, errors.New("malformed STATUS items")
	}
	out := map[string]uint64{}
	for i := 0; i < len(items); i += 2 {
		k, v := items[i], items[i+1]
		if k.kind != 'a' || v.kind != 'a' {
			return "", nil, errors.New("malformed STATUS items")
		}
		n, err := strconv.ParseUint(v.val, 10, 64)
		if err != nil {
			return "", nil, fmt.Errorf("STATUS %s is not a number", cleanLine(k.val))
		}
		out[strings.ToUpper(k.val)] = n
	}
	return name, out, nil
}

// listEntry is one LSUB (or LIST) answer.
type listEntry struct {
	Attrs []string
	Delim string // "" for NIL
	Name  string // decoded from modified UTF-7
}

// lsubResponse parses "* LSUB (attrs) delim mailbox".
func lsubResponse(r response) (listEntry, error) {
	var e listEntry
	ts, err := r.tokens()
	if err != nil {
		return e, err
	}
	if len(ts) < 6 || ts[0].val != "*" || !strings.EqualFold(ts[1].val, "LSUB") || ts[2].kind != '(' {
		return e, errors.New("malformed LSUB response")
	}
	i := 3
	for ; i < len(ts) && ts[i].kind == 'a'; i++ {
		e.Attrs = append(e.Attrs, ts[i].val)
	}
	if i+3 != len(ts) || ts[i].kind != ')' {
		return e, errors.New("malformed LSUB response")
	}
	switch d := ts[i+1]; {
	case d.kind == 'a' && strings.EqualFold(d.val, "NIL"):
	case d.kind == 's' && len(d.val) == 1:
		e.Delim = d.val
	default:
		return e, errors.New("malformed LSUB delimiter")
	}
	if !isString(ts[i+2]) {
		return e, errors.New("malformed LSUB mailbox")
	}
	e.Name, err = decodeMUTF7(ts[i+2].val)
	return e, err
}

// isString is an astring: an atom or a (quoted or literal) string.
func isString(t token) bool { return t.kind == 'a' || t.kind == 's' }

// untaggedKind is the upper-case name of an untagged response ("STATUS",
// "LSUB", "OK", "BYE", "EXISTS" for "* 3 EXISTS"), or "".
func untaggedKind(line string) string {
	rest, ok := strings.CutPrefix(line, "* ")
	if !ok {
		return ""
	}
	f := strings.Fields(rest)
	if len(f) == 0 {
		return ""
	}
	if len(f) > 1 && strings.Trim(f[0], "0123456789") == "" {
		return strings.ToUpper(f[1])
	}
	return strings.ToUpper(f[0])
}
