package mailtext

import (
	"slices"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, body, encoding, charset string
		want                          string
		wantNote                      string // a substring of one note; "" means no notes
	}{
		{"7bit ascii", "hello\r\n", "7bit", "us-ascii", "hello\r\n", ""},
		{"no encoding, no charset, UTF-8", "héllo", "", "", "héllo", ""},
		{"base64 GBK", "1tDOxA==", "base64", "gbk", "中文", ""},
		{"base64 GBK with line breaks", "1tDO\r\nxA==\r\n", "BASE64", "GBK", "中文", ""},
		{"GB2312 label decodes as GBK", "\xe9F\xd6\xd0", "8bit", "gb2312", "镕中", ""},
		{"gb_2312-80 label", "\xd6\xd0\xce\xc4", "8bit", "gb_2312-80", "中文", ""},
		{"euc-cn label", "\xd6\xd0\xce\xc4", "8bit", "euc-cn", "中文", ""},
		{"x-gbk label", "\xd6\xd0\xce\xc4", "8bit", "x-gbk", "中文", ""},
		{"cp936 label", "\xd6\xd0\xce\xc4", "8bit", "cp936", "中文", ""},
		{"quoted label", "\xd6\xd0\xce\xc4", "8bit", `"GB2312"`, "中文", ""},
		{"Big5", "pKSk5Q==", "base64", "big5", "中文", ""},
		{"ISO-2022-JP", "\x1b$BF|K\\8l\x1b(B", "7bit", "ISO-2022-JP", "日本語", ""},
		{"Shift_JIS", "k/qWe4zq", "base64", "shift_jis", "日本語", ""},
		{"EUC-KR", "x9Gxub7u", "base64", "euc-kr", "한국어", ""},
		{"ks_c_5601-1987", "x9Gxub7u", "base64", "ks_c_5601-1987", "한국어", ""},
		{"KOI8-R", "8NLJ18XU", "base64", "koi8-r", "Привет", ""},
		{"windows-1251", "z/Do4uXy", "base64", "windows-1251", "Привет", ""},
		{"windows-1252 euro", "=80 5", "quoted-printable", "windows-1252", "€ 5", ""},
		{"QP latin-1", "Gr=FC=DFe,=\r\n Welt=3D", "quoted-printable", "iso-8859-1", "Grüße, Welt=", ""},
		{"QP latin-15", "=A4", "quoted-printable", "ISO-8859-15", "€", ""},
		{"QP UTF-8 soft breaks", "caf=C3=\n=A9\n", "quoted-printable", "utf-8", "café\n", ""},
		{"QP raw control byte passes", "a\x1bb=3D", "quoted-printable", "us-ascii", "a\x1bb=", ""},
		{"QP malformed line kept", "ok=3D\nbad=\r\r\nok=3D\n", "quoted-printable", "us-ascii",
			"ok=\nbad=\r\r\nok=\n", "malformed"},
		{"QP lone = kept", "1 = 2 =XY", "quoted-printable", "utf-8", "1 = 2 =XY", ""},
		{"unknown charset, valid UTF-8", "中文", "8bit", "x-foo", "中文", `unknown charset "x-foo": shown as UTF-8`},
		{"unknown charset, 8-bit", "caf\xe9", "8bit", "x-foo", "café", `unknown charset "x-foo": shown as windows-1252`},
		{"latin-1 label, UTF-8 text", "café", "8bit", "iso-8859-1", "café", "the text is UTF-8"},
		{"windows-1252 label, UTF-8 text", "=E2=82=AC", "quoted-printable", "windows-1252", "€", "the text is UTF-8"},
		{"us-ascii with UTF-8", "café", "8bit", "us-ascii", "café", ""},
		{"us-ascii with latin-1", "caf\xe9", "8bit", "us-ascii", "café", "windows-1252"},
		{"UTF-8 label, latin-1 bytes", "caf\xe9!", "8bit", "utf-8", "caf\uFFFD!", "not valid UTF-8"},
		{"UTF-8 BOM dropped", "\uFEFFhi", "8bit", "utf-8", "hi", ""},
		{"truncated base64", "1tDOxNbQzs", "base64", "gbk", "中文中\uFFFD", "truncated"},
		{"unpadded base64", "1tDOxNbQzsQ", "base64", "gbk", "中文中文", "truncated"},
		{"truncated base64, one char over", "1tDOxA=", "base64", "gbk", "中文", ""},
		{"base64 single leftover char", "1tDOx", "base64", "gbk", "中\uFFFD", "truncated"},
		{"base64 stray characters", "1tD*OxA==", "base64", "gbk", "中文", "stray"},
		{"base64 joined chunks", "1tA=zsQ=", "base64", "gbk", "中文", ""},
		{"unknown transfer encoding", "abc", "x-uuencode", "utf-8", "abc", "unknown transfer encoding"},
		{"empty", "", "base64", "utf-8", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes := Decode([]byte(tt.body), tt.encoding, tt.charset)
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			if tt.wantNote == "" && len(notes) > 0 {
				t.Errorf("notes = %q, want none", notes)
			}
			if tt.wantNote != "" && !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, tt.wantNote) }) {
				t.Errorf("notes = %q, want one containing %q", notes, tt.wantNote)
			}
		})
	}
}

func TestDecodeHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain subject", "plain subject"},
		{"=?UTF-8?B?5Lit5paH?=", "中文"},
		{"=?GBK?B?1tDOxA==?=", "中文"},
		{"=?gb2312?B?1tDOxA==?= and =?iso-8859-1?Q?Gr=FC=DFe?=", "中文 and Grüße"},
		{"=?euc-cn?B?1tDOxA==?=", "中文"},
		{"=?x-foo?Q?caf=E9?=", "café"},
		{"=?x-foo?Q?ok?= =?utf-8?Q?fine?=", "okfine"},
		{"=?utf-8?Q?broken", "=?utf-8?Q?broken"},
		{"=?big5?B?pKSk5Q==?=", "中文"},
		{"=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"},
	}
	for _, tt := range tests {
		if got := DecodeHeader(tt.in); got != tt.want {
			t.Errorf("DecodeHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("1tDOxA=="), "base64", "gbk")
	f.Add([]byte("Gr=FC=\r\n=DF"), "quoted-printable", "iso-8859-1")
	f.Add([]byte("\x1b$BF|K"), "7bit", "iso-2022-jp")
	f.Fuzz(func(t *testing.T, body []byte, encoding, charset string) {
		_, _ = Decode(body, encoding, charset) // must not panic
		_ = DecodeHeader(string(body))
	})
}
