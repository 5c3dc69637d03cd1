package mailtext

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// split separates an entity's header from its body at the first empty line and parses
// the header with go-message. Lines that are not header fields are dropped and
// reported: go-message stops at the first one, which would lose the fields after it.
// An entity in which no line before the first empty one is a header field has no header
// (RFC 2046 lets a part start with an empty line and its body; broken senders omit the
// empty line).
func (pr *parsed) split(raw []byte) (textproto.Header, []byte) {
	var (
		clean   bytes.Buffer
		body    []byte
		dropped int
		kept    bool // the last line was kept, so a continuation line belongs to it
	)
	rest := raw
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if next == nil && len(line) == len(rest) { // last line, no '\n'
			next = rest[len(rest):]
		}
		trimmed := bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case len(trimmed) == 0:
			body = next
			rest = nil
			continue
		case (trimmed[0] == ' ' || trimmed[0] == '\t') && kept:
		case isHeaderField(trimmed):
			kept = true
		default:
			dropped++
			kept = false
			rest = next
			continue
		}
		clean.Write(trimmed)
		clean.WriteString("\r\n")
		rest = next
	}
	if clean.Len() == 0 && dropped > 0 { // not one header field: it is all body
		return textproto.Header{}, raw
	}
	if dropped > 0 {
		pr.problem(fmt.Errorf("%d header lines are malformed: ignored", dropped))
	}
	clean.WriteString("\r\n")
	h, err := textproto.ReadHeader(bufio.NewReader(&clean))
	if err != nil {
		pr.problem(fmt.Errorf("header: %v", err))
	}
	if body == nil {
		body = raw[len(raw):] // a message that is all header has an empty body
	}
	return h, body
}

// isHeaderField reports whether line is "Name: value" with a valid field name (RFC 5322:
// printable ASCII but the colon; trailing spaces before the colon are tolerated).
func isHeaderField(line []byte) bool {
	name, _, ok := bytes.Cut(line, []byte(":"))
	name = bytes.TrimRight(name, " \t")
	if !ok || len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// partFromHeader fills a Part's type, parameters, encoding and disposition from a
// header. A missing or unparsable Content-Type is text/plain (RFC 2045, 5.2), or
// message/rfc822 where that is the default (dflt "rfc822", in multipart/digest).
func partFromHeader(h textproto.Header, dflt string) Part {
	p := Part{Type: "text", Subtype: "plain"}
	if dflt == "rfc822" {
		p.Type, p.Subtype = "message", "rfc822"
	}
	if mt, params := parseMediaType(h.Get("Content-Type")); mt != "" {
		typ, sub, ok := strings.Cut(mt, "/")
		if ok && typ != "" && sub != "" {
			p.Type, p.Subtype, p.Params = typ, sub, params
		}
	}
	p.Encoding = strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	if d, params := parseMediaType(h.Get("Content-Disposition")); d != "" {
		p.Disposition, p.DispParams = d, params
	}
	return p
}

// parseMediaType parses a Content-Type or Content-Disposition value with
// mime.ParseMediaType, which keys parameters in lower case and decodes RFC 2231. What
// it rejects (duplicate or stray parameters are common) is parsed leniently, by ';' and
// '=', so that a boundary or charset is not lost to an unrelated mistake.
func parseMediaType(v string) (string, map[string]string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(v)
	if err == nil {
		return mt, params
	}
	fields := strings.Split(v, ";")
	mt = strings.ToLower(strings.TrimSpace(fields[0]))
	params = map[string]string{}
	for _, f := range fields[1:] {
		k, val, ok := strings.Cut(f, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" {
			continue
		}
		if _, dup := params[k]; !dup {
			params[k] = strings.Trim(strings.TrimSpace(val), `"`)
		}
	}
	return mt, params
}

// splitMultipart returns the bodies of a multipart's parts, each still with its header,
// as sub-slices of body. It is written here rather than taken from go-message because it
// must keep raw bytes and accept what go-message rejects: a missing closing delimiter
// (a truncated message keeps its last part) and delimiter lines with trailing spaces.
// It returns nil parts when the boundary is missing or never appears.
func splitMultipart(body []byte, boundary string) ([][]byte, error) {
	if boundary == "" {
		return nil, errors.New("multipart without a boundary: shown as text")
	}
	delim := []byte("--" + boundary)
	var (
		parts [][]byte
		start = -1 // start of the current part, -1 in the preamble
	)
	for pos := 0; pos < len(body); {
		end := bytes.IndexByte(body[pos:], '\n')
		next := len(body)
		if end >= 0 {
			end += pos
			next = end + 1
		} else {
			end = len(body)
		}
		line := bytes.TrimRight(body[pos:end], " \t\r")
		if bytes.HasPrefix(line, delim) {
			tail := line[len(delim):]
			if len(tail) == 0 || string(tail) == "--" {
				if start >= 0 {
					parts = append(parts, trimLineBreak(body[start:pos]))
				}
				if string(tail) == "--" {
					return parts, nil
				}
				start = next
			}
		}
		pos = next
	}
	if start < 0 {
		return nil, fmt.Errorf("multipart boundary %q not found: shown as text", boundary)
	}
	parts = append(parts, body[start:])
	return parts, errors.New("multipart ends without its closing boundary: the message may be truncated")
}

// trimLineBreak removes the line break before a delimiter, which belongs to it.
func trimLineBreak(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
