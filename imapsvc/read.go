package imapsvc

import (
	"context"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/mailtext"
	"tern/sanitize"
)

// maxRawPage caps one page of FetchRaw: the raw source of a large message is
// read a page at a time, never whole.
const maxRawPage = 1 << 20

// onMessage runs fn on the owner goroutine for one message of the open
// folder mb, addressed by UID.
func (s *Service) onMessage(ctx context.Context, mb Mailbox, uid UID, fn func(c *imapclient.Client, set imap.UIDSet) error) error {
	return s.do(ctx, func() error {
		c, _, err := s.open(mb)
		if err != nil {
			return err
		}
		return fn(c, imap.UIDSetNum(imap.UID(uid)))
	})
}

// fetchOne runs one UID FETCH for a single message and returns its answer.
func fetchOne(c *imapclient.Client, set imap.UIDSet, opts *imap.FetchOptions, uid UID) (*imapclient.FetchMessageBuffer, error) {
	opts.UID = true
	msgs, err := c.Fetch(set, opts).Collect()
	if err != nil {
		return nil, serverErr("UID FETCH", err)
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("message UID %d is no longer in the folder", uid)
	}
	return msgs[0], nil
}

// FetchHeader returns the message's full header (BODY.PEEK[HEADER]), what
// FETCH n RFC822.HEADER shows, with RFC 2047 words decoded and sanitized.
func (s *Service) FetchHeader(ctx context.Context, mb Mailbox, uid UID) (string, error) {
	var out string
	err := s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		sec := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true}
		m, err := fetchOne(c, set, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{sec}}, uid)
		if err != nil {
			return err
		}
		for _, b := range m.BodySection {
			out = decodeHeaderBlock(b.Bytes)
		}
		return nil
	})
	return out, err
}

// decodeHeaderBlock decodes RFC 2047 words field by field and sanitizes;
// folded lines stay folded, as the server sent them.
func decodeHeaderBlock(b []byte) string {
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = sanitize.Line(mailtext.DecodeHeader(l))
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// FetchRaw returns one page of the raw source, BODY.PEEK[]<offset.size>,
// with the message's total size, so a 20 MB message is read only as far
// as the user scrolls.
func (s *Service) FetchRaw(ctx context.Context, mb Mailbox, uid UID, offset int64, size int) (RawPage, error) {
	out := RawPage{Mailbox: mb, UID: uid, Offset: offset}
	if size <= 0 || size > maxRawPage {
		size = maxRawPage
	}
	err := s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		sec := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: offset, Size: int64(size)}}
		m, err := fetchOne(c, set, &imap.FetchOptions{RFC822Size: true, BodySection: []*imap.FetchItemBodySection{sec}}, uid)
		if err != nil {
			return err
		}
		out.Total = m.RFC822Size
		for _, b := range m.BodySection {
			out.Length = len(b.Bytes)
			out.Text = sanitize.Text(strings.ReplaceAll(string(b.Bytes), "\r\n", "\n"))
		}
		return nil
	})
	return out, err
}
