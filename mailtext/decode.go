package mailtext

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	"slices"
	"strings"
)

// Decode undoes the transfer encoding of a part's body and converts it from charsetName
// to UTF-8. It never fails and never panics: what it cannot decode cleanly it shows as
// well as it can, and says so in notes, one short sentence each for the user.
//
// The text is NOT sanitized and keeps the sender's line endings: pass it through
// sanitize.Text before it reaches the terminal.
func Decode(body []byte, encoding, charsetName string) (text string, notes []string) {
	raw, notes := decodeTransfer(body, encoding)
	text, more := toUTF8(raw, charsetName)
	return text, append(notes, more...)
}

func decodeTransfer(body []byte, encoding string) ([]byte, []string) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return decodeBase64(body)
	case "quoted-printable":
		return decodeQP(body)
	case "", "7bit", "8bit", "binary":
		return body, nil
	}
	return body, []string{fmt.Sprintf("unknown transfer encoding %q: shown as sent", encoding)}
}

// decodeBase64 decodes what is valid: it skips line breaks and stray characters, lets
// padding end a group early (some senders join separately encoded chunks), and decodes
// a final incomplete group as far as it goes.
func decodeBase64(body []byte) ([]byte, []string) {
	var (
		out       []byte
		group     = make([]byte, 0, len(body))
		stray     int
		truncated bool
	)
	flush := func() {
		if len(group)%4 == 1 { // six bits cannot make a byte
			group = group[:len(group)-1]
			truncated = true
		}
		out, _ = base64.RawStdEncoding.AppendDecode(out, group)
		group = group[:0]
	}
	for _, c := range body {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			group = append(group, c)
		case c == '=':
			if len(group)%4 != 0 {
				flush()
			}
		case c == '\r', c == '\n', c == ' ', c == '\t':
		default:
			stray++
		}
	}
	if len(group)%4 != 0 {
		truncated = true
	}
	flush()

	var notes []string
	if truncated {
		notes = append(notes, "base64 text ends in the middle of a group: the part may be truncated")
	}
	if stray > 0 {
		notes = append(notes, fmt.Sprintf("base64 text has %d stray characters: skipped", stray))
	}
	return out, notes
}

// decodeQP decodes quoted-printable with mime/quotedprintable. Raw control bytes, which
// it rejects, are escaped first so they pass through; if it still fails, the body is
// decoded line by line and lines it rejects are kept as sent, so one bad line does not
// lose the rest.
func decodeQP(body []byte) ([]byte, []string) {
	body = escapeControls(body)
	if out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body))); err == nil {
		return out, nil
	}
	var out []byte
	bad := 0
	for line := range bytes.Lines(body) {
		dec, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(line)))
		if err != nil {
			dec = line
			bad++
		}
		out = append(out, dec...)
	}
	return out, []string{fmt.Sprintf("quoted-printable text has %d malformed lines: shown as sent", bad)}
}

// escapeControls rewrites control bytes other than TAB, CR and LF as =XX.
func escapeControls(body []byte) []byte {
	isCtl := func(c byte) bool { return c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f }
	if !slices.ContainsFunc(body, isCtl) {
		return body
	}
	out := make([]byte, 0, len(body)+16)
	for _, c := range body {
		if isCtl(c) {
			out = fmt.Appendf(out, "=%02X", c)
		} else {
			out = append(out, c)
		}
	}
	return out
}
