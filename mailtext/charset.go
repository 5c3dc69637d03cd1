package mailtext

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding/charmap"
)

// toUTF8 converts b from the charset called label to UTF-8. Unknown or wrong labels
// never fail: valid UTF-8 is shown as it is, anything else as windows-1252, which maps
// every byte to some character and is what mislabelled Western mail usually is. Text
// labelled with a Latin single-byte charset that is valid UTF-8 is shown as UTF-8.
func toUTF8(b []byte, label string) (string, []string) {
	switch name := canonicalCharset(label); name {
	case "utf-8":
		s := strings.TrimPrefix(string(b), "\uFEFF")
		if utf8.ValidString(s) {
			return s, nil
		}
		return strings.ToValidUTF8(s, "\uFFFD"), []string{"text is not valid UTF-8: bad bytes replaced"}
	case "us-ascii":
		// 8-bit text labelled ASCII, or not labelled at all, is most often UTF-8.
		if utf8.Valid(b) {
			return string(b), nil
		}
		if label == "" {
			return windows1252(b), []string{"no charset given: shown as windows-1252"}
		}
		return windows1252(b), []string{fmt.Sprintf("charset %q has 8-bit bytes: shown as windows-1252", label)}
	default:
		if singleByteLatin(name) && utf8.Valid(b) && !isASCII(b) {
			// Real Latin text is almost never valid UTF-8, but UTF-8 sent under a
			// default Latin label by webmail forms and scripts is common.
			return string(b), []string{fmt.Sprintf("charset %q but the text is UTF-8: shown as UTF-8", label)}
		}
		r, err := charset.Reader(name, bytes.NewReader(b))
		if err == nil {
			var out []byte
			if out, err = io.ReadAll(r); err == nil {
				if bytes.Contains(out, []byte("\uFFFD")) {
					return string(out), []string{fmt.Sprintf("text is not valid %s: bad bytes replaced", label)}
				}
				return string(out), nil
			}
		}
		if utf8.Valid(b) {
			return string(b), []string{fmt.Sprintf("unknown charset %q: shown as UTF-8", label)}
		}
		return windows1252(b), []string{fmt.Sprintf("unknown charset %q: shown as windows-1252", label)}
	}
}

func singleByteLatin(name string) bool {
	return strings.HasPrefix(name, "iso-8859-") || strings.HasPrefix(name, "windows-125") ||
		strings.HasPrefix(name, "cp125") || name == "latin1"
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func windows1252(b []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil { // not expected: every byte maps to something
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// canonicalCharset folds a charset label to the name it is decoded under. GB2312 and its
// aliases become GBK, its superset: mail labelled GB2312 often uses GBK characters, and
// some aliases ("euc-cn") are unknown to charset.Reader.
func canonicalCharset(label string) string {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch l {
	case "", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "iso-ir-6", "cp367", "ibm367", "csascii":
		return "us-ascii"
	case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
		return "utf-8"
	case "gb2312", "gb_2312", "gb_2312-80", "csgb2312", "euc-cn", "x-euc-cn", "cseuccn", "chinese",
		"iso-ir-58", "csiso58gb231280", "gbk", "x-gbk", "cp936", "ms936", "windows-936":
		return "gbk"
	}
	return l
}

// DecodeHeader decodes the RFC 2047 encoded words in a header value, with the same
// charsets and leniency as Decode. On a malformed word it returns s unchanged. The result
// is not sanitized.
func DecodeHeader(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	d := mime.WordDecoder{CharsetReader: func(label string, r io.Reader) (io.Reader, error) {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		text, _ := toUTF8(b, label)
		return strings.NewReader(text), nil
	}}
	out, err := d.DecodeHeader(s)
	if err != nil {
		return s
	}
	return out
}
