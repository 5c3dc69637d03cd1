package imapsvc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// The keys connection's reader: the responses to one command, read into
// one reused buffer, and a parser of just the FETCH answers SortKeys asks
// for (UID, INTERNALDATE, RFC822.SIZE, BODY[HEADER.FIELDS (...)]). It
// allocates nothing per message. What a server sends is bounded as on the
// other raw connections: a line, the part of a literal kept, the
// literals of one response, the responses to one command.

const (
	// maxKeyLiteral is what is kept of one literal: the keys are clipped
	// to 80 bytes and eight references; the rest is read and dropped.
	maxKeyLiteral = 64 << 10
	// maxKeyLiterals bounds the literals of one response (one is asked).
	maxKeyLiterals = 16
	// keyDeadlineEvery is how many responses share one deadline: the
	// deadline moves on as long as the answer does.
	keyDeadlineEvery = 512
)

// keyResp is one response: its lines, each but the last followed by a
// literal (its kept part), as spans of buf.
type keyResp struct {
	buf     []byte
	parts   [][2]int // line, literal, line, ...
	scratch []byte   // an unescaped quoted string
}

func (r *keyResp) part(i int) []byte { return r.buf[r.parts[i][0]:r.parts[i][1]] }

// line is the i-th line, without the literal announcement ending it.
func (r *keyResp) line(i int) []byte { return r.part(2 * i) }

// read reads the next response from rd.
func (r *keyResp) read(rd *bufio.Reader) error {
	r.buf, r.parts = r.buf[:0], r.parts[:0]
	for {
		start := len(r.buf)
		for {
			chunk, err := rd.ReadSlice('\n')
			r.buf = append(r.buf, chunk...)
			if len(r.buf)-start > maxWireLine+2 {
				return errLineTooLong
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return err
			}
			break
		}
		end := len(bytes.TrimRight(r.buf[start:], "\r\n")) + start
		n, brace, ok := literalAt(r.buf[start:end])
		if !ok {
			r.parts = append(r.parts, [2]int{start, end})
			return nil
		}
		if len(r.parts)/2 >= maxKeyLiterals {
			return fmt.Errorf("the server sent more than %d literals in one response", maxKeyLiterals)
		}
		r.parts = append(r.parts, [2]int{start, start + brace})
		keep := int(min(n, maxKeyLiteral))
		at := len(r.buf)
		r.buf = slices.Grow(r.buf, keep)[:at+keep]
		if _, err := io.ReadFull(rd, r.buf[at:]); err != nil {
			return err
		}
		if _, err := rd.Discard(int(min(n-int64(keep), 1<<62))); err != nil {
			return err
		}
		r.parts = append(r.parts, [2]int{at, len(r.buf)})
	}
}

// literalAt is n when line ends with a literal announcement {n} or {n+},
// and where its brace is.
func literalAt(line []byte) (n int64, brace int, ok bool) {
	if len(line) == 0 || line[len(line)-1] != '}' {
		return 0, 0, false
	}
	brace = bytes.LastIndexByte(line, '{')
	if brace < 0 {
		return 0, 0, false
	}
	digits := bytes.TrimSuffix(line[brace+1:len(line)-1], []byte("+"))
	if len(digits) == 0 || len(digits) > 10 {
		return 0, 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, brace, true
}

// keyCommand sends cmd and hands each untagged response to each, up to
// the tagged answer: nil for OK, a ServerError for NO or BAD.
func (rc *rawConn) keyCommand(cmd string, each func(*keyResp) error) error {
	rc.n++
	tag := rc.tag + strconv.Itoa(rc.n)
	rc.traceSent(tag + " " + cmd)
	if _, err := io.WriteString(rc.conn, tag+" "+cmd+"\r\n"); err != nil {
		return err
	}
	var r keyResp
	for count := 0; ; count++ {
		if count > maxRawResponses {
			return fmt.Errorf("the server sent more than %d responses to one command", maxRawResponses)
		}
		if err := r.read(rc.rd.r); err != nil {
			return err
		}
		first := r.line(0)
		if rest, ok := bytes.CutPrefix(first, []byte(tag+" ")); ok {
			rc.traceRead(string(first))
			st, text, _ := strings.Cut(string(rest), " ")
			if strings.EqualFold(st, "OK") {
				return nil
			}
			return &ServerError{Op: cmd, Text: cleanLine(strings.ToUpper(st) + " " + text)}
		}
		switch {
		case bytes.HasPrefix(first, []byte("+")):
			return errors.New("the server asked for more input")
		case !bytes.HasPrefix(first, []byte("* ")):
			return fmt.Errorf("unexpected line from the server: %q", cleanLine(string(first)))
		case untaggedKind(string(first[:min(len(first), 32)])) == "BYE":
			return fmt.Errorf("the server said goodbye: %s", cleanLine(string(first[2:])))
		}
		if err := each(&r); err != nil {
			return err
		}
	}
}

// fetchKeys runs UID FETCH uids items on rc and hands each answer for one
// of uids to f, once per UID, in the order the server sends them.
func (rc *rawConn) fetchKeys(ctx context.Context, uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error {
	asked := make(map[UID]bool, len(uids)) // true once answered
	for _, u := range uids {
		asked[u] = false
	}
	count, other := 0, 0
	var a keyAnswer
	err := rc.keyCommand("UID FETCH "+uidSet(uids).String()+" "+fetchItemsWire(items), func(r *keyResp) error {
		if count++; count%keyDeadlineEvery == 0 {
			rc.deadline(ctx)
		}
		ok, err := parseKeyFetch(r, &a)
		if err != nil {
			return fmt.Errorf("reading the server's FETCH answer: %w", err)
		}
		if done, mine := asked[a.uid]; !ok || !mine || done {
			other++
			if other == 1 || !ok {
				rc.traceRead(string(r.line(0)))
			}
			return nil
		}
		if count-other == 1 { // the first answer, as a sample
			rc.traceRead(string(r.line(0)))
		}
		asked[a.uid] = true
		f(&a)
		return nil
	})
	if rc.read != nil {
		fmt.Fprintf(rc.read, "(%d responses read by the key reader, %d of them answers; not traced one by one)\r\n", count, count-other)
	}
	return err
}

// fetchItemsWire writes the items SortKeys asks for as FETCH sends them.
func fetchItemsWire(o *imap.FetchOptions) string {
	s := "(UID"
	if o.InternalDate {
		s += " INTERNALDATE"
	}
	if o.RFC822Size {
		s += " RFC822.SIZE"
	}
	for _, b := range o.BodySection {
		names := make([]string, len(b.HeaderFields))
		for i, n := range b.HeaderFields {
			names[i] = n
			if strings.Trim(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
				names[i] = quoteWire(n)
			}
		}
		s += " BODY.PEEK[HEADER.FIELDS (" + strings.Join(names, " ") + ")]"
	}
	return s + ")"
}

// parseKeyFetch reads "* n FETCH (items)" into a; ok is false for any
// other response, and for a FETCH without a UID.
func parseKeyFetch(r *keyResp, a *keyAnswer) (ok bool, err error) {
	*a = keyAnswer{}
	line := r.line(0)
	rest, found := bytes.CutPrefix(line, []byte("* "))
	if !found {
		return false, nil
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || len(rest) < i+7 || !bytes.EqualFold(rest[i:i+7], []byte(" FETCH ")) {
		return false, nil
	}
	c := keyCursor{r: r, i: 2 + i + 7}
	if t := c.next(); t.kind != '(' {
		return false, errors.New("FETCH without its list")
	}
	for {
		name := c.next()
		switch {
		case name.kind == ')':
			return a.uid != 0, nil
		case name.kind != 'a':
			return false, errors.New("malformed FETCH item")
		}
		switch n := name.val; {
		case bytes.EqualFold(n, []byte("UID")):
			v, err := c.number()
			if err != nil || v == 0 || v > 1<<32-1 {
				return false, errors.New("malformed UID")
			}
			a.uid = UID(v)
		case bytes.EqualFold(n, []byte("RFC822.SIZE")):
			v, err := c.number()
			if err != nil {
				return false, errors.New("malformed RFC822.SIZE")
			}
			a.size = int64(min(v, 1<<62))
		case bytes.EqualFold(n, []byte("INTERNALDATE")):
			t := c.next()
			if t.kind != '"' {
				return false, errors.New("malformed INTERNALDATE")
			}
			if d, err := time.Parse("_2-Jan-2006 15:04:05 -0700", string(t.val)); err == nil {
				a.arrived = d
			}
		case len(n) >= 5 && bytes.EqualFold(n[:5], []byte("BODY[")):
			switch t := c.next(); {
			case t.kind == 'l', t.kind == '"':
				a.header = t.val
			case t.kind == 'a' && bytes.EqualFold(t.val, []byte("NIL")):
			default:
				return false, errors.New("malformed BODY[] data")
			}
		default:
			if err := c.skip(); err != nil {
				return false, err
			}
		}
	}
}

// keyToken is an atom ('a'), a quoted string ('"', unescaped), a literal
// ('l'), a parenthesis, or the end (0).
type keyToken struct {
	kind byte
	val  []byte
}

// keyCursor walks the tokens of a response across its lines and literals.
type keyCursor struct {
	r *keyResp
	p int // part: even a line, odd a literal
	i int // position in the line
}

func (c *keyCursor) next() keyToken {
	line := c.r.part(c.p)
	for c.i < len(line) && line[c.i] == ' ' {
		c.i++
	}
	if c.i >= len(line) {
		if c.p+1 >= len(c.r.parts) {
			return keyToken{}
		}
		lit := c.r.part(c.p + 1)
		c.p, c.i = c.p+2, 0
		return keyToken{'l', lit}
	}
	switch ch := line[c.i]; ch {
	case '(', ')':
		c.i++
		return keyToken{kind: ch}
	case '"':
		return c.quoted(line)
	}
	start, depth := c.i, 0
	for ; c.i < len(line); c.i++ {
		ch := line[c.i]
		if ch == '"' && depth > 0 { // a quoted field name in a section
			for c.i++; c.i < len(line) && line[c.i] != '"'; c.i++ {
				if line[c.i] == '\\' {
					c.i++
				}
			}
			if c.i >= len(line) {
				return keyToken{kind: '?'}
			}
			continue
		}
		if ch < 0x20 || ch == 0x7f || ch == '"' || ch == '{' || ch == '}' {
			break
		}
		if ch == '[' {
			depth++
		} else if ch == ']' && depth > 0 {
			depth--
		} else if depth == 0 && (ch == ' ' || ch == '(' || ch == ')') {
			break
		}
	}
	if c.i == start || depth > 0 {
		return keyToken{kind: '?'}
	}
	return keyToken{'a', line[start:c.i]}
}

// quoted reads a quoted string at c.i, unescaping into the response's
// scratch buffer when it has escapes.
func (c *keyCursor) quoted(line []byte) keyToken {
	c.i++
	start := c.i
	esc := false
	for ; c.i < len(line); c.i++ {
		switch line[c.i] {
		case '\\':
			esc = true
			c.i++
		case '"':
			v := line[start:c.i]
			c.i++
			if esc {
				s := c.r.scratch[:0]
				for j := 0; j < len(v); j++ {
					if v[j] == '\\' && j+1 < len(v) {
						j++
					}
					s = append(s, v[j])
				}
				c.r.scratch, v = s, s
			}
			return keyToken{'"', v}
		}
	}
	return keyToken{kind: '?'}
}

func (c *keyCursor) number() (uint64, error) {
	t := c.next()
	if t.kind != 'a' || len(t.val) == 0 || len(t.val) > 19 {
		return 0, errors.New("not a number")
	}
	var n uint64
	for _, ch := range t.val {
		if ch < '0' || ch > '9' {
			return 0, errors.New("not a number")
		}
		n = n*10 + uint64(ch-'0')
	}
	return n, nil
}

// skip passes over the value of an item tern did not ask for (FLAGS on
// a flag change, MODSEQ): one token, or a parenthesized list.
func (c *keyCursor) skip() error {
	depth := 0
	for {
		t := c.next()
		switch t.kind {
		case 0, '?':
			return errors.New("malformed FETCH item")
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return errors.New("malformed FETCH item")
			}
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
