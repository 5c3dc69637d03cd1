package imapsvc

import (
	"bufio"
	"cmp"
	"context"
	"net/textproto"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// MessageKeys are what tern needs of a message to sort or thread the folder
// itself when the server cannot: the sort keys and the thread links.
type MessageKeys struct {
	UID        UID
	Arrived    time.Time // INTERNALDATE
	Date       time.Time // the Date header (zero when absent or unparsable)
	From       string    // first sender's address, lower case
	Subject    string    // sanitized
	Size       int64
	MessageID  string
	InReplyTo  string
	References []string // oldest first; only with refs
	RefsKnown  bool     // fetched with refs
}

// KeyList answers SortKeys.
type KeyList struct {
	Mailbox
	RequestID int
	Keys      []MessageKeys // UID order
}

// Bounds on what a server can make tern keep per message for sorting and
// threading: a 50,000-message folder stays a few MiB.
const (
	maxKeyText    = 200
	maxReferences = 20
	// MaxKeyChunk caps one SortKeys request.
	MaxKeyChunk = 5000
)

// SortKeys fetches the sort keys of uids (at most MaxKeyChunk; the UI asks
// chunk by chunk and shows its progress), and with refs the References
// header for threading:
// UID FETCH set (UID INTERNALDATE RFC822.SIZE ENVELOPE [BODY.PEEK[HEADER.FIELDS (REFERENCES)]]).
func (s *Service) SortKeys(ctx context.Context, mb Mailbox, requestID int, uids []UID, refs bool) (KeyList, error) {
	out := KeyList{Mailbox: mb, RequestID: requestID}
	if len(uids) > MaxKeyChunk {
		uids = uids[:MaxKeyChunk]
	}
	if len(uids) == 0 {
		return out, nil
	}
	items := &imap.FetchOptions{UID: true, InternalDate: true, RFC822Size: true, Envelope: true}
	refsSection := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader,
		HeaderFields: []string{"References"}, Peek: true}
	if refs {
		items.BodySection = []*imap.FetchItemBodySection{refsSection}
	}
	err := s.do(ctx, func() error {
		c, sel, err := s.open(mb)
		if err != nil {
			return err
		}
		fc := c.Fetch(uidSet(uids), items)
		defer fc.Close()
		for {
			m := fc.Next()
			if m == nil {
				break
			}
			buf, err := m.Collect()
			if err != nil {
				return serverErr("UID FETCH", err)
			}
			if buf.UID == 0 {
				continue
			}
			sel.seq.learn(buf.SeqNum, UID(buf.UID))
			k := toKeys(buf)
			if refs {
				k.References = parseReferences(buf.FindBodySection(refsSection))
				k.RefsKnown = true
			}
			out.Keys = append(out.Keys, k)
		}
		if err := fc.Close(); err != nil {
			return serverErr("UID FETCH", err)
		}
		return nil
	})
	sortKeyList(out.Keys)
	return out, err
}

func toKeys(buf *imapclient.FetchMessageBuffer) MessageKeys {
	k := MessageKeys{UID: UID(buf.UID), Arrived: buf.InternalDate, Size: buf.RFC822Size}
	if env := buf.Envelope; env != nil {
		k.Date = env.Date
		k.Subject = clip(cleanLine(env.Subject))
		if len(env.From) > 0 {
			k.From = clip(strings.ToLower(cleanLine(env.From[0].Addr())))
		}
		k.MessageID = clip(env.MessageID)
		if len(env.InReplyTo) > 0 {
			k.InReplyTo = clip(env.InReplyTo[0])
		}
	}
	return k
}

func clip(s string) string {
	if len(s) > maxKeyText {
		return s[:maxKeyText]
	}
	return s
}

// parseReferences reads the Message-IDs of a References header field,
// keeping the last maxReferences (the nearest ancestors).
func parseReferences(raw []byte) []string {
	if len(raw) == 0 {
		return nil
	}
	h, err := textproto.NewReader(bufio.NewReader(strings.NewReader(string(raw) + "\r\n"))).ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return nil
	}
	var ids []string
	for _, v := range h.Values("References") {
		for _, f := range strings.Fields(v) {
			if strings.HasPrefix(f, "<") && strings.HasSuffix(f, ">") {
				ids = append(ids, clip(strings.Trim(f, "<>")))
			}
		}
	}
	if len(ids) > maxReferences {
		ids = ids[len(ids)-maxReferences:]
	}
	return ids
}

func sortKeyList(keys []MessageKeys) {
	slices.SortFunc(keys, func(a, b MessageKeys) int { return cmp.Compare(a.UID, b.UID) })
}
