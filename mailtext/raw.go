package mailtext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// maxNesting caps how deep ParseRaw follows multiparts and enclosed messages. Real mail
// nests a few levels; hostile mail can nest thousands, and each level rescans its body.
const maxNesting = 100

// maxProblems caps how many problems ParseRaw reports: a broken message can have one
// per part.
const maxProblems = 10

// ErrTooDeep is reported (inside ParseRaw's error) when parts nest deeper than 100
// levels; the parts below that are left out of the tree.
var ErrTooDeep = errors.New("MIME parts nested too deeply: the innermost are not shown")

// ParseRaw builds the Part tree of a raw RFC 5322 message, numbered as IMAP numbers
// BODYSTRUCTURE: the children of a multipart are 1..n, nested ones 1.2.3, and a
// message/rfc822 part has one child, the enclosed message's body (see Part). Parameter
// values are kept as sent, as a server sends them in BODYSTRUCTURE (Part.Filename
// decodes them).
//
// It never fails outright: it repairs what it can and returns the tree together with an
// error that lists what was wrong (lines that are not headers, a multipart without
// boundary or whose boundary never appears, which is shown as text/plain as RFC 2045
// says for an invalid Content-Type, a missing closing boundary, ErrTooDeep). Use the
// tree even when the error is not nil.
func ParseRaw(raw []byte) (Part, error) {
	pr := parseRaw(raw)
	return pr.root, pr.err()
}

// PartBody returns the body of the part at path, still transfer-encoded, as IMAP's
// BODY[section] would: for a message/rfc822 part that is the whole enclosed message. An
// empty path, like [1] in a message that is not multipart, is the top-level body.
func PartBody(raw []byte, path []int) ([]byte, error) {
	pr := parseRaw(raw)
	b, ok := pr.bodies[sectionKey(path)]
	if !ok {
		return nil, fmt.Errorf("no part %s in the message", sectionKey(path))
	}
	return b, nil
}

// parsed is the result of one parse: the tree and, by section, the raw body of each
// part. Both are built by the same walk, so PartBody and ParseRaw always agree.
type parsed struct {
	root     Part
	header   textproto.Header // the top-level header
	bodies   map[string][]byte
	problems []error
}

func parseRaw(raw []byte) *parsed {
	pr := &parsed{bodies: map[string][]byte{}}
	h, body := pr.split(skipMboxLine(raw))
	pr.header = h
	pr.root = pr.build(h, body, nil, "plain", 0)
	return pr
}

func (pr *parsed) problem(err error) {
	for _, e := range pr.problems {
		if e.Error() == err.Error() {
			return
		}
	}
	if len(pr.problems) < maxProblems {
		pr.problems = append(pr.problems, err)
	}
}

func (pr *parsed) err() error { return errors.Join(pr.problems...) }

// build makes the Part for one entity at path. dflt is the default subtype of its
// Content-Type: "rfc822" (message/rfc822) in multipart/digest, "plain" elsewhere.
func (pr *parsed) build(h textproto.Header, body []byte, path []int, dflt string, depth int) Part {
	p := partFromHeader(h, dflt)
	p.Path = path
	p.Size = uint32(min(len(body), 1<<32-1))
	key := sectionKey(path)
	if _, seen := pr.bodies[key]; !seen { // an enclosed multipart shares its message's path
		pr.bodies[key] = body
	}
	if len(path) == 0 && !p.IsMultipart() {
		pr.bodies["1"] = body
	}
	if (p.IsMultipart() || p.Type == "message" && p.Subtype == "rfc822") && depth >= maxNesting {
		pr.problem(ErrTooDeep)
		return p
	}
	switch {
	case p.IsMultipart():
		parts, err := splitMultipart(body, p.Params["boundary"])
		if err != nil {
			pr.problem(err)
		}
		if parts == nil { // no usable boundary: show the body rather than nothing
			p.Type, p.Subtype = "text", "plain"
			return p
		}
		childDefault := "plain"
		if p.Subtype == "digest" {
			childDefault = "rfc822"
		}
		for i, part := range parts {
			ch, cb := pr.split(part)
			p.Children = append(p.Children, pr.build(ch, cb, appendPath(path, i+1), childDefault, depth+1))
		}
	case p.Type == "message" && p.Subtype == "rfc822":
		eh, eb := pr.split(body)
		base := path
		if len(base) == 0 { // a top-level message/rfc822 body is part 1
			base = []int{1}
		}
		// Numbered as build will see it: a multipart that cannot be split is text.
		enclosed := partFromHeader(eh, "plain")
		if parts, _ := splitMultipart(eb, enclosed.Params["boundary"]); !enclosed.IsMultipart() || parts == nil {
			base = appendPath(base, 1)
		}
		p.Children = []Part{pr.build(eh, eb, base, "plain", depth+1)}
	}
	return p
}

// appendPath returns path+n in a new slice: children must not share backing arrays.
func appendPath(path []int, n int) []int {
	out := make([]int, len(path), len(path)+1)
	copy(out, path)
	return append(out, n)
}

// sectionKey is Part.Section without the special cases for the top level.
func sectionKey(path []int) string {
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ".")
}

// skipMboxLine drops the "From sender date" line that starts a message in an mbox file
// or a saved raw source: it is not a header and would end the header block.
func skipMboxLine(raw []byte) []byte {
	if len(raw) < 5 || string(raw[:5]) != "From " {
		return raw
	}
	for i, c := range raw {
		if c == '\n' {
			return raw[i+1:]
		}
	}
	return nil
}
