package compose

import (
	"bufio"
	"net/textproto"
	"strings"
)

// Resume is the draft a stored message stands for: its header fields as
// the editor shows them (RFC 2047 already decoded, as the viewer's full
// header gives them) and its text. Used to resume a postponed draft from
// Drafts, or to edit any message as a new one.
func Resume(header, text string) Draft {
	r := textproto.NewReader(bufio.NewReader(strings.NewReader(strings.TrimRight(header, "\r\n") + "\r\n\r\n")))
	mh, _ := r.ReadMIMEHeader()
	get := func(k string) string { return strings.Join(strings.Fields(strings.Join(mh.Values(k), ", ")), " ") }
	d := Draft{
		From:    get("From"),
		To:      get("To"),
		Cc:      get("Cc"),
		Bcc:     get("Bcc"),
		Subject: strings.TrimSpace(mh.Get("Subject")),
		Body:    strings.ReplaceAll(text, "\r\n", "\n"),
	}
	d.InReplyTo = firstID(mh.Get("In-Reply-To"))
	d.References = ids(mh.Get("References"))
	return d
}
