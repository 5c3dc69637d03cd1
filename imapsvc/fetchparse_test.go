package imapsvc

import (
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestParseFetchItems(t *testing.T) {
	hdr := func(sec imap.FetchItemBodySection) []*imap.FetchItemBodySection {
		return []*imap.FetchItemBodySection{&sec}
	}
	tests := []struct {
		in   string
		want imap.FetchOptions
	}{
		{"FAST", imap.FetchOptions{UID: true, Flags: true, InternalDate: true, RFC822Size: true}},
		{"all", imap.FetchOptions{UID: true, Flags: true, InternalDate: true, RFC822Size: true, Envelope: true}},
		{"FULL", imap.FetchOptions{UID: true, Flags: true, InternalDate: true, RFC822Size: true, Envelope: true,
			BodyStructure: &imap.FetchItemBodyStructure{}}},
		{"(flags uid rfc822.size)", imap.FetchOptions{UID: true, Flags: true, RFC822Size: true}},
		{"bodystructure", imap.FetchOptions{UID: true, BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}},
		{"body", imap.FetchOptions{UID: true, BodyStructure: &imap.FetchItemBodyStructure{}}},
		{"body[header.fields (from to subject date)]", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{
			Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"FROM", "TO", "SUBJECT", "DATE"}})}},
		{"BODY.PEEK[HEADER.FIELDS.NOT (Received)]", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{
			Specifier: imap.PartSpecifierHeader, HeaderFieldsNot: []string{"RECEIVED"}, Peek: true})}},
		{"body.peek[1.2.mime]", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{
			Specifier: imap.PartSpecifierMIME, Part: []int{1, 2}, Peek: true})}},
		{"body.peek[2.text]<0.512>", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{
			Specifier: imap.PartSpecifierText, Part: []int{2}, Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: 512}})}},
		{"body[]", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{})}},
		{"rfc822.header", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true})}},
		{"RFC822", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{})}},
		{"rfc822.text", imap.FetchOptions{UID: true, BodySection: hdr(imap.FetchItemBodySection{Specifier: imap.PartSpecifierText})}},
		{"RFC822.SIZE", imap.FetchOptions{UID: true, RFC822Size: true}},
	}
	for _, tt := range tests {
		got, err := ParseFetchItems(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.in, *got, tt.want)
		}
	}
	for in, wantErr := range map[string]string{
		"":                         "needs items",
		"()":                       "empty item list",
		"(flags":                   "missing )",
		"flagz":                    `unknown item "FLAGZ"`,
		"(flags all)":              "macro ALL cannot be part of a list",
		"body[header.fields from]": "needs a list of field names",
		"body[header.fields ()]":   "at least one field name",
		"body[1.foo]":              `unknown section "FOO"`,
		"body[0]":                  "start at 1",
		"body[text":                "missing ]",
		"body[text]<5>":            "<offset.size>",
		"body.peek":                "needs a section",
		"body[mime]":               "MIME needs a part number",
		"flags )":                  "unexpected",
		"(flags 1:*)":              "message set 1:* goes before the items",
	} {
		if _, err := ParseFetchItems(in); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("%q: err = %v, want %q", in, err, wantErr)
		}
	}
}

func TestSplitFetchArgs(t *testing.T) {
	for in, want := range map[string][2]string{
		"1 fast":                    {"1", "fast"},
		"1:* flags":                 {"1:*", "flags"},
		" 2,4:6  (uid rfc822.size)": {"2,4:6", "(uid rfc822.size)"},
		"flags":                     {"", "flags"},
		"body.peek[1]":              {"", "body.peek[1]"},
		"(flags)":                   {"", "(flags)"},
	} {
		seq, items := SplitFetchArgs(in)
		if seq != want[0] || items != want[1] {
			t.Errorf("SplitFetchArgs(%q) = %q, %q; want %q", in, seq, items, want)
		}
	}
}

func TestExpandSeq(t *testing.T) {
	cases := []struct {
		set   string
		n     uint32
		limit int
		want  []uint32
		total int
		err   string
	}{
		{set: "1", n: 3, limit: 10, want: []uint32{1}, total: 1},
		{set: "1:*", n: 3, limit: 10, want: []uint32{1, 2, 3}, total: 3},
		{set: "*", n: 3, limit: 10, want: []uint32{3}, total: 1},
		{set: "*:2", n: 4, limit: 10, want: []uint32{2, 3, 4}, total: 3},
		{set: "3,1:2,2", n: 5, limit: 10, want: []uint32{1, 2, 3}, total: 3},
		{set: "1:*", n: 200000, limit: 2, want: []uint32{1, 2}, total: 200000},
		{set: "5:9,1:6", n: 9, limit: 3, want: []uint32{1, 2, 3}, total: 9},
		{set: "4", n: 3, limit: 10, err: "no message 4"},
		{set: "1", n: 0, limit: 10, err: "empty"},
		{set: "0", n: 3, limit: 10, err: "start at 1"},
		{set: "1:", n: 3, limit: 10, err: "bad message number"},
		{set: "1,,2", n: 3, limit: 10, err: "bad message number"},
	}
	for _, c := range cases {
		rs, err := parseSeqSet(c.set)
		var got []uint32
		var total int
		if err == nil {
			got, total, err = expandSeq(rs, c.n, c.limit)
		}
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q of %d: err = %v, want %q", c.set, c.n, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) || total != c.total {
			t.Errorf("%q of %d = %v (%d), %v; want %v (%d)", c.set, c.n, got, total, err, c.want, c.total)
		}
	}
}
