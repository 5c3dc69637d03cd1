package imapsvc

import (
	"context"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// FetchInfo answers what FETCH n FULL returns (FAST and ALL are subsets):
// FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE and BODY.
func (s *Service) FetchInfo(ctx context.Context, mb Mailbox, uid UID) (MessageInfo, error) {
	out := MessageInfo{Mailbox: mb, UID: uid}
	err := s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		m, err := fetchOne(c, set, &imap.FetchOptions{Flags: true, InternalDate: true, RFC822Size: true,
			Envelope: true, BodyStructure: &imap.FetchItemBodyStructure{}}, uid)
		if err != nil {
			return err
		}
		for _, f := range m.Flags {
			out.Flags = append(out.Flags, cleanLine(string(f)))
		}
		out.InternalDate, out.Size = m.InternalDate, m.RFC822Size
		if m.Envelope != nil {
			out.Envelope = envelopeInfo(m.Envelope)
		}
		if m.BodyStructure != nil {
			out.Structure = structureLines(m.BodyStructure, nil, 0, nil)
		}
		return nil
	})
	return out, err
}

func envelopeInfo(e *imap.Envelope) EnvelopeInfo {
	return EnvelopeInfo{
		Date: e.Date, Subject: cleanLine(e.Subject),
		From: addressLine(e.From, false), Sender: addressLine(e.Sender, false),
		ReplyTo: addressLine(e.ReplyTo, false), To: addressLine(e.To, false),
		Cc: addressLine(e.Cc, false), Bcc: addressLine(e.Bcc, false),
		InReplyTo: cleanLine(strings.Join(e.InReplyTo, " ")), MessageID: cleanLine(e.MessageID),
	}
}

// structureLines draws BODY as an indented tree, one part per line with
// its section number: "1.2 text/html; charset=utf-8 quoted-printable 4.1K".
func structureLines(bs imap.BodyStructure, path []int, depth int, out []string) []string {
	indent := strings.Repeat("  ", depth)
	p := toPart(bs, path)
	sec := p.Section()
	if sec == "" {
		sec = "-"
	}
	switch b := bs.(type) {
	case *imap.BodyStructureMultiPart:
		out = append(out, cleanLine(fmt.Sprintf("%s%s multipart/%s", indent, sec, strings.ToLower(b.Subtype))))
		for i, ch := range b.Children {
			out = structureLines(ch, appendInt(path, i+1), depth+1, out)
		}
	case *imap.BodyStructureSinglePart:
		line := fmt.Sprintf("%s%s %s", indent, sec, b.MediaType())
		if cs := b.Params["charset"]; cs != "" {
			line += "; charset=" + cs
		}
		if name := p.Filename(); name != "" {
			line += fmt.Sprintf(" %q", name)
		}
		line += fmt.Sprintf(" %s %d bytes", strings.ToLower(b.Encoding), b.Size)
		out = append(out, cleanLine(line))
		if m := b.MessageRFC822; m != nil && m.BodyStructure != nil {
			out = structureLines(m.BodyStructure, enclosedPart(m.BodyStructure, path).Path, depth+1, out)
		}
	}
	return out
}

func appendInt(path []int, n int) []int {
	out := make([]int, len(path), len(path)+1)
	copy(out, path)
	return append(out, n)
}
