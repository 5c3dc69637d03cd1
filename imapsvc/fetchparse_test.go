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
	} {
		if _, err := ParseFetchItems(in); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("%q: err = %v, want %q", in, err, wantErr)
		}
	}
}
