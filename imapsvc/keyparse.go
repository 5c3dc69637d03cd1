package imapsvc

import (
	"bytes"
	"errors"
	"time"
)

// The parser of the key reader (keyfetch.go): the FETCH answers SortKeys
// asks for, read in place from a keyResp.

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
