package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// MaxRawMessage bounds a whole message streamed by FetchMessageRaw: the
// server announces the size, and tern will not fill the disk for it.
const MaxRawMessage = 256 << 20

// FetchMessageRaw streams the whole message as the server keeps it
// (BODY.PEEK[], so \Seen is not set) into w, for forwarding it as an
// attachment. It returns the bytes written.
func (s *Service) FetchMessageRaw(ctx context.Context, mb Mailbox, uid UID, w io.Writer) (int64, error) {
	var n int64
	err := s.onMessage(ctx, mb, uid, func(c *imapclient.Client, set imap.UIDSet) error {
		cmd := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
		var copyErr error
		found := false
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			for item := msg.Next(); item != nil; item = msg.Next() {
				it, ok := item.(imapclient.FetchItemDataBodySection)
				if !ok || it.Literal == nil || found {
					continue
				}
				found = true
				if it.Literal.Size() > MaxRawMessage {
					copyErr = fmt.Errorf("the message is %d bytes, over tern's limit of %d", it.Literal.Size(), MaxRawMessage)
					_, _ = io.Copy(io.Discard, it.Literal) // the connection waits for it to be read
					continue
				}
				n, copyErr = io.Copy(w, io.LimitReader(it.Literal, MaxRawMessage))
			}
		}
		if err := cmd.Close(); err != nil {
			return serverErr("UID FETCH", err)
		}
		if copyErr != nil {
			return copyErr
		}
		if !found {
			return errors.New("the server sent no message for that UID")
		}
		return nil
	})
	return n, err
}
