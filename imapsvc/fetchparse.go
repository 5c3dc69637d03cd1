package imapsvc

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// ParseFetchItems parses the items of ":fetch" (every fetch attribute of
// RFC 3501, case-insensitive) into go-imap's FetchOptions: the macros
// FAST, ALL and FULL; FLAGS, UID, INTERNALDATE, RFC822.SIZE, ENVELOPE,
// BODY, BODYSTRUCTURE; RFC822 (BODY[]), RFC822.HEADER (BODY.PEEK[HEADER])
// and RFC822.TEXT (BODY[TEXT]); and BODY[section]<partial> and
// BODY.PEEK[section]<partial>, where section is a part number and/or
// HEADER, HEADER.FIELDS (...), HEADER.FIELDS.NOT (...), TEXT or MIME.
// A list may be parenthesised. Errors say what was not understood.
func ParseFetchItems(s string) (*imap.FetchOptions, error) {
	p := &fetchParser{src: strings.TrimSpace(s)}
	opts := &imap.FetchOptions{UID: true}
	if p.src == "" {
		return nil, fmt.Errorf("fetch needs items, e.g. FLAGS or BODY.PEEK[HEADER]")
	}
	paren := p.eat("(")
	for n := 0; ; n++ {
		p.skipSpace()
		if p.done() || p.peek() == ')' {
			if n == 0 {
				return nil, fmt.Errorf("fetch: empty item list")
			}
			break
		}
		if err := p.item(opts, n == 0 && !paren); err != nil {
			return nil, err
		}
	}
	if paren && !p.eat(")") {
		return nil, fmt.Errorf("fetch: missing ) at the end of the item list")
	}
	if p.skipSpace(); !p.done() {
		return nil, fmt.Errorf("fetch: unexpected %q after the items", p.src[p.pos:])
	}
	return opts, nil
}

type fetchParser struct {
	src string
	pos int
}

func (p *fetchParser) done() bool { return p.pos >= len(p.src) }
func (p *fetchParser) peek() byte { return p.src[p.pos] }

func (p *fetchParser) skipSpace() {
	for !p.done() && p.peek() == ' ' {
		p.pos++
	}
}

// eat consumes tok (case-insensitive) if it comes next.
func (p *fetchParser) eat(tok string) bool {
	if len(p.src)-p.pos >= len(tok) && strings.EqualFold(p.src[p.pos:p.pos+len(tok)], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

// atom reads letters, digits, '.' and '822' style names up to a delimiter.
func (p *fetchParser) atom() string {
	start := p.pos
	for !p.done() && !strings.ContainsRune(" ()[]<>", rune(p.peek())) {
		p.pos++
	}
	return strings.ToUpper(p.src[start:p.pos])
}

func (p *fetchParser) item(opts *imap.FetchOptions, macroOK bool) error {
	name := p.atom()
	switch name {
	case "FAST", "ALL", "FULL":
		if !macroOK {
			return fmt.Errorf("fetch: the macro %s cannot be part of a list", name)
		}
		opts.Flags, opts.InternalDate, opts.RFC822Size = true, true, true
		opts.Envelope = name != "FAST"
		if name == "FULL" {
			opts.BodyStructure = &imap.FetchItemBodyStructure{}
		}
	case "FLAGS":
		opts.Flags = true
	case "UID":
	case "INTERNALDATE":
		opts.InternalDate = true
	case "RFC822.SIZE":
		opts.RFC822Size = true
	case "ENVELOPE":
		opts.Envelope = true
	case "BODYSTRUCTURE":
		opts.BodyStructure = &imap.FetchItemBodyStructure{Extended: true}
	case "RFC822.HEADER":
		opts.BodySection = append(opts.BodySection, &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true})
	case "RFC822": // not PEEK: sets \Seen, as RFC 3501 says
		opts.BodySection = append(opts.BodySection, &imap.FetchItemBodySection{})
	case "RFC822.TEXT":
		opts.BodySection = append(opts.BodySection, &imap.FetchItemBodySection{Specifier: imap.PartSpecifierText})
	case "BODY", "BODY.PEEK":
		if p.done() || p.peek() != '[' {
			if name == "BODY.PEEK" {
				return fmt.Errorf("fetch: BODY.PEEK needs a section, e.g. BODY.PEEK[TEXT]")
			}
			if opts.BodyStructure == nil {
				opts.BodyStructure = &imap.FetchItemBodyStructure{}
			}
			return nil
		}
		sec, err := p.section()
		if err != nil {
			return err
		}
		sec.Peek = name == "BODY.PEEK"
		opts.BodySection = append(opts.BodySection, sec)
	case "":
		return fmt.Errorf("fetch: expected an item at %q", p.src[p.pos:])
	default:
		if strings.ContainsAny(name, "0123456789*:,") && strings.Trim(name, "0123456789*:,") == "" {
			return fmt.Errorf("fetch: the message set %s goes before the items, e.g. :fetch %s flags", name, name)
		}
		return fmt.Errorf("fetch: unknown item %q (try FLAGS, ENVELOPE, BODY.PEEK[HEADER], FULL)", name)
	}
	return nil
}

// section parses "[1.2.HEADER.FIELDS (FROM TO)]<0.100>".
func (p *fetchParser) section() (*imap.FetchItemBodySection, error) {
	p.eat("[")
	sec := &imap.FetchItemBodySection{}
	start := p.pos
	for !p.done() && p.peek() != ']' && p.peek() != ' ' && p.peek() != '(' {
		p.pos++
	}
	spec := strings.ToUpper(p.src[start:p.pos])
	for spec != "" {
		head, rest, _ := strings.Cut(spec, ".")
		n, err := strconv.Atoi(head)
		if err != nil {
			break
		}
		if n < 1 {
			return nil, fmt.Errorf("fetch: part numbers start at 1, not %d", n)
		}
		sec.Part = append(sec.Part, n)
		spec = rest
	}
	switch spec {
	case "":
	case "HEADER":
		sec.Specifier = imap.PartSpecifierHeader
	case "TEXT":
		sec.Specifier = imap.PartSpecifierText
	case "MIME":
		if len(sec.Part) == 0 {
			return nil, fmt.Errorf("fetch: MIME needs a part number, e.g. BODY[1.MIME]")
		}
		sec.Specifier = imap.PartSpecifierMIME
	case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
		sec.Specifier = imap.PartSpecifierHeader
		fields, err := p.fieldList()
		if err != nil {
			return nil, err
		}
		if spec == "HEADER.FIELDS" {
			sec.HeaderFields = fields
		} else {
			sec.HeaderFieldsNot = fields
		}
	default:
		return nil, fmt.Errorf("fetch: unknown section %q (HEADER, HEADER.FIELDS (...), HEADER.FIELDS.NOT (...), TEXT, MIME or a part number)", spec)
	}
	if !p.eat("]") {
		return nil, fmt.Errorf("fetch: missing ] after the section")
	}
	if p.eat("<") {
		partial, err := p.partial()
		if err != nil {
			return nil, err
		}
		sec.Partial = partial
	}
	return sec, nil
}

func (p *fetchParser) fieldList() ([]string, error) {
	p.skipSpace()
	if !p.eat("(") {
		return nil, fmt.Errorf("fetch: HEADER.FIELDS needs a list of field names in ( )")
	}
	var fields []string
	for {
		p.skipSpace()
		if p.eat(")") {
			break
		}
		if p.done() {
			return nil, fmt.Errorf("fetch: missing ) after the field names")
		}
		f := p.atom()
		if f == "" {
			return nil, fmt.Errorf("fetch: bad field name at %q", p.src[p.pos:])
		}
		fields = append(fields, f)
	}
	if len(fields) == 0 {
		return nil, fmt.Errorf("fetch: HEADER.FIELDS needs at least one field name")
	}
	return fields, nil
}

// partial parses "offset.size>".
func (p *fetchParser) partial() (*imap.SectionPartial, error) {
	end := strings.IndexByte(p.src[p.pos:], '>')
	if end < 0 {
		return nil, fmt.Errorf("fetch: missing > after the partial range")
	}
	off, size, ok := strings.Cut(p.src[p.pos:p.pos+end], ".")
	o, err1 := strconv.ParseInt(off, 10, 64)
	n, err2 := strconv.ParseInt(size, 10, 64)
	if !ok || err1 != nil || err2 != nil || o < 0 || n <= 0 {
		return nil, fmt.Errorf("fetch: a partial range is <offset.size>, e.g. <0.1024>")
	}
	if n > maxPartialLiteral {
		return nil, fmt.Errorf("fetch: a partial range is at most %d bytes (%s)", maxPartialLiteral, sizeText(maxPartialLiteral))
	}
	p.pos += end + 1
	return &imap.SectionPartial{Offset: o, Size: n}, nil
}

// SetsSeen reports whether a fetch with these options sets \Seen: a body
// section without PEEK does (RFC822 and RFC822.TEXT are such sections).
func SetsSeen(opts *imap.FetchOptions) bool {
	for _, sec := range opts.BodySection {
		if !sec.Peek {
			return true
		}
	}
	return false
}

// SplitFetchArgs splits ":fetch [SET] ITEMS" into a sequence set, when the
// first word is one ("1", "1:*", "2,4:6"), and the items. Items never start
// with a digit or "*", so the two cannot be confused.
func SplitFetchArgs(args string) (seq, items string) {
	args = strings.TrimSpace(args)
	first, rest, _ := strings.Cut(args, " ")
	if first != "" && strings.Trim(first, "0123456789*:,") == "" {
		return first, strings.TrimSpace(rest)
	}
	return "", args
}

// seqRange is a range of sequence numbers as typed; 0 stands for "*".
type seqRange struct{ lo, hi uint32 }

// parseSeqSet parses an RFC 3501 sequence set: numbers, "*" and ranges
// a:b, separated by commas.
func parseSeqSet(s string) ([]seqRange, error) {
	if s == "" {
		return nil, fmt.Errorf("fetch: empty message set")
	}
	num := func(v string) (uint32, error) {
		if v == "*" {
			return 0, nil
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || n == 0 {
			return 0, fmt.Errorf("fetch: bad message number %q in %q (sequence numbers start at 1; * is the last)", v, s)
		}
		return uint32(n), nil
	}
	var out []seqRange
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(part, ":")
		lo, err := num(a)
		if err != nil {
			return nil, err
		}
		hi := lo
		if isRange {
			if hi, err = num(b); err != nil {
				return nil, err
			}
		}
		out = append(out, seqRange{lo, hi})
	}
	return out, nil
}

// expandSeq resolves "*" to n (the folder's message count) and returns the
// first limit sequence numbers of the set in ascending order, without
// repeats, and how many the set names in all. A number past n is an error,
// as on the server.
func expandSeq(rs []seqRange, n uint32, limit int) (seqs []uint32, total int, err error) {
	if n == 0 {
		return nil, 0, fmt.Errorf("fetch: the folder is empty")
	}
	spans := make([]seqRange, 0, len(rs))
	for _, r := range rs {
		lo, hi := r.lo, r.hi
		if lo == 0 {
			lo = n
		}
		if hi == 0 {
			hi = n
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		if hi > n {
			return nil, 0, fmt.Errorf("fetch: there is no message %d: the folder has %d", hi, n)
		}
		spans = append(spans, seqRange{lo, hi})
	}
	slices.SortFunc(spans, func(a, b seqRange) int { return cmp.Compare(a.lo, b.lo) })
	next := uint32(1) // the lowest number not yet counted
	for _, sp := range spans {
		lo := max(sp.lo, next)
		if lo > sp.hi {
			continue
		}
		total += int(sp.hi - lo + 1)
		for q := lo; q <= sp.hi && len(seqs) < limit; q++ {
			seqs = append(seqs, q)
		}
		next = sp.hi + 1
	}
	return seqs, total, nil
}
