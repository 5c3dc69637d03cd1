// Package mailtext chooses the part of a message to show as its text, decodes it to
// UTF-8 and wraps it for the terminal.
//
// It knows MIME only through Part, which the IMAP layer fills from BODYSTRUCTURE, so it
// does not depend on go-imap; ParseRaw builds the same tree from a raw message. Nothing
// here sanitizes, except RenderRaw, whose lines are ready to print: every other string
// it returns (text, file names, decoded headers, links) comes from the sender and must
// go through package sanitize before it reaches the terminal.
package mailtext

import (
	"mime"
	"strconv"
	"strings"
)

// Part is one node of a message's MIME structure.
//
// Children of a multipart are its parts. A message/rfc822 part has one child: the body
// of the enclosed message, numbered as IMAP numbers it (for part 2, a single-part body
// is 2.1 and a multipart body's parts are 2.1, 2.2, ...).
type Part struct {
	Path          []int             // IMAP part number, e.g. [1 2] = "1.2"; empty = whole message
	Type, Subtype string            // lower-case, e.g. "text", "plain"
	Params        map[string]string // lower-case keys: charset, name, format, delsp, boundary
	Disposition   string            // lower-case "attachment", "inline" or ""
	DispParams    map[string]string // lower-case keys: filename, ...
	Encoding      string            // lower-case "base64", "quoted-printable", "7bit", ...
	Size          uint32
	Children      []Part
}

// IsMultipart reports whether p is a multipart/* container.
func (p Part) IsMultipart() bool { return p.Type == "multipart" }

// Section returns the IMAP section to fetch p's body with, e.g. "1.2" for BODY[1.2].
// A message that is not multipart has only part 1 (RFC 3501, 6.4.5), so its top level,
// which has an empty Path, is "1". The top level of a multipart message has no body of
// its own: Section returns "", which is BODY[], the whole message.
func (p Part) Section() string {
	if len(p.Path) == 0 {
		if p.IsMultipart() {
			return ""
		}
		return "1"
	}
	var b strings.Builder
	for i, n := range p.Path {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// Filename returns the part's file name: the disposition's filename, else the type's
// name, RFC 2231 and RFC 2047 encodings decoded. It is returned as sent: the caller
// sanitizes it for display and takes filepath.Base before saving under it.
func (p Part) Filename() string {
	for _, pp := range []struct {
		params map[string]string
		key    string
	}{{p.DispParams, "filename"}, {p.Params, "name"}} {
		if v := pp.params[pp.key]; v != "" {
			return DecodeHeader(v)
		}
		if v := rfc2231(pp.params, pp.key); v != "" {
			return v
		}
	}
	return ""
}

// rfc2231 decodes key* and key*0, key*1, ... parameters by handing them to
// mime.ParseMediaType: go-imap v2 passes BODYSTRUCTURE parameters on as the server sends
// them, RFC 2231 encoding included. ParseMediaType knows only UTF-8 and US-ASCII there.
func rfc2231(params map[string]string, key string) string {
	var b strings.Builder
	b.WriteString("x/x")
	found := false
	for k, v := range params {
		if !strings.HasPrefix(k, key+"*") {
			continue
		}
		found = true
		b.WriteString("; " + k + "=")
		if strings.HasSuffix(k, "*") {
			b.WriteString(v) // extended value: charset'lang'%XX, a token
		} else {
			b.WriteString(`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`)
		}
	}
	if !found {
		return ""
	}
	_, decoded, err := mime.ParseMediaType(b.String())
	if err != nil {
		return ""
	}
	return decoded[key]
}

// IsAttachment reports whether p is something to save or open rather than read inline:
// anything with disposition "attachment"; a text part that has a file name and no
// "inline" disposition; and every part that is neither text nor multipart (images,
// documents, forwarded messages), since a terminal cannot show those inline.
func (p Part) IsAttachment() bool {
	switch {
	case p.Disposition == "attachment":
		return true
	case p.IsMultipart():
		return false
	case p.Type == "text":
		return p.Disposition != "inline" && p.Filename() != ""
	}
	return true
}
