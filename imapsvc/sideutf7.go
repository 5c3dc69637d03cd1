package imapsvc

import (
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Folder names on the wire are modified UTF-7 (RFC 3501 section 5.1.3).
// go-imap's codec is internal to it, so the raw connections have this one.

var mutf7 = base64.NewEncoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").WithPadding(base64.NoPadding)

var errBadMUTF7 = errors.New("a folder name is not valid modified UTF-7")

// encodeMUTF7 encodes a Unicode folder name for the wire.
func encodeMUTF7(s string) string {
	var b strings.Builder
	var run []uint16
	flush := func() {
		if len(run) == 0 {
			return
		}
		buf := make([]byte, 0, 2*len(run))
		for _, u := range run {
			buf = append(buf, byte(u>>8), byte(u))
		}
		b.WriteByte('&')
		b.WriteString(mutf7.EncodeToString(buf))
		b.WriteByte('-')
		run = run[:0]
	}
	for _, r := range s {
		if r >= 0x20 && r <= 0x7e {
			flush()
			b.WriteRune(r)
			if r == '&' {
				b.WriteByte('-')
			}
			continue
		}
		run = utf16.AppendRune(run, r)
	}
	flush()
	return b.String()
}

// decodeMUTF7 decodes a folder name from the wire. Raw UTF-8, which some
// servers send, is kept as it is.
func decodeMUTF7(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errBadMUTF7
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			b.WriteByte(s[i])
			continue
		}
		end := strings.IndexByte(s[i:], '-')
		if end < 0 {
			return "", errBadMUTF7
		}
		enc := s[i+1 : i+end]
		i += end
		if enc == "" {
			b.WriteByte('&')
			continue
		}
		raw, err := mutf7.DecodeString(enc)
		if err != nil || len(raw)%2 != 0 {
			return "", errBadMUTF7
		}
		units := make([]uint16, len(raw)/2)
		for j := range units {
			units[j] = uint16(raw[2*j])<<8 | uint16(raw[2*j+1])
		}
		for _, r := range utf16.Decode(units) {
			if r == utf8.RuneError || (r >= 0x20 && r <= 0x7e) {
				return "", errBadMUTF7 // unpaired surrogate, or ASCII that needs no shift
			}
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// quoteWire quotes an encoded folder name for a command line.
func quoteWire(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
