// Package compose is the message being written: the text the user edits
// (headers at the top, a blank line, the body), reading it back with
// checks, replies and forwards made from an original, and the MIME
// message built from it. It does no network I/O; files are read only
// while a message is built, to stream attachments.
package compose

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-message/mail"
)

// Draft is a message being written, as the user sees it in the editor.
// Address fields hold what the user typed; Check parses them.
type Draft struct {
	From, To, Cc, Bcc string
	Subject           string
	Body              string
	// Threading, kept from the original of a reply.
	InReplyTo  string
	References []string
	// Attachments are files added by path, streamed when the message is
	// built.
	Attachments []Attachment
}

// Attachment is a file to send. Type "" is found from the name and the
// first bytes; Name "" is the file's base name.
type Attachment struct {
	Path string
	Name string
	Type string
}

// The headers of the editor text, in the order they are written. The
// first five are always there so the user can fill them in; the others
// only when set.
var editorHeaders = []string{"From", "To", "Cc", "Bcc", "Subject", "In-Reply-To", "References", "Attach"}

// Text is the draft as the editor shows it: headers, a blank line, the
// body. Parse reads it back.
func (d Draft) Text() string {
	var b strings.Builder
	for _, h := range editorHeaders {
		for _, v := range d.values(h) {
			b.WriteString(h + ": " + v + "\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(d.Body)
	if d.Body != "" && !strings.HasSuffix(d.Body, "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// values are the lines header h takes in Text: one each, nil when an
// optional header is unset.
func (d Draft) values(h string) []string {
	switch h {
	case "From":
		return []string{d.From}
	case "To":
		return []string{d.To}
	case "Cc":
		return []string{d.Cc}
	case "Bcc":
		return []string{d.Bcc}
	case "Subject":
		return []string{d.Subject}
	case "In-Reply-To":
		if d.InReplyTo != "" {
			return []string{d.InReplyTo}
		}
	case "References":
		if len(d.References) > 0 {
			return []string{strings.Join(d.References, " ")}
		}
	case "Attach":
		var out []string
		for _, a := range d.Attachments {
			out = append(out, a.Path)
		}
		return out
	}
	return nil
}

// ParseError is a line of the editor text that cannot be read.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse reads the editor text back into a draft. Headers end at the first
// empty line; a line starting with a space or tab continues the header
// above (long address lists), except for the subject, which must stay on
// one line. Unknown headers are errors, so a typo ("Sbject:") is not
// silently dropped.
func Parse(text string) (Draft, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	var d Draft
	var errs []error
	last := "" // the header a continuation line belongs to
	i := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			i++
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			switch last {
			case "":
				errs = append(errs, &ParseError{i + 1, "a continuation line with no header above"})
			case "Subject":
				errs = append(errs, &ParseError{i + 1, "the subject has a line break"})
			default:
				d.set(last, strings.TrimSpace(l), true)
			}
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		canon := canonical(strings.TrimSpace(name))
		if !ok || canon == "" {
			last = ""
			errs = append(errs, &ParseError{i + 1, fmt.Sprintf("%q is not a header (known: %s); the body starts after an empty line",
				clip(l), strings.Join(editorHeaders, ", "))})
			continue
		}
		last = canon
		d.set(canon, strings.TrimSpace(value), false)
	}
	if i <= len(lines) {
		d.Body = strings.Join(lines[min(i, len(lines)):], "\n")
	}
	return d, errors.Join(errs...)
}

func canonical(name string) string {
	for _, h := range editorHeaders {
		if strings.EqualFold(h, name) {
			return h
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// set stores a header value; cont appends a continuation line.
func (d *Draft) set(h, v string, cont bool) {
	join := func(old, v string) string {
		if cont && old != "" && v != "" {
			return old + " " + v
		}
		if old != "" && v != "" { // a header given twice: keep both lists
			return old + ", " + v
		}
		return old + v
	}
	switch h {
	case "From":
		d.From = join(d.From, v)
	case "To":
		d.To = join(d.To, v)
	case "Cc":
		d.Cc = join(d.Cc, v)
	case "Bcc":
		d.Bcc = join(d.Bcc, v)
	case "Subject":
		d.Subject = v
	case "In-Reply-To":
		d.InReplyTo = v
	case "References":
		d.References = append(d.References, strings.Fields(v)...)
	case "Attach":
		if v != "" {
			d.Attachments = append(d.Attachments, Attachment{Path: v})
		}
	}
}

// Checked is a draft whose headers parse: ready to build and send.
type Checked struct {
	Draft
	FromAddr    *mail.Address
	To, Cc, Bcc []*mail.Address
}

// Recipients are the envelope recipients: To, Cc and Bcc, each once.
func (c Checked) Recipients() []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]*mail.Address{c.To, c.Cc, c.Bcc} {
		for _, a := range list {
			k := strings.ToLower(a.Address)
			if !seen[k] {
				seen[k] = true
				out = append(out, a.Address)
			}
		}
	}
	return out
}

// Check parses the headers. Every problem is returned (joined), in the
// order of the headers, for the review screen: an address that does not
// parse, no From, an empty To, a subject with a line break.
func Check(d Draft) (Checked, error) { return check(d, true) }

// CheckPostpone is Check for a draft stored to finish later: To may be
// empty, everything else must hold (an address that does not parse
// would be lost in the stored message).
func CheckPostpone(d Draft) (Checked, error) { return check(d, false) }

func check(d Draft, needTo bool) (Checked, error) {
	c := Checked{Draft: d}
	var errs []error
	from, err := parseList("From", d.From)
	switch {
	case err != nil:
		errs = append(errs, err)
	case len(from) != 1:
		errs = append(errs, errors.New("From: give exactly one address"))
	default:
		c.FromAddr = from[0]
	}
	if c.To, err = parseList("To", d.To); err != nil {
		errs = append(errs, err)
	} else if len(c.To) == 0 && needTo {
		errs = append(errs, errors.New("To: is empty"))
	}
	if c.Cc, err = parseList("Cc", d.Cc); err != nil {
		errs = append(errs, err)
	}
	if c.Bcc, err = parseList("Bcc", d.Bcc); err != nil {
		errs = append(errs, err)
	}
	if strings.ContainsAny(d.Subject, "\r\n") {
		errs = append(errs, errors.New("Subject: has a line break"))
	}
	return c, errors.Join(errs...)
}

// parseList parses a comma-separated address list; empty is no addresses.
func parseList(field, s string) ([]*mail.Address, error) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ","))
	if s == "" {
		return nil, nil
	}
	list, err := mail.ParseAddressList(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %q is not an address list (%v)", field, clip(s), err)
	}
	return list, nil
}
