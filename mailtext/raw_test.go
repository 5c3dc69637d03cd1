package mailtext

import (
	"errors"
	"strings"
	"testing"
)

// crlf turns a readable "\n" message into wire form.
func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

const nestedMsg = `From: a@example.com
Subject: nested
Content-Type: multipart/mixed; boundary="outer"

preamble
--outer
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain; charset=utf-8

plain body
--alt
Content-Type: text/html

<p>html body</p>
--alt--
--outer
Content-Type: message/rfc822

Subject: fwd
Content-Type: multipart/mixed; boundary=in

--in
Content-Type: text/plain

inner text
--in
Content-Type: application/pdf; name="a.pdf"
Content-Transfer-Encoding: base64

JVBERi0=
--in--
--outer
Content-Type: message/rfc822

Subject: single

single body
--outer--
epilogue
`

func TestParseRawNumbering(t *testing.T) {
	root, err := ParseRaw(crlf(nestedMsg))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(p Part)
	walk = func(p Part) {
		got = append(got, sectionKey(p.Path)+"="+p.Type+"/"+p.Subtype)
		for _, c := range p.Children {
			walk(c)
		}
	}
	walk(root)
	want := []string{
		"=multipart/mixed",
		"1=multipart/alternative", "1.1=text/plain", "1.2=text/html",
		"2=message/rfc822", "2=multipart/mixed", "2.1=text/plain", "2.2=application/pdf",
		"3=message/rfc822", "3.1=text/plain",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tree:\n got %q\nwant %q", got, want)
	}
	bodies := map[string]string{
		"1.1": "plain body",
		"1.2": "<p>html body</p>",
		"2.1": "inner text",
		"2.2": "JVBERi0=",
		"3.1": "single body", // the line break before a delimiter belongs to it
		"3":   "Subject: single\r\n\r\nsingle body",
	}
	for sec, want := range bodies {
		var path []int
		for _, c := range strings.Split(sec, ".") {
			path = append(path, int(c[0]-'0'))
		}
		b, err := PartBody(crlf(nestedMsg), path)
		if err != nil || string(b) != want {
			t.Errorf("PartBody(%s) = %q, %v; want %q", sec, b, err, want)
		}
	}
	if b, _ := PartBody(crlf(nestedMsg), []int{2}); !strings.HasPrefix(string(b), "Subject: fwd\r\n") {
		t.Errorf("PartBody(2) should be the whole enclosed message, got %q", b)
	}
	if _, err := PartBody(crlf(nestedMsg), []int{9}); err == nil {
		t.Error("PartBody(9) should fail")
	}
}

func TestParseRawSinglePart(t *testing.T) {
	raw := crlf("From sender Mon Jan  1 00:00:00 2024\nSubject: hi\nContent-Type: text/plain; charset=\"GBK\"; format=flowed\n\nbody\n")
	root, err := ParseRaw(raw)
	if err != nil {
		t.Fatal(err)
	}
	if root.Type != "text" || root.Params["charset"] != "GBK" || root.Params["format"] != "flowed" || root.Section() != "1" {
		t.Errorf("root = %+v", root)
	}
	for _, path := range [][]int{nil, {1}} {
		if b, err := PartBody(raw, path); string(b) != "body\r\n" || err != nil {
			t.Errorf("PartBody(%v) = %q, %v", path, b, err)
		}
	}
}

func TestParseRawMalformed(t *testing.T) {
	tests := []struct {
		name, raw string
		wantType  string // of the root
		wantErr   string // substring; "" = no error
	}{
		{"no header at all", "just text\nmore\n", "text/plain", ""},
		{"no body", "Subject: x\n", "text/plain", ""},
		{"missing boundary", "Content-Type: multipart/mixed\n\n--x\n\nhi\n", "text/plain", "without a boundary"},
		{"wrong boundary", "Content-Type: multipart/mixed; boundary=a\n\n--b\n\nhi\n--b--\n", "text/plain", "not found"},
		{"no closing boundary", "Content-Type: multipart/mixed; boundary=a\n\n--a\n\nhi\n", "multipart/mixed", "closing boundary"},
		{"bad header line", "Subject: x\nthis is not a header\nContent-Type: text/html\n\n<p>", "text/html", "malformed"},
		{"NUL in header", "Subj\x00ect: x\nContent-Type: text/html\nX: a\x00b\n\n<p>", "text/html", "malformed"},
		{"duplicate params", "Content-Type: multipart/mixed; boundary=a; boundary=a\n\n--a\n\nhi\n--a--\n", "multipart/mixed", ""},
		{"garbage content type", "Content-Type: ;;;\n\nhi\n", "text/plain", ""},
		{"empty", "", "text/plain", ""},
		{"enclosed multipart without boundary", "Content-Type: message/rfc822\n\nContent-Type: multipart/mixed\n\nhi\n",
			"message/rfc822", "without a boundary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := ParseRaw(crlf(tt.raw))
			for _, c := range root.Children { // a part's body must be found under its own path
				if b, err := PartBody(crlf(tt.raw), c.Path); err != nil || strings.HasPrefix(string(b), "Content-Type") {
					t.Errorf("PartBody(%v) = %q, %v", c.Path, b, err)
				}
			}
			if got := root.Type + "/" + root.Subtype; got != tt.wantType {
				t.Errorf("type = %s, want %s", got, tt.wantType)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// deepMessage nests n multipart/mixed levels around a text part.
func deepMessage(n int) []byte {
	var b strings.Builder
	b.WriteString("Subject: deep\r\n")
	for i := range n {
		b.WriteString("Content-Type: multipart/mixed; boundary=b" + itoa(i) + "\r\n\r\n--b" + itoa(i) + "\r\n")
	}
	b.WriteString("Content-Type: text/plain\r\n\r\ndeepest\r\n")
	for i := n - 1; i >= 0; i-- {
		b.WriteString("--b" + itoa(i) + "--\r\n")
	}
	return []byte(b.String())
}

func itoa(i int) string { return sectionKey([]int{i}) }

func TestParseRawTooDeep(t *testing.T) {
	root, err := ParseRaw(deepMessage(1000))
	if !errors.Is(err, ErrTooDeep) {
		t.Fatalf("err = %v, want ErrTooDeep", err)
	}
	depth := 0
	for p := root; len(p.Children) > 0; p = p.Children[0] {
		depth++
	}
	if depth != maxNesting {
		t.Errorf("depth = %d, want %d", depth, maxNesting)
	}
	if _, err := ParseRaw(deepMessage(50)); err != nil {
		t.Errorf("50 levels: %v", err)
	}
}
