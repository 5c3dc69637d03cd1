package imapsvc

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/mailtext"
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
	References []string  // oldest first
	Known      KeyFields // which header fields were fetched
}

// KeyFields says which keys SortKeys fetches: header fields (on Dovecot a
// header field costs the server a read of every message file, five times
// the rest), INTERNALDATE and RFC822.SIZE, each only when a key needs it.
type KeyFields uint8

const (
	KeyDate    KeyFields = 1 << iota // Date
	KeyFrom                          // From
	KeySubject                       // Subject
	KeyThread                        // Message-ID, In-Reply-To, References
	KeyArrived                       // INTERNALDATE (the fallback of Date)
	KeySize                          // RFC822.SIZE
)

// Merge adds the fields of n, a later fetch of the same message, to k.
func (k MessageKeys) Merge(n MessageKeys) MessageKeys {
	if n.Known&KeyArrived != 0 {
		k.Arrived = n.Arrived
	}
	if n.Known&KeySize != 0 {
		k.Size = n.Size
	}
	if n.Known&KeyDate != 0 {
		k.Date = n.Date
	}
	if n.Known&KeyFrom != 0 {
		k.From = n.From
	}
	if n.Known&KeySubject != 0 {
		k.Subject = n.Subject
	}
	if n.Known&KeyThread != 0 {
		k.MessageID, k.InReplyTo, k.References = n.MessageID, n.InReplyTo, n.References
	}
	k.UID, k.Known = n.UID, k.Known|n.Known
	return k
}

// KeyList answers SortKeys.
type KeyList struct {
	Mailbox
	RequestID int
	Keys      []MessageKeys // UID order
}

// Bounds on what a server can make tern keep per message for sorting and
// threading, about 1 KB whatever it sends (five texts and eight
// references): texts are only compared, so a prefix sorts as well.
const (
	maxKeyText    = 80
	maxReferences = 8
	// MaxKeyChunk caps one SortKeys request.
	MaxKeyChunk = 5000
)

// SortKeys fetches the sort keys of uids (at most MaxKeyChunk; the UI asks
// chunk by chunk and shows its progress): UID FETCH set (UID [INTERNALDATE]
// [RFC822.SIZE] [BODY.PEEK[HEADER.FIELDS (the fields asked for)]]). The
// header fields come as one literal per message, which reads faster than
// ENVELOPE's nested lists.
func (s *Service) SortKeys(ctx context.Context, mb Mailbox, requestID int, uids []UID, fields KeyFields) (KeyList, error) {
	out := KeyList{Mailbox: mb, RequestID: requestID}
	if len(uids) > MaxKeyChunk {
		uids = uids[:MaxKeyChunk]
	}
	if len(uids) == 0 {
		return out, nil
	}
	var names []string
	for _, f := range []struct {
		bit   KeyFields
		names []string
	}{{KeyDate, []string{"Date"}}, {KeyFrom, []string{"From"}}, {KeySubject, []string{"Subject"}},
		{KeyThread, []string{"Message-ID", "In-Reply-To", "References"}}} {
		if fields&f.bit != 0 {
			names = append(names, f.names...)
		}
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: names, Peek: true}
	items := &imap.FetchOptions{UID: true, InternalDate: fields&KeyArrived != 0, RFC822Size: fields&KeySize != 0}
	if len(names) > 0 {
		items.BodySection = []*imap.FetchItemBodySection{section}
	}
	// On the background connection: a chunk of 5,000 header fetches takes
	// a second or more, and keys must not wait for it.
	err := s.background(ctx, mb, func(c *imapclient.Client, learn func(uint32, UID)) error {
		out.Keys = out.Keys[:0]
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
			learn(buf.SeqNum, UID(buf.UID))
			var k MessageKeys
			if len(names) > 0 {
				k = keysOfHeader(buf.FindBodySection(section))
			}
			k.UID, k.Arrived, k.Size, k.Known = UID(buf.UID), buf.InternalDate, buf.RFC822Size, fields
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

// keysOfHeader reads the keys from the fetched header fields. What does not
// parse is left empty: it sorts first, as IMAP SORT has it.
func keysOfHeader(raw []byte) MessageKeys {
	var k MessageKeys
	if len(raw) == 0 {
		return k
	}
	h, _ := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(raw, "\r\n"...)))).ReadMIMEHeader()
	if d, err := parseDate(h.Get("Date")); err == nil {
		k.Date = d
	}
	if from := h.Get("From"); from != "" {
		if a, err := mail.ParseAddress(mailtext.DecodeHeader(from)); err == nil {
			from = a.Address
		}
		k.From = clip(strings.ToLower(cleanLine(from)))
	}
	k.Subject = clip(cleanLine(mailtext.DecodeHeader(h.Get("Subject"))))
	k.MessageID = msgID(h.Get("Message-ID"))
	k.InReplyTo = msgID(h.Get("In-Reply-To"))
	k.References = parseReferences(h.Values("References"))
	return k
}

// parseDate reads a Date field as mail.ParseDate does, trying the layout
// nearly every mailer writes first: mail.ParseDate tries a dozen layouts
// before that one, and each failure builds an error (a tenth of tern's CPU
// while fetching the dates of 50,000 messages).
func parseDate(v string) (time.Time, error) {
	if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", v); err == nil {
		return t, nil
	}
	return mail.ParseDate(v)
}

// msgID is the first <id> of a field, without the brackets.
func msgID(v string) string {
	if ids := parseReferences([]string{v}); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

func clip(s string) string {
	if len(s) > maxKeyText {
		return s[:maxKeyText]
	}
	return s
}

// parseReferences reads the Message-IDs of References fields, keeping the
// last maxReferences (the nearest ancestors).
func parseReferences(values []string) []string {
	var ids []string
	for _, v := range values {
		for _, f := range strings.Fields(strings.ReplaceAll(v, "><", "> <")) {
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
