package imapsvc

import (
	"errors"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/mailtext"
	"tern/sanitize"
)

// cleanLine is the one way a server string becomes a display string here.
func cleanLine[T ~string](s T) string { return sanitize.Line(string(s)) }

// serverErr turns a NO or BAD into a ServerError with sanitized text.
func serverErr(op string, err error) error {
	var ierr *imap.Error
	if errors.As(err, &ierr) {
		return &ServerError{Op: op, Text: cleanServerText(ierr)}
	}
	return err
}

func toFlags(flags []imap.Flag) Flags {
	var f Flags
	for _, fl := range flags {
		switch fl {
		case imap.FlagSeen:
			f.Seen = true
		case imap.FlagFlagged:
			f.Flagged = true
		case imap.FlagAnswered:
			f.Answered = true
		case imap.FlagDeleted:
			f.Deleted = true
		case imap.FlagDraft:
			f.Draft = true
		default:
			if !strings.HasPrefix(string(fl), `\`) {
				f.Keywords = append(f.Keywords, cleanLine(string(fl)))
			}
		}
	}
	return f
}

// toRow builds a list row from a window fetch.
func toRow(buf *imapclient.FetchMessageBuffer) Row {
	r := Row{UID: UID(buf.UID), Flags: toFlags(buf.Flags), Date: buf.InternalDate}
	if env := buf.Envelope; env != nil {
		r.From = addressLine(env.From, true)
		r.FromAddr = replyAddr(env.From)
		r.Subject = cleanLine(env.Subject)
		if r.Date.IsZero() {
			r.Date = env.Date
		}
	}
	if buf.BodyStructure != nil {
		r.Size = buf.RFC822Size
		r.Attachment = mailtext.HasAttachment(toPart(buf.BodyStructure, nil))
		r.HasDetails = true
	}
	return r
}

// replyAddr is the first address of a From, if it is usable as one:
// bounded, nothing a terminal or a header could take for markup.
func replyAddr(addrs []imap.Address) string {
	if len(addrs) == 0 {
		return ""
	}
	a := addrs[0].Addr()
	if len(a) > 254 || !strings.Contains(a, "@") || cleanLine(a) != a ||
		strings.ContainsFunc(a, func(r rune) bool { return r <= ' ' || strings.ContainsRune("<>,;\"()", r) }) {
		return ""
	}
	return a
}

// addressLine renders addresses; short keeps only names where present.
func addressLine(addrs []imap.Address, short bool) string {
	parts := make([]string, 0, len(addrs))
	for _, a := range addrs {
		addr := a.Addr()
		switch {
		case a.Name != "" && short:
			parts = append(parts, a.Name)
		case a.Name != "" && addr != "":
			parts = append(parts, a.Name+" <"+addr+">")
		case addr != "":
			parts = append(parts, addr)
		case a.Name != "":
			parts = append(parts, a.Name)
		}
	}
	return cleanLine(strings.Join(parts, ", "))
}

// toPart converts BODYSTRUCTURE into mailtext's library-free tree.
func toPart(bs imap.BodyStructure, path []int) mailtext.Part {
	p := mailtext.Part{Path: append([]int(nil), path...)}
	switch b := bs.(type) {
	case *imap.BodyStructureSinglePart:
		p.Type, p.Subtype = strings.ToLower(b.Type), strings.ToLower(b.Subtype)
		p.Params = lowerKeys(b.Params)
		p.Encoding = strings.ToLower(b.Encoding)
		p.Size = b.Size
		if d := b.Disposition(); d != nil {
			p.Disposition = strings.ToLower(d.Value)
			p.DispParams = lowerKeys(d.Params)
		}
		if m := b.MessageRFC822; m != nil && m.BodyStructure != nil && p.Type == "message" && p.Subtype == "rfc822" {
			p.Children = []mailtext.Part{enclosedPart(m.BodyStructure, path)}
		}
	case *imap.BodyStructureMultiPart:
		p.Type, p.Subtype = "multipart", strings.ToLower(b.Subtype)
		if b.Extended != nil { // protocol= of multipart/signed and /encrypted
			p.Params = lowerKeys(b.Extended.Params)
		}
		if d := b.Disposition(); d != nil {
			p.Disposition = strings.ToLower(d.Value)
		}
		for i, child := range b.Children {
			p.Children = append(p.Children, toPart(child, append(path, i+1)))
		}
	}
	return p
}

// enclosedPart numbers the body of a message/rfc822 part at path as IMAP
// (and mailtext.ParseRaw) do: a multipart body shares the path, so its parts
// are path.1, path.2; a single-part body is path.1. At the top level the
// enclosed message's path starts at 1.
func enclosedPart(bs imap.BodyStructure, path []int) mailtext.Part {
	base := append([]int(nil), path...)
	if len(base) == 0 {
		base = []int{1}
	}
	if _, multi := bs.(*imap.BodyStructureMultiPart); !multi {
		base = append(base, 1)
	}
	return toPart(bs, base)
}

func lowerKeys(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}
