package imapsvc

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"slices"
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
	KeyArrived                       // INTERNALDATE (the fallback of Date: with KeyDate, only where Date is zero)
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
//
// With KeyDate, KeyArrived is the Date's fallback: INTERNALDATE is fetched
// afterwards, for the messages without a usable Date only, and Arrived is
// zero for the others. Asked for every message, go-imap's decoding of its
// quoted dates was a tenth of tern's CPU in a date sort.
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
	fallback := fields&KeyDate != 0 && fields&KeyArrived != 0
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: names, Peek: true}
	items := &imap.FetchOptions{UID: true, InternalDate: fields&KeyArrived != 0 && !fallback, RFC822Size: fields&KeySize != 0}
	if len(names) > 0 {
		items.BodySection = []*imap.FetchItemBodySection{section}
	}
	// fetchPart fetches the keys of part with fetch: fetchKeys on a keys
	// connection, or fetchEach on the background one.
	fetchPart := func(part []UID, fetch keyFetch) ([]MessageKeys, error) {
		keys := make([]MessageKeys, 0, len(part))
		err := fetch(part, items, func(a *keyAnswer) {
			var k MessageKeys
			if len(names) > 0 {
				k = keysOfHeader(a.header, fields)
			}
			k.UID, k.Arrived, k.Size, k.Known = a.uid, a.arrived, a.size, fields
			keys = append(keys, k)
		})
		if err != nil || !fallback {
			return keys, err
		}
		undated := map[UID]int{}
		var set []UID
		for i, k := range keys {
			if k.Date.IsZero() {
				undated[k.UID] = i
				set = append(set, k.UID)
			}
		}
		if len(set) == 0 {
			return keys, nil
		}
		return keys, fetch(set, &imap.FetchOptions{UID: true, InternalDate: true}, func(a *keyAnswer) {
			if i, ok := undated[a.uid]; ok {
				keys[i].Arrived = a.arrived
			}
		})
	}
	var err error
	if len(names) > 0 {
		out.Keys, err = s.onKeyConns(ctx, mb, uids, fetchPart)
	} else {
		// Sizes (and arrival dates) alone go where they went before: the
		// background connection has read sizes for the rows already, and
		// on Dovecot a session's first RFC822.SIZE reads the whole folder,
		// which a keys connection would pay again (a cold size sort of
		// 50,000 took 0.59 s there, against 0.39-0.51 s). Without
		// literals, go-imap's decoding of them costs little.
		err = errNoKeysConn
	}
	if errors.Is(err, errNoKeysConn) {
		// On the background connection: a chunk of 5,000 header fetches
		// takes a second or more, and keys must not wait for it.
		err = s.background(ctx, mb, func(c *imapclient.Client, learn func(uint32, UID)) error {
			keys, err := fetchPart(uids, func(uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error {
				return fetchEach(c, learn, uids, items, f)
			})
			out.Keys = keys
			return err
		})
	}
	sortKeyList(out.Keys)
	return out, err
}

// keyFetch fetches items of uids and hands each answer to f.
type keyFetch func(uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error

// keysSplitMin is the smallest request fetched on two keys connections.
const keysSplitMin = 1000

// keyAnswer is one message's answer to a keys FETCH. header is only valid
// during the call it is handed to.
type keyAnswer struct {
	uid     UID
	arrived time.Time
	size    int64
	header  []byte
}

// fetchEach runs UID FETCH uids items and hands each answer with a UID to
// f, in the order the server sends them. It reads the items as they come
// rather than with go-imap's Collect, and every header literal into one
// buffer: Collect's buffers were a third of what a 50,000-message sort
// allocated, and the collector runs at GOGC=50.
func fetchEach(c *imapclient.Client, learn func(uint32, UID), uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error {
	fc := c.Fetch(uidSet(uids), items)
	defer fc.Close()
	var buf bytes.Buffer
	for {
		m := fc.Next()
		if m == nil {
			break
		}
		a := keyAnswer{}
		buf.Reset()
		for item := m.Next(); item != nil; item = m.Next() {
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				a.uid = UID(it.UID)
			case imapclient.FetchItemDataInternalDate:
				a.arrived = it.Time
			case imapclient.FetchItemDataRFC822Size:
				a.size = it.Size
			case imapclient.FetchItemDataBodySection:
				if it.Literal != nil { // kept up to maxKeyLiteral, as on the keys connection
					if _, err := buf.ReadFrom(io.LimitReader(it.Literal, maxKeyLiteral)); err != nil {
						return serverErr("UID FETCH", err)
					}
					if _, err := io.Copy(io.Discard, it.Literal); err != nil {
						return serverErr("UID FETCH", err)
					}
				}
			}
		}
		if a.uid == 0 {
			continue
		}
		learn(m.SeqNum, a.uid)
		a.header = buf.Bytes()
		f(&a)
	}
	if err := fc.Close(); err != nil {
		return serverErr("UID FETCH", err)
	}
	return nil
}

func sortKeyList(keys []MessageKeys) {
	slices.SortFunc(keys, func(a, b MessageKeys) int { return cmp.Compare(a.UID, b.UID) })
}
