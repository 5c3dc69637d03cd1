package imapsvc

import (
	"bytes"
	"fmt"
	"github.com/emersion/go-imap/v2"
	"regexp"
	"strconv"
)

// What a server can make tern hold in memory. go-imap reads any literal it
// is sent into memory whole, so these are enforced on the bytes before the
// library sees them (limitConn). docs/reliability.md lists them.
const (
	// maxLiteral caps a literal outside message data: a subject, an
	// address, a folder name.
	maxLiteral = 1 << 20
	// maxBodyLiteral caps the data of BODY[...], BINARY[...] and RFC822*:
	// message parts, which tern streams or fetches with a size.
	maxBodyLiteral = 1 << 30
	// maxPartialLiteral caps the answer to a partial fetch, BODY[...]<o>:
	// tern asks at most maxTextBytes (8 MiB), and :fetch ranges are held
	// to this too, so a server that sends more than was asked is lying.
	maxPartialLiteral = 16 << 20
	// maxLine caps one response line between literals (a SEARCH answer
	// lists every UID on one line).
	maxLine = 64 << 20
	// maxListed caps the UIDs of one folder tern lists: an ESEARCH range
	// "1:4294967295" is 12 bytes and 16 GiB expanded.
	maxListed = 10_000_000
)

var (
	// Status responses and continuations carry free text, never literals.
	textRespRe = regexp.MustCompile(`(?i)^(?:\+|\S+ (?:OK|NO|BAD|BYE|PREAUTH)(?:[ \r]|$))`)
)

// LimitError says which limit a server broke; the connection is dropped.
type LimitError struct{ What string }

func (e *LimitError) Error() string { return e.What + "; connection dropped" }

// literalScanner follows the framing of the server's byte stream: lines,
// and literals whose bytes it passes over without looking at them.
type literalScanner struct {
	skip int64  // literal bytes still to pass over
	head []byte // the start of the current response
	tail []byte // the end of the current stretch of line
	seg  int64  // length of the current stretch of line
}

const (
	scanHead = 64
	scanTail = 512
)

// feed checks p, the next bytes from the server.
func (s *literalScanner) feed(p []byte) error {
	for len(p) > 0 {
		if s.skip > 0 {
			k := min(s.skip, int64(len(p)))
			s.skip -= k
			p = p[k:]
			continue
		}
		chunk := p
		i := bytes.IndexByte(p, '\n')
		if i >= 0 {
			chunk = p[:i]
		}
		s.seg += int64(len(chunk))
		if s.seg > maxLine {
			return &LimitError{fmt.Sprintf("the server sent a response line longer than %s (limit)", sizeText(maxLine))}
		}
		if len(s.head) < scanHead {
			s.head = append(s.head, chunk[:min(len(chunk), scanHead-len(s.head))]...)
		}
		s.tail = append(s.tail, chunk...)
		if len(s.tail) > scanTail {
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-scanTail:]...)
		}
		if i < 0 {
			return nil
		}
		p = p[i+1:]
		if err := s.endOfLine(); err != nil {
			return err
		}
	}
	return nil
}

// endOfLine decides whether a literal follows the line just ended.
func (s *literalScanner) endOfLine() error {
	m := literalHead(s.tail)
	if m == nil || textRespRe.Match(s.head) {
		s.head, s.tail, s.seg = s.head[:0], s.tail[:0], 0 // the response ends
		return nil
	}
	n, err := strconv.ParseInt(string(s.tail[m[2]:m[3]]), 10, 64)
	limit, kind := int64(maxLiteral), "outside message data"
	switch body, partial := literalItem(s.tail); {
	case partial:
		limit, kind = maxPartialLiteral, "for a partial fetch"
	case body:
		limit, kind = maxBodyLiteral, "for message data"
	}
	if err != nil || n > limit {
		return &LimitError{fmt.Sprintf("the server sent a literal of %s after %q; tern's limit %s is %s",
			sizeText(n), printable(s.tail[:m[0]]), kind, sizeText(limit))}
	}
	s.skip, s.tail, s.seg = n, s.tail[:0], 0 // the response goes on after it
	return nil
}

// literalItem says whether the literal ending tail is message data (body)
// and whether it is a partial one (an origin follows the section), as the
// regexps
//
//	body:    (?i)(?:BODY\[[^\]]*\]|BINARY\[[^\]]*\]|RFC822(?:\.TEXT|\.HEADER)?)(?:<\d+>)? ~?\{\d+\}\r?$
//	partial: (?i)(?:BODY|BINARY)\[[^\]]*\]<\d+> ~?\{\d+\}\r?$
//
// would (itemmatch_test.go). The item can begin only at the last "BODY["
// or "BINARY[" (a section holds no "]", so a match from an earlier one
// also matches from the last) or at the last "RFC822". Unanchored, the
// regexps tried every position of the tail on every literal (15% of
// tern's CPU while fetching 50,000 headers); anchored, the two of them
// still ran one after the other on every literal (a tenth).
func literalItem(tail []byte) (body, partial bool) {
	if i := lastSection(tail); i >= 0 {
		rest := tail[i:]
		if end := bytes.IndexByte(rest, ']'); end >= 0 {
			if origin, ok := itemEnd(rest[end+1:]); ok {
				return true, origin
			}
		}
	}
	if i := lastFold(tail, "RFC822"); i >= 0 {
		rest := tail[i+len("RFC822"):]
		for _, sub := range []string{".TEXT", ".HEADER"} {
			if len(rest) >= len(sub) && hasFold(rest, sub) {
				rest = rest[len(sub):]
				break
			}
		}
		_, ok := itemEnd(rest)
		return ok, false
	}
	return false, false
}

// lastSection is the index of the "[" of the last "BODY[" or "BINARY[" in
// tail, in any case, or -1: one backward scan for "[" rather than one for
// each name over the whole line.
func lastSection(tail []byte) int {
	for end := len(tail); ; {
		j := bytes.LastIndexByte(tail[:end], '[')
		switch {
		case j < 0:
			return -1
		case j >= 4 && hasFold(tail[j-4:], "BODY"), j >= 6 && hasFold(tail[j-6:], "BINARY"):
			return j
		}
		end = j
	}
}

// itemEnd matches what follows an item's name up to the end of the line:
// an optional origin "<N>", then " ~{N}" or " {N}" and an optional "\r".
func itemEnd(s []byte) (origin, ok bool) {
	if len(s) > 0 && s[0] == '<' {
		n := digits(s[1:])
		if n == 0 || len(s) < n+2 || s[n+1] != '>' {
			return false, false
		}
		s, origin = s[n+2:], true
	}
	if len(s) == 0 || s[0] != ' ' {
		return false, false
	}
	s = s[1:]
	if len(s) > 0 && s[0] == '~' {
		s = s[1:]
	}
	if len(s) == 0 || s[0] != '{' {
		return false, false
	}
	n := digits(s[1:])
	if n == 0 || len(s) < n+2 || s[n+1] != '}' {
		return false, false
	}
	s = s[n+2:]
	return origin, len(s) == 0 || len(s) == 1 && s[0] == '\r'
}

// digits is the number of ASCII digits s starts with.
func digits(s []byte) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// hasFold says whether s starts with upper, ASCII upper case, in any case.
func hasFold(s []byte, upper string) bool {
	for j := range len(upper) {
		if asciiUpper(s[j]) != upper[j] {
			return false
		}
	}
	return true
}

// lastFold is the last index of upper, ASCII upper case, in s in any case.
func lastFold(s []byte, upper string) int {
	for i := len(s) - len(upper); i >= 0; i-- {
		j := 0
		for j < len(upper) && asciiUpper(s[i+j]) == upper[j] {
			j++
		}
		if j == len(upper) {
			return i
		}
	}
	return -1
}

func asciiUpper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// literalHead finds a literal's header at the end of a line, "{N}" (or
// literal8's "~{N}"): the match's start and end, then the digits' start and
// end, as the regexp `~?\{(\d+)\}\r?$` would (literalhead_test.go), which
// cost more than the rest of reading a FETCH of 50,000 headers.
func literalHead(tail []byte) []int {
	t := tail
	if n := len(t); n > 0 && t[n-1] == '\r' {
		t = t[:n-1]
	}
	n := len(t)
	if n < 3 || t[n-1] != '}' {
		return nil
	}
	i := n - 2
	for i >= 0 && t[i] >= '0' && t[i] <= '9' {
		i--
	}
	if i < 0 || i == n-2 || t[i] != '{' {
		return nil
	}
	start := i
	if i > 0 && t[i-1] == '~' {
		start = i - 1
	}
	return []int{start, len(tail), i + 1, n - 1}
}

// sizeText is n bytes in the largest binary unit that keeps it readable.
func sizeText(n int64) string {
	switch {
	case n < 0:
		return "an unreadable size"
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// printable is the last 40 bytes of b with anything but printable ASCII
// replaced, for an error message.
func printable(b []byte) string {
	b = b[max(0, len(b)-40):]
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}

// checkListed refuses a search answer of more than maxListed UIDs before
// expandUIDs spells it out.
func checkListed(mb FolderName, data *imap.SearchData) error {
	if n := countListed(data); n > maxListed {
		return &LimitError{fmt.Sprintf("the server listed %d messages in %s; tern's limit is %d", n, cleanLine(mb), maxListed)}
	}
	return nil
}

// countListed counts the UIDs a search answer names without expanding
// them, so that "1:4294967295" costs nothing.
func countListed(data *imap.SearchData) uint64 {
	set, _ := data.All.(imap.UIDSet)
	var n uint64
	for _, r := range set {
		if r.Stop >= r.Start { // as expandUIDs counts
			n += uint64(r.Stop-r.Start) + 1
		}
	}
	return n
}

// listedUIDs is a search answer as sorted UIDs, refused past maxListed:
// every search answer tern expands goes through here.
func listedUIDs(mb FolderName, data *imap.SearchData) ([]UID, error) {
	if err := checkListed(mb, data); err != nil {
		return nil, err
	}
	return expandUIDs(data), nil
}

// existsLimit is the error for an EXISTS beyond what tern can list.
func existsLimit(mb FolderName, n uint32) error {
	if n <= maxListed {
		return nil
	}
	return &LimitError{fmt.Sprintf("the server announced %d messages in %s; tern's limit is %d", n, cleanLine(mb), maxListed)}
}
