package compose

import (
	"bufio"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
)

// BuildOptions are what a built message takes besides the draft.
type BuildOptions struct {
	Date time.Time // zero: time.Now()
	// MessageID without brackets; "" makes one for the From address's
	// domain.
	MessageID string
	// KeepBcc writes the Bcc header, for the copy in Drafts or Sent; the
	// message handed to SMTP never has it.
	KeepBcc   bool
	UserAgent string // "": no User-Agent header
}

// Build writes the message as MIME to w: a single text/plain part, or
// multipart/mixed with the attachments when there are any. Attachments
// are streamed from their files as they are written, never held whole.
// It returns the Message-ID it wrote.
func Build(w io.Writer, c Checked, o BuildOptions) (string, error) {
	var h mail.Header
	date := o.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetDate(date)
	h.SetAddressList("From", []*mail.Address{c.FromAddr})
	if len(c.To) > 0 {
		h.SetAddressList("To", c.To)
	}
	if len(c.Cc) > 0 {
		h.SetAddressList("Cc", c.Cc)
	}
	if o.KeepBcc && len(c.Bcc) > 0 {
		h.SetAddressList("Bcc", c.Bcc)
	}
	h.SetSubject(c.Subject)
	id := o.MessageID
	if id == "" {
		if err := h.GenerateMessageIDWithHostname(Domain(c.FromAddr.Address)); err != nil {
			return "", err
		}
		id, _ = h.MessageID()
	} else {
		h.SetMessageID(id)
	}
	if c.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{trimID(c.InReplyTo)})
	}
	if len(c.References) > 0 {
		refs := make([]string, len(c.References))
		for i, r := range c.References {
			refs[i] = trimID(r)
		}
		h.SetMsgIDList("References", refs)
	}
	if o.UserAgent != "" {
		h.Set("User-Agent", o.UserAgent)
	}
	h.Set("MIME-Version", "1.0")
	// Open every attachment before writing anything, so a missing file
	// fails the build before a byte reaches the server.
	files := make([]*os.File, len(c.Attachments))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, a := range c.Attachments {
		f, err := os.Open(a.Path)
		if err != nil {
			return "", fmt.Errorf("attachment: %w", err)
		}
		files[i] = f
	}
	if len(c.Attachments) == 0 {
		setTextHeader(&h.Header, c.Body)
		tw, err := message.CreateWriter(w, h.Header)
		if err != nil {
			return "", err
		}
		if _, err := io.WriteString(tw, canonicalBody(c.Body)); err != nil {
			return "", err
		}
		return id, tw.Close()
	}
	mw, err := mail.CreateWriter(w, h)
	if err != nil {
		return "", err
	}
	var th mail.InlineHeader
	setTextHeader(&th.Header, c.Body)
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return "", err
	}
	if _, err := io.WriteString(tw, canonicalBody(c.Body)); err != nil {
		return "", err
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	for i, a := range c.Attachments {
		if err := writeAttachment(mw, a, files[i]); err != nil {
			return "", err
		}
	}
	return id, mw.Close()
}

// setTextHeader makes a UTF-8 text/plain header. ASCII text with short
// lines goes as 7bit, readable in any tool; anything else as
// quoted-printable, which every SMTP server carries (8bit needs
// 8BITMIME, which sendmail_cmd gives no way to check).
func setTextHeader(h *message.Header, body string) {
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	if plain(body) {
		h.Set("Content-Transfer-Encoding", "7bit")
	} else {
		h.Set("Content-Transfer-Encoding", "quoted-printable")
	}
}

// plain: ASCII only, no line over 78 characters, no control characters
// but tab.
func plain(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			n = 0
			continue
		case c >= 0x80, c < 0x20 && c != '\t', c == 0x7f:
			return false
		}
		if n++; n > 78 {
			return false
		}
	}
	return true
}

// canonicalBody has CRLF line breaks, as SMTP and APPEND want, and ends
// with one.
func canonicalBody(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
	if s != "" && !strings.HasSuffix(s, "\r\n") {
		s += "\r\n"
	}
	return s
}

// writeAttachment streams one file into the message: the first 512 bytes
// are read for the content type, then the rest follows them through the
// same buffered reader.
func writeAttachment(mw *mail.Writer, a Attachment, f *os.File) error {
	name := a.Name
	if name == "" {
		name = filepath.Base(a.Path)
	}
	br := bufio.NewReaderSize(f, 4096)
	head, _ := br.Peek(512)
	typ := a.Type
	if typ == "" {
		typ = ContentType(name, head)
	}
	var h mail.AttachmentHeader
	ct, params, _ := mime.ParseMediaType(typ)
	if ct == "" {
		ct, params = "application/octet-stream", nil
	}
	if params == nil {
		params = map[string]string{}
	}
	params["name"] = name
	// mime.FormatMediaType writes non-ASCII names as RFC 2231
	// (filename*=utf-8''...); go-message's own setter uses RFC 2047 there.
	h.Set("Content-Type", mime.FormatMediaType(ct, params))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if ct == "message/rfc822" {
		h.Set("Content-Transfer-Encoding", "8bit") // RFC 2046 5.2.1: no base64 here
	} else {
		h.Set("Content-Transfer-Encoding", "base64")
	}
	pw, err := mw.CreateAttachment(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(pw, br); err != nil {
		return fmt.Errorf("attachment %s: %w", name, err)
	}
	return pw.Close()
}

// ContentType is the MIME type of a file from its name, else from its
// first bytes.
func ContentType(name string, head []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return t
	}
	if strings.EqualFold(filepath.Ext(name), ".eml") {
		return "message/rfc822"
	}
	if len(head) == 0 {
		return "application/octet-stream"
	}
	return http.DetectContentType(head)
}

// Domain is the part of an address after the last @, for Message-IDs;
// "localhost" when there is none.
func Domain(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i+1 < len(addr) {
		return addr[i+1:]
	}
	return "localhost"
}

func trimID(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
}
