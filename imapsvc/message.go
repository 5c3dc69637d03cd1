package imapsvc

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/mailtext"
	"tern/sanitize"
)

// maxTextBytes caps how much of one text part is fetched for the viewer; a
// longer part is shown truncated, with a note.
const maxTextBytes = 8 << 20

// FetchMessage fetches a message's envelope and structure, then only the
// text part it will show: attachments are never downloaded to show text.
// With markSeen it sets \Seen explicitly, since the part is fetched with PEEK.
func (s *Service) FetchMessage(ctx context.Context, mb Mailbox, uid UID, markSeen bool) (Message, error) {
	out := Message{Mailbox: mb, UID: uid}
	err := s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		set := imap.UIDSetNum(imap.UID(uid))
		msgs, err := c.Fetch(set, &imap.FetchOptions{
			UID: true, Flags: true, Envelope: true,
			BodyStructure: &imap.FetchItemBodyStructure{Extended: true},
		}).Collect()
		if err != nil {
			return serverErr("UID FETCH", err)
		}
		if len(msgs) == 0 {
			return fmt.Errorf("message UID %d is no longer in %s", uid, cleanLine(mb.Name))
		}
		m := msgs[0]
		fillHeader(&out, m)
		if m.BodyStructure != nil {
			root := toPart(m.BodyStructure, nil)
			out.Parts = partInfos(root)
			if err := s.fetchText(c, set, root, &out); err != nil {
				return err
			}
		}
		if markSeen && !sel.readOnly && !out.Flags.Seen {
			return s.markSeen(c, set, &out)
		}
		return nil
	})
	return out, err
}

func fillHeader(out *Message, m *imapclient.FetchMessageBuffer) {
	out.Flags = toFlags(m.Flags)
	if env := m.Envelope; env != nil {
		out.From = addressLine(env.From, false)
		out.To = addressLine(env.To, false)
		out.Cc = addressLine(env.Cc, false)
		out.Date = env.Date
		out.Subject = cleanLine(env.Subject)
	}
}

// fetchText fetches and decodes the part mailtext chooses.
func (s *Service) fetchText(c *imapclient.Client, set imap.UIDSet, root mailtext.Part, out *Message) error {
	part, ok := mailtext.ChooseText(root)
	if !ok {
		out.Notes = append(out.Notes, "this message has no text part")
		return nil
	}
	section := &imap.FetchItemBodySection{Part: part.Path, Peek: true,
		Partial: &imap.SectionPartial{Offset: 0, Size: maxTextBytes}}
	if len(part.Path) == 0 {
		section.Specifier = imap.PartSpecifierText
	}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return serverErr("UID FETCH BODY", err)
	}
	if len(msgs) == 0 {
		return fmt.Errorf("message UID %d vanished", out.UID)
	}
	var body []byte
	for _, b := range msgs[0].BodySection {
		body = b.Bytes
	}
	text, notes := mailtext.Decode(body, part.Encoding, part.Params["charset"])
	if part.Type == "text" && part.Subtype == "html" {
		notes = append(notes, "HTML part shown as source")
	}
	if len(body) >= maxTextBytes {
		notes = append(notes, fmt.Sprintf("text truncated at %d MiB", maxTextBytes>>20))
	}
	out.Text = sanitize.Text(text)
	for _, n := range notes {
		out.Notes = append(out.Notes, cleanLine(n))
	}
	return nil
}

// markSeen stores \Seen and reports the flags the server answers with.
func (s *Service) markSeen(c *imapclient.Client, set imap.UIDSet, out *Message) error {
	msgs, err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}}, nil).Collect()
	if err != nil {
		return serverErr("UID STORE +FLAGS (\\Seen)", err)
	}
	out.Flags.Seen = true
	for _, m := range msgs {
		if m.Flags != nil {
			out.Flags = toFlags(m.Flags)
		}
	}
	return nil
}

// partInfos flattens the structure for the parts line.
func partInfos(root mailtext.Part) []PartInfo {
	var out []PartInfo
	var walk func(p mailtext.Part)
	walk = func(p mailtext.Part) {
		if p.Type == "multipart" {
			for _, ch := range p.Children {
				walk(ch)
			}
			return
		}
		out = append(out, PartInfo{
			Section:  p.Section(),
			Type:     cleanLine(p.Type + "/" + p.Subtype),
			Name:     cleanLine(p.Filename()),
			Size:     p.Size,
			Encoding: cleanLine(p.Encoding),
		})
	}
	walk(root)
	return out
}
