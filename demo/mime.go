package demo

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/quotedprintable"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// This file turns a tree of parts into RFC 5322 bytes. go-message's own
// writers refuse charsets other than UTF-8, so the body encodings are applied
// here (stdlib base64 and quoted-printable) while go-message formats and folds
// the header fields and writes the multipart framing.

// field is one header field; a []field keeps the order they are written in.
type field struct{ key, value string }

// part is a MIME entity: a leaf with a body, or a multipart with children.
type part struct {
	mediaType   string            // "text/plain", "multipart/mixed", ...
	params      map[string]string // charset, format, name; boundary is added when rendering
	encoding    string            // Content-Transfer-Encoding of a leaf
	disposition string            // "attachment" or "inline"; "" for none
	filename    string
	body        []byte // leaf content, already in its charset
	children    []part
}

// render writes a complete message: top-level fields, then the MIME entity.
// seed makes the multipart boundaries deterministic.
func render(top []field, body part, seed string) ([]byte, error) {
	var buf bytes.Buffer
	n := 0
	fields := append(append([]field{}, top...), field{"MIME-Version", "1.0"})
	fields = append(fields, body.header(boundary(seed, n))...)
	if err := textproto.WriteHeader(&buf, newHeader(fields)); err != nil {
		return nil, err
	}
	if err := body.writeBody(&buf, seed, &n); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// boundary is unique within a message and never a prefix of another one.
func boundary(seed string, n int) string {
	return fmt.Sprintf("=_%d_%s", n, seed)
}

// newHeader builds a textproto.Header that writes fields in the given order
// (textproto.WriteHeader writes the most recently added field first).
func newHeader(fields []field) textproto.Header {
	var h textproto.Header
	for i := len(fields) - 1; i >= 0; i-- {
		h.Add(fields[i].key, fields[i].value)
	}
	return h
}

// header returns the Content-* fields of p.
func (p part) header(boundary string) []field {
	var h message.Header
	params := maps.Clone(p.params)
	if p.isMultipart() {
		if params == nil {
			params = map[string]string{}
		}
		params["boundary"] = boundary
	}
	h.SetContentType(p.mediaType, params)
	fields := []field{{"Content-Type", h.Get("Content-Type")}}
	if p.encoding != "" && !p.isMultipart() {
		fields = append(fields, field{"Content-Transfer-Encoding", p.encoding})
	}
	if p.disposition != "" {
		var dp map[string]string
		if p.filename != "" {
			dp = map[string]string{"filename": p.filename}
		}
		h.SetContentDisposition(p.disposition, dp)
		fields = append(fields, field{"Content-Disposition", h.Get("Content-Disposition")})
	}
	return fields
}

func (p part) isMultipart() bool { return strings.HasPrefix(p.mediaType, "multipart/") }

// writeBody writes p's body; n counts the boundaries used so far.
func (p part) writeBody(w io.Writer, seed string, n *int) error {
	if !p.isMultipart() {
		return writeEncoded(w, p.encoding, p.body)
	}
	mw := textproto.NewMultipartWriter(w)
	if err := mw.SetBoundary(boundary(seed, *n)); err != nil {
		return err
	}
	for _, c := range p.children {
		if c.isMultipart() {
			*n++
		}
		pw, err := mw.CreatePart(newHeader(c.header(boundary(seed, *n))))
		if err != nil {
			return err
		}
		if err := c.writeBody(pw, seed, n); err != nil {
			return err
		}
	}
	return mw.Close()
}

// writeEncoded applies a Content-Transfer-Encoding to body. Text uses "\n"
// line ends; they go out as CRLF.
func writeEncoded(w io.Writer, cte string, body []byte) error {
	switch strings.ToLower(cte) {
	case "base64":
		s := base64.StdEncoding.EncodeToString(body)
		var b strings.Builder
		for len(s) > 76 {
			b.WriteString(s[:76] + "\r\n")
			s = s[76:]
		}
		b.WriteString(s + "\r\n")
		_, err := io.WriteString(w, b.String())
		return err
	case "quoted-printable":
		qw := quotedprintable.NewWriter(w)
		if _, err := qw.Write(body); err != nil {
			return err
		}
		return qw.Close()
	default: // 7bit, 8bit
		_, err := w.Write(bytes.ReplaceAll(body, []byte("\n"), []byte("\r\n")))
		return err
	}
}

// encoder returns the encoding for a charset label; nil means UTF-8.
func encoder(charset string) (encoding.Encoding, error) {
	switch strings.ToLower(charset) {
	case "", "utf-8", "us-ascii":
		return nil, nil
	case "gbk", "gb2312": // GB2312 text is GBK text restricted to GB2312's repertoire
		return simplifiedchinese.GBK, nil
	case "big5":
		return traditionalchinese.Big5, nil
	case "iso-2022-jp":
		return japanese.ISO2022JP, nil
	case "iso-8859-1":
		return charmap.ISO8859_1, nil
	}
	return nil, fmt.Errorf("demo: no encoder for charset %q", charset)
}

// encodeText converts UTF-8 text to charset; it fails on characters the
// charset cannot represent.
func encodeText(charset, s string) ([]byte, error) {
	enc, err := encoder(charset)
	if err != nil || enc == nil {
		return []byte(s), err
	}
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		return nil, fmt.Errorf("demo: encode %q as %s: %w", s, charset, err)
	}
	return []byte(out), nil
}

// encodeWords renders s as RFC 2047 encoded words in charset. Legacy charsets
// get B words of at most six characters each, split on character boundaries,
// the way Chinese and Japanese mail clients write them; UTF-8 and ASCII use
// the standard library's Q encoding.
func encodeWords(charset, s string) (string, error) {
	if enc, err := encoder(charset); err != nil || enc == nil {
		return mime.QEncoding.Encode("utf-8", s), err
	}
	if strings.EqualFold(charset, "iso-8859-1") {
		b, err := encodeText(charset, s)
		return mime.QEncoding.Encode(charset, string(b)), err
	}
	var words []string
	runes := []rune(s)
	for len(runes) > 0 {
		n := min(len(runes), 6)
		b, err := encodeText(charset, string(runes[:n]))
		if err != nil {
			return "", err
		}
		words = append(words, "=?"+charset+"?B?"+base64.StdEncoding.EncodeToString(b)+"?=")
		runes = runes[n:]
	}
	return strings.Join(words, " "), nil
}

// address formats p for a From, To or Cc field.
func (p person) address() (string, error) {
	if p.charset == "" {
		return (&mail.Address{Name: p.name, Address: p.addr}).String(), nil
	}
	name, err := encodeWords(p.charset, p.name)
	if err != nil {
		return "", err
	}
	return name + " <" + p.addr + ">", nil
}

// textPart is a text/* leaf whose UTF-8 text is stored in charset.
func textPart(subtype, charset, cte, text string, extra map[string]string) (part, error) {
	if charset == "" {
		charset = "utf-8"
	}
	body, err := encodeText(charset, text)
	if err != nil {
		return part{}, err
	}
	params := map[string]string{"charset": charset}
	maps.Copy(params, extra)
	return part{mediaType: "text/" + subtype, params: params, encoding: cte, body: body}, nil
}

// attachment is a base64 leaf with a file name.
func attachment(mediaType, filename string, data []byte) part {
	return part{mediaType: mediaType, params: map[string]string{"name": filename},
		encoding: "base64", disposition: "attachment", filename: filename, body: data}
}
