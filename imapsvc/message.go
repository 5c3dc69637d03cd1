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
	return s.fetchMessage(ctx, mb, uid, markSeen, false)
}

// FetchBody is FetchMessage without \Seen, showing the HTML alternative
// (rendered as text) when html is true and there is one.
func (s *Service) FetchBody(ctx context.Context, mb Mailbox, uid UID, html bool) (Message, error) {
	return s.fetchMessage(ctx, mb, uid, false, html)
}

func (s *Service) fetchMessage(ctx context.Context, mb Mailbox, uid UID, markSeen, html bool) (Message, error) {
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
			out.Notes = append(out.Notes, securityNotes(root)...)
			if err := s.fetchText(c, set, root, html, &out); err != nil {
				return err
			}
		}
		if markSeen && !out.Flags.Seen {
			return s.markSeen(c, sel, set, &out)
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

// fetchText fetches and decodes the part mailtext chooses (its HTML
// alternative when html), rendering HTML as text.
func (s *Service) fetchText(c *imapclient.Client, set imap.UIDSet, root mailtext.Part, html bool, out *Message) error {
	choose := mailtext.ChooseText
	if html {
		choose = mailtext.ChooseHTML
	}
	part, ok := choose(root)
	if !ok {
		out.Notes = append(out.Notes, "this message has no text part")
		return nil
	}
	if h, ok := mailtext.ChooseHTML(root); ok && h.Subtype == "html" {
		out.HasHTML = true
	}
	body, binary, err := s.fetchSection(c, set, part, maxTextBytes)
	if err != nil {
		return err
	}
	dp := part
	if binary {
		dp.Encoding = "" // BINARY already undid the transfer encoding
	}
	text, notes := mailtext.DecodePart(body, dp)
	if part.Subtype == "html" {
		text, _ = mailtext.HTMLToText(text, htmlTableWidth)
		out.HTML = true
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

// htmlTableWidth sizes the tables of HTML rendered as text; the UI wraps
// the lines, but a drawn table cannot be rewrapped.
const htmlTableWidth = 100

// fetchSection fetches up to limit bytes of one part's body with
// BINARY.PEEK where the server has BINARY (binary reports that), else
// BODY.PEEK, with a range. A server that cannot decode the part for BINARY (NO
// [UNKNOWN-CTE]) gets a second try with BODY.
func (s *Service) fetchSection(c *imapclient.Client, set imap.UIDSet, part mailtext.Part, limit int64) (body []byte, binary bool, err error) {
	path := part.Path
	if len(path) == 0 {
		path = []int{1} // a message that is not multipart has only part 1
	}
	partial := &imap.SectionPartial{Offset: 0, Size: limit}
	// go-imap beta.8 cannot parse "BINARY[1]<0>" (it drops the connection),
	// so BINARY is asked without a range, only for parts within the limit.
	if s.has(imap.CapBinary) && int64(part.Size) <= limit {
		sec := &imap.FetchItemBinarySection{Part: path, Peek: true}
		msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BinarySection: []*imap.FetchItemBinarySection{sec}}).Collect()
		if err == nil && len(msgs) > 0 {
			for _, b := range msgs[0].BinarySection {
				body = b.Bytes
			}
			return body, true, nil
		}
		if err == nil {
			return nil, false, fmt.Errorf("the message vanished")
		}
		s.log.Info("BINARY fetch failed, using BODY", "err", err)
	}
	sec := &imap.FetchItemBodySection{Part: part.Path, Peek: true, Partial: partial}
	if len(part.Path) == 0 {
		sec.Specifier = imap.PartSpecifierText // the body of a single-part message
	}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{sec}}).Collect()
	if err != nil {
		return nil, false, serverErr("UID FETCH BODY", err)
	}
	if len(msgs) == 0 {
		return nil, false, fmt.Errorf("the message vanished")
	}
	for _, b := range msgs[0].BodySection {
		body = b.Bytes
	}
	return body, false, nil
}

// securityNotes say which parts are signed or encrypted: tern does no
// cryptography yet, so it shows them as such rather than as text.
func securityNotes(root mailtext.Part) []string {
	var out []string
	var walk func(p mailtext.Part)
	walk = func(p mailtext.Part) {
		mt := p.Type + "/" + p.Subtype
		proto := cleanLine(p.Params["protocol"])
		switch {
		case mt == "multipart/signed":
			out = append(out, fmt.Sprintf("part %s is signed (%s): signature not verified", sectionOrWhole(p), proto))
		case mt == "multipart/encrypted":
			out = append(out, fmt.Sprintf("part %s is encrypted (%s): not decrypted", sectionOrWhole(p), proto))
		case mt == "application/pkcs7-mime" || mt == "application/x-pkcs7-mime":
			out = append(out, fmt.Sprintf("part %s is S/MIME (%s): not decrypted or verified", sectionOrWhole(p), cleanLine(p.Params["smime-type"])))
		}
		for _, ch := range p.Children {
			walk(ch)
		}
	}
	walk(root)
	return out
}

func sectionOrWhole(p mailtext.Part) string {
	if len(p.Path) == 0 {
		return "(whole message)"
	}
	return p.Section()
}

// markSeen stores \Seen and reports the flags the server answers with.
// A folder opened with EXAMINE is never written to, whatever the caller
// asked: the embedded server would accept the STORE.
func (s *Service) markSeen(c *imapclient.Client, sel *selected, set imap.UIDSet, out *Message) error {
	if sel.readOnly {
		return nil
	}
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
			Section:    p.Section(),
			Type:       cleanLine(p.Type + "/" + p.Subtype),
			Name:       cleanLine(p.Filename()),
			Size:       p.Size,
			Encoding:   cleanLine(p.Encoding),
			Attachment: p.IsAttachment(),
		})
	}
	walk(root)
	return out
}
