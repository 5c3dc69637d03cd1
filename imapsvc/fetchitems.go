package imapsvc

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/mailtext"
	"tern/sanitize"
)

// maxItemBytes caps a body section that :fetch asks for without a partial
// range: the answer is for reading, and a whole 20 MB message is not.
const maxItemBytes = 1 << 20

// FetchItems runs ":fetch ITEMS" (see ParseFetchItems) for one message and
// returns the answer decoded for reading: header sections with RFC 2047
// words decoded, text parts in their transfer encoding and charset undone,
// structures as trees. Every line is sanitized.
func (s *Service) FetchItems(ctx context.Context, mb Mailbox, uid UID, items string) (string, error) {
	opts, err := ParseFetchItems(items)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		var root mailtext.Part
		if len(opts.BodySection) > 0 { // to decode the parts asked for
			m, err := fetchOne(c, set, &imap.FetchOptions{BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}, uid)
			if err != nil {
				return err
			}
			if m.BodyStructure != nil {
				root = toPart(m.BodyStructure, nil)
			}
		}
		for _, sec := range opts.BodySection {
			if sec.Partial == nil {
				sec.Partial = &imap.SectionPartial{Size: maxItemBytes}
			}
		}
		m, err := fetchOne(c, set, opts, uid)
		if err != nil {
			return err
		}
		writeItems(&b, m, opts, root)
		return nil
	})
	return strings.TrimRight(b.String(), "\n"), err
}

func writeItems(b *strings.Builder, m *imapclient.FetchMessageBuffer, opts *imap.FetchOptions, root mailtext.Part) {
	fmt.Fprintf(b, "UID %d\n", m.UID)
	if opts.Flags {
		flags := make([]string, len(m.Flags))
		for i, f := range m.Flags {
			flags[i] = string(f)
		}
		b.WriteString(sanitize.Line("FLAGS ("+strings.Join(flags, " ")+")") + "\n")
	}
	if opts.InternalDate {
		fmt.Fprintf(b, "INTERNALDATE %s\n", m.InternalDate.Format("02-Jan-2006 15:04:05 -0700"))
	}
	if opts.RFC822Size {
		fmt.Fprintf(b, "RFC822.SIZE %d\n", m.RFC822Size)
	}
	if opts.Envelope && m.Envelope != nil {
		b.WriteString("ENVELOPE\n")
		for _, l := range EnvelopeLines(envelopeInfo(m.Envelope)) {
			b.WriteString("  " + l + "\n")
		}
	}
	if opts.BodyStructure != nil && m.BodyStructure != nil {
		name := "BODY"
		if opts.BodyStructure.Extended {
			name = "BODYSTRUCTURE"
		}
		b.WriteString(name + "\n")
		for _, l := range structureLines(m.BodyStructure, nil, 1, nil) {
			b.WriteString(l + "\n")
		}
	}
	for _, got := range m.BodySection {
		fmt.Fprintf(b, "%s %d bytes\n", sectionName(got.Section), len(got.Bytes))
		if len(got.Bytes) >= maxItemBytes {
			fmt.Fprintf(b, "[only the first %d KiB; ask for more with <offset.size>]\n", maxItemBytes>>10)
		}
		b.WriteString(decodeSection(got.Section, got.Bytes, root) + "\n")
	}
}

// EnvelopeLines lays out an envelope as "Field: value" lines, empty fields
// left out; the info view and :fetch share it.
func EnvelopeLines(e EnvelopeInfo) []string {
	var out []string
	add := func(k, v string) {
		if v != "" {
			out = append(out, k+": "+v)
		}
	}
	if !e.Date.IsZero() {
		add("Date", e.Date.Format(time.RFC1123Z))
	}
	add("Subject", e.Subject)
	add("From", e.From)
	add("Sender", e.Sender)
	add("Reply-To", e.ReplyTo)
	add("To", e.To)
	add("Cc", e.Cc)
	add("Bcc", e.Bcc)
	add("In-Reply-To", e.InReplyTo)
	add("Message-ID", e.MessageID)
	return out
}

// decodeSection makes a fetched section readable: headers decoded, a text
// part decoded by its structure entry, anything else shown as sent.
func decodeSection(sec *imap.FetchItemBodySection, body []byte, root mailtext.Part) string {
	if sec.Specifier == imap.PartSpecifierHeader || sec.Specifier == imap.PartSpecifierMIME {
		return decodeHeaderBlock(body)
	}
	if sec.Specifier == imap.PartSpecifierNone && len(sec.Part) > 0 {
		if p, ok := findPart(root, sec.Part); ok && p.Type == "text" {
			text, _ := mailtext.DecodePart(body, p)
			return sanitize.Text(text)
		}
	}
	if sec.Specifier == imap.PartSpecifierText && len(sec.Part) == 0 && root.Type == "text" {
		text, _ := mailtext.DecodePart(body, root)
		return sanitize.Text(text)
	}
	return sanitize.Text(strings.ReplaceAll(string(body), "\r\n", "\n"))
}

func findPart(p mailtext.Part, path []int) (mailtext.Part, bool) {
	if len(p.Path) == 0 && !p.IsMultipart() && len(path) == 1 && path[0] == 1 {
		return p, true
	}
	if equalPath(p.Path, path) && !p.IsMultipart() {
		return p, true
	}
	for _, ch := range p.Children {
		if f, ok := findPart(ch, path); ok {
			return f, true
		}
	}
	return mailtext.Part{}, false
}

func equalPath(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sectionName writes a section back as IMAP names it: BODY[1.HEADER.FIELDS (FROM)]<0.100>.
func sectionName(sec *imap.FetchItemBodySection) string {
	var parts []string
	for _, n := range sec.Part {
		parts = append(parts, strconv.Itoa(n))
	}
	spec := string(sec.Specifier)
	switch {
	case len(sec.HeaderFields) > 0:
		spec = "HEADER.FIELDS (" + strings.Join(sec.HeaderFields, " ") + ")"
	case len(sec.HeaderFieldsNot) > 0:
		spec = "HEADER.FIELDS.NOT (" + strings.Join(sec.HeaderFieldsNot, " ") + ")"
	}
	if spec != "" {
		parts = append(parts, spec)
	}
	name := "BODY[" + strings.Join(parts, ".") + "]"
	if sec.Partial != nil {
		name += fmt.Sprintf("<%d>", sec.Partial.Offset)
	}
	return sanitize.Line(name)
}
