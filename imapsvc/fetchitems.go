package imapsvc

import (
	"context"
	"fmt"
	"io"
	"slices"
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

// maxItemText caps the whole answer of one :fetch. Its size is the
// server's to choose (up to maxItemMessages messages of several sections
// each), so what is read beyond it is discarded, not kept.
const maxItemText = 4 << 20

// FetchRequest is one ":fetch": the messages by UID, or a sequence set as
// the user typed it, and the items (see ParseFetchItems).
type FetchRequest struct {
	Mailbox
	UIDs  []UID
	Seq   string // e.g. "1", "1:*"; used when UIDs is empty
	Items string
}

// FetchResult answers FetchItems.
type FetchResult struct {
	Mailbox
	UIDs  []UID  // the messages fetched, ascending
	Title string // the command as sent, e.g. "UID FETCH 4:6 flags"
	Text  string // decoded for reading, sanitized
	// Seen: a non-PEEK body item set \Seen; Updated holds the flags the
	// server holds after the fetch, for the list and the unseen count.
	Seen    bool
	Updated []FlagUpdate
}

// FetchItems runs ":fetch ITEMS" (see ParseFetchItems) for the given
// messages, in one UID FETCH, and returns the answer decoded for reading:
// header sections with RFC 2047 words decoded, text parts in their
// transfer encoding and charset undone, structures as trees. Every line
// is sanitized. A sequence set is translated to UIDs on the owner
// goroutine, just before the command is sent (see seqUIDs).
func (s *Service) FetchItems(ctx context.Context, req FetchRequest) (FetchResult, error) {
	out := FetchResult{Mailbox: req.Mailbox}
	opts, err := ParseFetchItems(req.Items)
	if err != nil {
		return out, err
	}
	var seqs []seqRange
	if len(req.UIDs) == 0 {
		if req.Seq == "" {
			return out, fmt.Errorf("fetch: no message selected")
		}
		if seqs, err = parseSeqSet(req.Seq); err != nil {
			return out, err
		}
	}
	var b strings.Builder
	err = s.do(ctx, func() error {
		c, sel, err := s.open(req.Mailbox)
		if err != nil {
			return err
		}
		if sel.readOnly && peekOnly(opts) {
			b.WriteString("[read-only folder (EXAMINE): BODY[...] sent as BODY.PEEK[...], so \\Seen is not set]\n")
		}
		uids, total := slices.Clone(req.UIDs), len(req.UIDs)
		if seqs != nil {
			if uids, total, err = s.seqUIDs(c, sel, seqs, maxItemMessages); err != nil {
				return err
			}
		}
		slices.Sort(uids)
		uids = slices.Compact(uids)
		if len(uids) > maxItemMessages {
			uids = uids[:maxItemMessages]
		}
		if total > len(uids) {
			fmt.Fprintf(&b, "[the first %d of %d messages]\n", len(uids), total)
		}
		out.UIDs = uids
		set := uidSet(uids)
		out.Title = cleanLine(fmt.Sprintf("UID FETCH %s %s", set, strings.TrimSpace(req.Items)))
		if req.Seq != "" && len(req.UIDs) == 0 {
			out.Title = cleanLine("FETCH "+req.Seq+" → ") + out.Title
		}
		return s.fetchItems(c, set, opts, maxItemText, &b, &out)
	})
	out.Text = strings.TrimRight(b.String(), "\n")
	return out, err
}

// seqUIDs translates a sequence set to UIDs through the open folder's
// sequence map, after applying what the server has said so far (an
// EXPUNGE shifts the numbers). Numbers the map does not know yet are asked
// of the server with a sequence-number FETCH on this same connection, so
// nothing can renumber the folder in between (RFC 3501 forbids EXPUNGE
// responses during FETCH).
func (s *Service) seqUIDs(c *imapclient.Client, sel *selected, rs []seqRange, limit int) ([]UID, int, error) {
	s.drainUnilateral()
	seqs, total, err := expandSeq(rs, sel.seq.len(), limit)
	if err != nil {
		return nil, 0, err
	}
	uids := make([]UID, 0, len(seqs))
	var unknown imap.SeqSet
	for _, q := range seqs {
		if u := sel.seq.uid(q); u != 0 {
			uids = append(uids, u)
		} else {
			unknown.AddNum(q)
		}
	}
	if len(unknown) > 0 {
		msgs, err := c.Fetch(unknown, &imap.FetchOptions{UID: true}).Collect()
		if err != nil {
			return nil, 0, serverErr("FETCH "+unknown.String()+" (UID)", err)
		}
		for _, m := range msgs {
			if m.UID != 0 && unknown.Contains(m.SeqNum) {
				sel.seq.learn(m.SeqNum, UID(m.UID))
				uids = append(uids, UID(m.UID))
			}
		}
	}
	return uids, total, nil
}

// fetchItems sends the UID FETCH and writes the answer to b, keeping at
// most about limit bytes of it.
func (s *Service) fetchItems(c *imapclient.Client, set imap.UIDSet, opts *imap.FetchOptions, limit int, b *strings.Builder, out *FetchResult) error {
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
	cmd := c.Fetch(set, opts)
	n, cut := 0, 0
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		if b.Len() >= limit {
			cut++
			continue // Next discards what is left of it
		}
		m, err := collectBounded(msg, limit-b.Len())
		if err != nil {
			cmd.Close()
			return serverErr("UID FETCH", err)
		}
		if n > 0 {
			b.WriteString("\n")
		}
		n++
		writeItems(b, m, opts, roots[m.UID])
	}
	if err := cmd.Close(); err != nil {
		return serverErr("UID FETCH", err)
	}
	if cut > 0 {
		fmt.Fprintf(b, "\n[%d more messages not shown: the answer passed %d KiB]\n", cut, limit>>10)
	}
	if n == 0 && cut == 0 {
		return fmt.Errorf("the messages are no longer in %s", cleanLine(out.Name))
	}
	if SetsSeen(opts) {
		return s.flagsAfterFetch(c, set, out)
	}
	return nil
}

// flagsAfterFetch reads the flags once a non-PEEK fetch has set \Seen:
// servers may or may not send them with the body, and the list and the
// unseen count must follow either way.
func (s *Service) flagsAfterFetch(c *imapclient.Client, set imap.UIDSet, out *FetchResult) error {
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		return serverErr("UID FETCH (FLAGS)", err)
	}
	out.Seen = true
	for _, m := range msgs {
		out.Updated = append(out.Updated, FlagUpdate{UID: UID(m.UID), Flags: toFlags(m.Flags)})
	}
	return nil
}

// collectBounded is FetchMessageData.Collect, but a body section is read
// only up to limit bytes (the rest is discarded by go-imap), so a server
// that ignores the partial range cannot make tern hold more.
func collectBounded(msg *imapclient.FetchMessageData, limit int) (*imapclient.FetchMessageBuffer, error) {
	buf := &imapclient.FetchMessageBuffer{SeqNum: msg.SeqNum}
	for {
		item := msg.Next()
		if item == nil {
			return buf, nil
		}
		switch it := item.(type) {
		case imapclient.FetchItemDataBodySection:
			var body []byte
			if it.Literal != nil {
				var err error
				body, err = io.ReadAll(io.LimitReader(it.Literal, int64(max(0, min(limit, maxItemBytes)))))
				if err != nil {
					return buf, err
				}
			}
			limit -= len(body)
			buf.BodySection = append(buf.BodySection, imapclient.FetchBodySectionBuffer{Section: it.Section, Bytes: body})
		case imapclient.FetchItemDataBinarySection:
			// not asked for; go-imap discards it on Next
		default:
			bufItem(buf, item)
		}
	}
}

// bufItem stores the items that carry no literal.
func bufItem(buf *imapclient.FetchMessageBuffer, item imapclient.FetchItemData) {
	switch it := item.(type) {
	case imapclient.FetchItemDataFlags:
		buf.Flags = it.Flags
	case imapclient.FetchItemDataEnvelope:
		buf.Envelope = it.Envelope
	case imapclient.FetchItemDataInternalDate:
		buf.InternalDate = it.Time
	case imapclient.FetchItemDataRFC822Size:
		buf.RFC822Size = it.Size
	case imapclient.FetchItemDataUID:
		buf.UID = it.UID
	case imapclient.FetchItemDataBodyStructure:
		buf.BodyStructure = it.BodyStructure
	}
}

func writeItems(b *strings.Builder, m *imapclient.FetchMessageBuffer, opts *imap.FetchOptions, root mailtext.Part) {
	fmt.Fprintf(b, "UID %d (sequence number %d)\n", m.UID, m.SeqNum)
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
