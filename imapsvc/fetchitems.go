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

// maxItemMessages caps how many messages one :fetch shows: the answer is
// for reading on a screen.
const maxItemMessages = 100

// FetchItems runs ":fetch ITEMS" (see ParseFetchItems) for the given
// messages, in one UID FETCH, and returns the answer decoded for reading:
// header sections with RFC 2047 words decoded, text parts in their
// transfer encoding and charset undone, structures as trees. Every line
// is sanitized.
func (s *Service) FetchItems(ctx context.Context, mb Mailbox, uids []UID, items string) (string, error) {
	opts, err := ParseFetchItems(items)
	if err != nil {
		return "", err
	}
	if len(uids) == 0 {
		return "", fmt.Errorf("fetch: no message selected")
	}
	var b strings.Builder
	if len(uids) > maxItemMessages {
		fmt.Fprintf(&b, "[the first %d of %d messages]\n", maxItemMessages, len(uids))
		uids = uids[:maxItemMessages]
	}
	err = s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		if sel.readOnly && peekOnly(opts) {
			b.WriteString("[read-only folder (EXAMINE): BODY[...] sent as BODY.PEEK[...], so \\Seen is not set]\n")
		}
		set := uidSet(uids)
		roots := map[imap.UID]mailtext.Part{}
		if len(opts.BodySection) > 0 { // to decode the parts asked for
			msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}).Collect()
			if err != nil {
				return serverErr("UID FETCH", err)
			}
			for _, m := range msgs {
				if m.BodyStructure != nil {
					roots[m.UID] = toPart(m.BodyStructure, nil)
				}
			}
		}
		for _, sec := range opts.BodySection {
			if sec.Partial == nil {
				sec.Partial = &imap.SectionPartial{Size: maxItemBytes}
			}
		}
		opts.UID = true
		msgs, err := c.Fetch(set, opts).Collect()
		if err != nil {
			return serverErr("UID FETCH", err)
		}
		if len(msgs) == 0 {
			return fmt.Errorf("the messages are no longer in %s", cleanLine(mb.Name))
		}
		for i, m := range msgs {
			if i > 0 {
				b.WriteString("\n")
			}
			writeItems(&b, m, opts, roots[m.UID])
		}
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
