package compose

import (
	"strings"
	"testing"
)

func TestTextRoundTrip(t *testing.T) {
	d := Draft{From: "Me <me@example.org>", To: "a@example.org, B <b@example.org>", Subject: "Grüße",
		Body: "hello\n\n> quoted\n", InReplyTo: "x@y", References: []string{"w@y", "x@y"},
		Attachments: []Attachment{{Path: "/tmp/a b.pdf"}}}
	got, err := Parse(d.Text())
	if err != nil {
		t.Fatal(err)
	}
	if got.From != d.From || got.To != d.To || got.Subject != d.Subject || got.Body != d.Body ||
		got.InReplyTo != d.InReplyTo || strings.Join(got.References, " ") != "w@y x@y" ||
		len(got.Attachments) != 1 || got.Attachments[0].Path != "/tmp/a b.pdf" {
		t.Errorf("round trip:\n got %#v\nwant %#v", got, d)
	}
	if !strings.HasPrefix(d.Text(), "From: Me <me@example.org>\nTo: a@example.org, B <b@example.org>\nCc: \nBcc: \nSubject: Grüße\n") {
		t.Errorf("editor text starts:\n%s", d.Text())
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, text string
		check      func(Draft) bool
		err        string
	}{
		{"continuation joins addresses", "To: a@x.org,\n  b@x.org\nSubject: s\n\nbody\n",
			func(d Draft) bool { return d.To == "a@x.org, b@x.org" && d.Body == "body\n" }, ""},
		{"header names in any case", "to: a@x.org\nSUBJECT: hi\n\n",
			func(d Draft) bool { return d.To == "a@x.org" && d.Subject == "hi" }, ""},
		{"CRLF", "To: a@x.org\r\nSubject: s\r\n\r\nb\r\n",
			func(d Draft) bool { return d.Subject == "s" && d.Body == "b\n" }, ""},
		{"subject with a line break", "To: a@x.org\nSubject: one\n two\n\n", nil, "the subject has a line break"},
		{"unknown header", "To: a@x.org\nSbject: s\n\n", nil, `"Sbject: s" is not a header`},
		{"no blank line before the body", "To: a@x.org\nhello there\n", nil, "is not a header"},
		{"continuation first", " a@x.org\n\n", nil, "continuation line"},
		{"no headers at all", "\nbody only", func(d Draft) bool { return d.Body == "body only" && d.To == "" }, ""},
		{"header given twice", "To: a@x.org\nTo: b@x.org\n\n", func(d Draft) bool { return d.To == "a@x.org, b@x.org" }, ""},
		{"empty attach ignored", "Attach: \n\n", func(d Draft) bool { return len(d.Attachments) == 0 }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.text)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(d) {
				t.Errorf("parsed %#v", d)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	ok := Draft{From: "Me <me@x.org>", To: "a@x.org", Subject: "s"}
	tests := []struct {
		name   string
		change func(*Draft)
		err    string
	}{
		{"fine", func(*Draft) {}, ""},
		{"empty To", func(d *Draft) { d.To = " " }, "To: is empty"},
		{"To that does not parse", func(d *Draft) { d.To = "a@x.org, not an address" }, "To: \"a@x.org, not an address\" is not an address list"},
		{"Cc that does not parse", func(d *Draft) { d.Cc = "<broken" }, "Cc:"},
		{"Bcc that does not parse", func(d *Draft) { d.Bcc = "x@" }, "Bcc:"},
		{"no From", func(d *Draft) { d.From = "" }, "From: give exactly one address"},
		{"two From", func(d *Draft) { d.From = "a@x.org, b@x.org" }, "From: give exactly one address"},
		{"subject with a line break", func(d *Draft) { d.Subject = "a\nb" }, "Subject: has a line break"},
		{"trailing comma is fine", func(d *Draft) { d.To = "a@x.org," }, ""},
		{"UTF-8 name", func(d *Draft) { d.To = "Jürgen Groß <j@x.org>" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ok
			tt.change(&d)
			_, err := Check(d)
			if tt.err == "" && err != nil {
				t.Fatalf("err = %v", err)
			}
			if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	_, err := Check(Draft{From: "me@x.org", To: "", Cc: "<bad", Subject: "a\rb"})
	for _, want := range []string{"To: is empty", "Cc:", "Subject: has a line break"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to say %q", err, want)
		}
	}
}

func TestRecipientsOnceEach(t *testing.T) {
	c, err := Check(Draft{From: "me@x.org", To: "a@x.org, B <b@x.org>", Cc: "A@x.org", Bcc: "c@x.org"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Recipients(), " "); got != "a@x.org b@x.org c@x.org" {
		t.Errorf("recipients = %s", got)
	}
}

func TestCheckPostpone(t *testing.T) {
	if _, err := CheckPostpone(Draft{From: "me@x.org"}); err != nil {
		t.Errorf("an empty To stops a postpone: %v", err)
	}
	if _, err := CheckPostpone(Draft{From: "me@x.org", Cc: "<bad"}); err == nil {
		t.Error("an address that does not parse was let through")
	}
	if _, err := CheckPostpone(Draft{}); err == nil {
		t.Error("no From was let through")
	}
}
