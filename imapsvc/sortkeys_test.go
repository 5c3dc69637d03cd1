package imapsvc

import (
	"slices"
	"strings"
	"testing"
	"time"

	"tern/internal/memtest"
)

// TestSortKeysEmbedded fetches the keys of real messages: only the fields
// asked for, decoded, the sender by address, ids without brackets, and
// the References of a reply.
func TestSortKeysEmbedded(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", []byte("From: =?UTF-8?B?w4lsaXNl?= <Elise@Example.org>\r\nSubject: =?UTF-8?Q?R=C3=A9sum=C3=A9?=\r\n"+
		"Date: Tue, 02 Dec 2025 10:00:00 +0100\r\nMessage-ID: <root@x>\r\n\r\nbody\r\n"))
	srv.Append(t, "INBOX", []byte("From: bob@example.org\r\nSubject: Re: Résumé\r\nMessage-ID: <reply@x>\r\n"+
		"In-Reply-To: <root@x>\r\nReferences: <a@x> <root@x>\r\n\r\nbody\r\n"))
	s := connectMem(t, srv, nil)
	ctx := testCtx(t)
	sel, err := s.Select(ctx, "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.SortKeys(ctx, sel.Mailbox, 7, []UID{1, 2}, KeyDate|KeyFrom|KeySubject|KeyThread|KeyArrived|KeySize)
	if err != nil || l.RequestID != 7 || len(l.Keys) != 2 {
		t.Fatalf("%+v, %v", l, err)
	}
	a, b := l.Keys[0], l.Keys[1]
	if a.From != "elise@example.org" || a.Subject != "Résumé" || a.MessageID != "root@x" ||
		!a.Date.Equal(time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)) || a.Size == 0 || !a.Arrived.IsZero() {
		t.Errorf("first (with a Date, so without its fallback): %+v", a)
	}
	if b.InReplyTo != "root@x" || !slices.Equal(b.References, []string{"a@x", "root@x"}) || !b.Date.IsZero() || b.Arrived.IsZero() {
		t.Errorf("reply (without a Date, so with INTERNALDATE): %+v", b)
	}
	arrived, err := s.SortKeys(ctx, sel.Mailbox, 10, []UID{1, 2}, KeyArrived)
	if err != nil || len(arrived.Keys) != 2 || arrived.Keys[0].Arrived.IsZero() || arrived.Keys[1].Arrived.IsZero() {
		t.Fatalf("arrival alone: %+v, %v", arrived, err)
	}
	only, err := s.SortKeys(ctx, sel.Mailbox, 8, []UID{1}, KeySize)
	if err != nil || len(only.Keys) != 1 || only.Keys[0].Subject != "" || only.Keys[0].Known != KeySize ||
		only.Keys[0].Size != a.Size || !only.Keys[0].Arrived.IsZero() {
		t.Fatalf("size only: %+v, %v", only, err)
	}
	// A subject needs neither INTERNALDATE nor RFC822.SIZE (fetched only
	// for the keys that use them).
	subj, err := s.SortKeys(ctx, sel.Mailbox, 9, []UID{1}, KeySubject)
	if err != nil || len(subj.Keys) != 1 || subj.Keys[0].Subject != "Résumé" || subj.Keys[0].Size != 0 || !subj.Keys[0].Arrived.IsZero() {
		t.Fatalf("subject only: %+v, %v", subj, err)
	}
}

// TestKeysOfHeaderBounds: a server's header cannot make tern keep more
// than the bounds.
func TestKeysOfHeaderBounds(t *testing.T) {
	long := strings.Repeat("x", 5000)
	var refs []string
	for i := 0; i < 100; i++ {
		refs = append(refs, "<"+long+">")
	}
	k := keysOfHeader([]byte("Subject: "+long+"\r\nFrom: "+long+"\r\nMessage-ID: <"+long+">\r\nReferences: "+
		strings.Join(refs, " ")+"\r\n"), KeySubject|KeyFrom|KeyThread)
	if len(k.Subject) > maxKeyText || len(k.From) > maxKeyText || len(k.MessageID) > maxKeyText || len(k.References) != maxReferences {
		t.Fatalf("kept %d, %d, %d bytes and %d references", len(k.Subject), len(k.From), len(k.MessageID), len(k.References))
	}
	for _, r := range k.References {
		if len(r) > maxKeyText {
			t.Fatalf("reference of %d bytes", len(r))
		}
	}
}

// TestKeysOfHeaderFields: folded and repeated fields, names in any case,
// and only the fields asked for are read.
func TestKeysOfHeaderFields(t *testing.T) {
	raw := []byte("subject: a long\r\n\tsubject\r\nSUBJECT: second\r\nDate: Tue, 02 Dec 2025 10:00:00 +0100\r\n" +
		"Message-Id: <m@x>\r\nReferences: <a@x>\r\n <b@x>\r\nReferences: <c@x>\r\nnot a field\r\nIn-Reply-To:\r\n <b@x>\r\n")
	k := keysOfHeader(raw, KeySubject|KeyThread)
	if k.Subject != "a long subject" || !k.Date.IsZero() || k.MessageID != "m@x" || k.InReplyTo != "b@x" ||
		!slices.Equal(k.References, []string{"a@x", "b@x", "c@x"}) {
		t.Errorf("%+v", k)
	}
	if k := keysOfHeader(raw, KeyDate); k.Subject != "" || k.MessageID != "" || !k.Date.Equal(time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("date only: %+v", k)
	}
	if k := keysOfHeader([]byte("Date: \r\nFrom: not an address\r\n"), KeyDate|KeyFrom); !k.Date.IsZero() || k.From != "not an address" {
		t.Errorf("unparsable: %+v", k)
	}
}
