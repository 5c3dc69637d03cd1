package compose

import (
	"strings"
	"testing"
)

const origHeader = `Return-Path: <alice@example.com>
From: Alice Example <alice@example.com>
To: Me <me@example.org>, Bob <bob@example.net>
Cc: carol@example.net, Me Again <ME@example.org>, alias@example.org
Subject: Lunch on Friday?
Date: Thu, 3 Dec 2026 10:15:00 +0100
Message-ID: <lunch-2@example.com>
In-Reply-To: <lunch-1@example.com>
References: <lunch-0@example.com>
 <lunch-1@example.com>`

var me = Identity{From: "Me <me@example.org>", Aliases: []string{"alias@example.org", "Work Me <work@example.org>"}}

func TestParseOriginal(t *testing.T) {
	o := ParseOriginal(origHeader, "text")
	if o.MessageID != "lunch-2@example.com" || o.InReplyTo != "lunch-1@example.com" ||
		strings.Join(o.References, " ") != "lunch-0@example.com lunch-1@example.com" {
		t.Errorf("ids: %q %q %q", o.MessageID, o.InReplyTo, o.References)
	}
	if len(o.From) != 1 || o.From[0].Name != "Alice Example" || len(o.To) != 2 || len(o.Cc) != 3 {
		t.Errorf("addresses: %v %v %v", o.From, o.To, o.Cc)
	}
	if o.Date.IsZero() || o.Subject != "Lunch on Friday?" {
		t.Errorf("date %v subject %q", o.Date, o.Subject)
	}
}

func TestReply(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		all     bool
		to, cc  string
		from    string
		inReply string
		refs    string
		subject string
	}{
		{name: "reply goes to From", header: origHeader, to: "Alice Example <alice@example.com>",
			from: "Me <me@example.org>", inReply: "lunch-2@example.com",
			refs: "lunch-0@example.com lunch-1@example.com lunch-2@example.com", subject: "Re: Lunch on Friday?"},
		{name: "reply all leaves out own addresses and aliases", header: origHeader, all: true,
			to: "Alice Example <alice@example.com>", cc: "Bob <bob@example.net>, carol@example.net",
			from: "Me <me@example.org>", inReply: "lunch-2@example.com",
			refs: "lunch-0@example.com lunch-1@example.com lunch-2@example.com", subject: "Re: Lunch on Friday?"},
		{name: "Reply-To wins over From", header: "From: a@x.org\nReply-To: list@x.org\nTo: me@example.org\nSubject: Re: RE: x\nMessage-ID: <m@x>",
			to: "list@x.org", from: "Me <me@example.org>", inReply: "m@x", refs: "m@x", subject: "Re: x"},
		{name: "Mail-Followup-To for reply all", all: true,
			header: "From: a@x.org\nTo: list@x.org, me@example.org\nCc: z@x.org\nMail-Followup-To: list@x.org, me@example.org\nSubject: Aw: y",
			to:     "list@x.org", from: "Me <me@example.org>", subject: "Re: y"},
		{name: "Mail-Followup-To does not change a plain reply",
			header: "From: a@x.org\nTo: list@x.org\nMail-Followup-To: list@x.org\nSubject: y",
			to:     "a@x.org", from: "Me <me@example.org>", subject: "Re: y"},
		{name: "In-Reply-To stands in for missing References",
			header: "From: a@x.org\nTo: me@example.org\nIn-Reply-To: <p@x>\nMessage-ID: <m@x>\nSubject: Re[2]: z",
			to:     "a@x.org", from: "Me <me@example.org>", inReply: "m@x", refs: "p@x m@x", subject: "Re: z"},
		{name: "reply to one's own message goes to its recipients",
			header: "From: Me <me@example.org>\nTo: b@x.org\nSubject: mine",
			to:     "b@x.org", from: "Me <me@example.org>", subject: "Re: mine"},
		{name: "a note to oneself is answered to oneself",
			header: "From: me@example.org\nTo: me@example.org\nSubject: note",
			to:     "me@example.org", from: "Me <me@example.org>", subject: "Re: note"},
		{name: "duplicates once", all: true,
			header: "From: a@x.org\nTo: A@x.org, b@x.org\nCc: B@x.org\nSubject: dup",
			to:     "a@x.org", cc: "b@x.org", from: "Me <me@example.org>", subject: "Re: dup"},
		{name: "an alias the original went to becomes From",
			header: "From: a@x.org\nTo: alias@example.org\nSubject: w",
			to:     "a@x.org", from: "alias@example.org", subject: "Re: w"},
		{name: "alias in a name form becomes From",
			header: "From: a@x.org\nTo: WORK@example.org\nSubject: w",
			to:     "a@x.org", from: "Work Me <work@example.org>", subject: "Re: w"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Reply(ParseOriginal(tt.header, "body"), me, tt.all)
			if d.To != tt.to || d.Cc != tt.cc || d.From != tt.from || d.InReplyTo != tt.inReply ||
				strings.Join(d.References, " ") != tt.refs || d.Subject != tt.subject {
				t.Errorf("got To %q Cc %q From %q In-Reply-To %q References %q Subject %q",
					d.To, d.Cc, d.From, d.InReplyTo, d.References, d.Subject)
			}
			if _, err := Check(d); err != nil {
				t.Errorf("reply does not check: %v", err)
			}
		})
	}
}

func TestSubjectPrefixes(t *testing.T) {
	for in, want := range map[string]string{
		"hello": "Re: hello", "Re: hello": "Re: hello", "RE: re: hello": "Re: hello",
		"Re[3]: hello": "Re: hello", "AW: hello": "Re: hello", "": "Re: ", "Rebound": "Re: Rebound",
	} {
		if got := ReplySubject(in); got != want {
			t.Errorf("ReplySubject(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"x": "Fwd: x", "Fwd: x": "Fwd: x", "FW: x": "Fwd: x", "WG: Fwd: x": "Fwd: x"} {
		if got := ForwardSubject(in); got != want {
			t.Errorf("ForwardSubject(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuote(t *testing.T) {
	o := ParseOriginal(origHeader, "Hi,\r\n\r\n> earlier\nbye\n\n")
	got := Quote(o)
	want := "\nOn Thu, 3 Dec 2026 10:15 +0100, Alice Example wrote:\n> Hi,\n>\n>> earlier\n> bye\n"
	if got != want {
		t.Errorf("Quote =\n%q\nwant\n%q", got, want)
	}
	if a := Attribution(Original{}); a != "someone wrote:" {
		t.Errorf("attribution without From or Date: %q", a)
	}
}

func TestForward(t *testing.T) {
	o := ParseOriginal(origHeader, "the text\n")
	in := Forward(o, me, false, "")
	if in.Subject != "Fwd: Lunch on Friday?" || in.To != "" || in.From != me.From ||
		!strings.Contains(in.Body, "---------- Forwarded message ----------\nFrom: Alice Example <alice@example.com>\n") ||
		!strings.Contains(in.Body, "Subject: Lunch on Friday?\n") || !strings.HasSuffix(in.Body, "\nthe text\n") ||
		len(in.Attachments) != 0 {
		t.Errorf("inline forward: %#v", in)
	}
	at := Forward(o, me, true, "/state/orig.eml")
	if at.Body != "" || len(at.Attachments) != 1 || at.Attachments[0].Type != "message/rfc822" ||
		at.Attachments[0].Path != "/state/orig.eml" || at.Attachments[0].Name != "Lunch on Friday?.eml" {
		t.Errorf("attached forward: %#v", at)
	}
	if n := AttachName("a/b\x01c"); n != "a_b_c.eml" {
		t.Errorf("attachName = %q", n)
	}
}

func TestFormatAddressQuotes(t *testing.T) {
	o := ParseOriginal(`From: "Doe, John" <j@x.org>`, "")
	d := Reply(o, me, false)
	if d.To != `"Doe, John" <j@x.org>` {
		t.Errorf("To = %q", d.To)
	}
	if _, err := Check(d); err != nil {
		t.Error(err)
	}
}

func TestResume(t *testing.T) {
	h := "From: Me <me@example.org>\nTo: a@x.org,\n b@x.org\nBcc: secret@x.org\nSubject: Grüße\nIn-Reply-To: <p@x>\nReferences: <r@x> <p@x>\nX-Other: ignored"
	d := Resume(h, "body\r\nline 2\r\n")
	if d.From != "Me <me@example.org>" || d.To != "a@x.org, b@x.org" || d.Bcc != "secret@x.org" || d.Subject != "Grüße" ||
		d.InReplyTo != "p@x" || strings.Join(d.References, " ") != "r@x p@x" || d.Body != "body\nline 2\n" {
		t.Errorf("Resume = %#v", d)
	}
	if _, err := Check(d); err != nil {
		t.Error(err)
	}
}
