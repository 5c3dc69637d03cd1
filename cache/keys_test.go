package cache

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"tern/imapsvc"
)

func TestKeysKeptMergedAndDropped(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a.db"))
	fill(t, s, inbox, 5)
	date := time.Date(2026, 3, 1, 8, 0, 0, 0, time.FixedZone("", -5*3600))
	if err := s.PutKeys(inbox, []imapsvc.MessageKeys{{UID: 2, Subject: "hello", From: "a@example.org",
		MessageID: "<1@x>", References: []string{"<0@x>"}, Known: imapsvc.KeySubject | imapsvc.KeyFrom | imapsvc.KeyThread}}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutKeys(inbox, []imapsvc.MessageKeys{{UID: 2, Date: date, Known: imapsvc.KeyDate}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Keys(inbox, []imapsvc.UID{1, 2})
	if err != nil || len(got) != 1 {
		t.Fatalf("keys %+v, %v", got, err)
	}
	k := got[0]
	if k.Subject != "hello" || !k.Date.Equal(date) || !reflect.DeepEqual(k.References, []string{"<0@x>"}) ||
		k.Known != imapsvc.KeySubject|imapsvc.KeyFrom|imapsvc.KeyThread|imapsvc.KeyDate {
		t.Fatalf("merged keys %+v", k)
	}
	if err := s.Remove(inbox, []imapsvc.UID{2}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Keys(inbox, []imapsvc.UID{2}); len(got) != 0 {
		t.Fatalf("keys of an expunged message kept: %+v", got)
	}
	s.PutKeys(inbox, []imapsvc.MessageKeys{{UID: 3, Subject: "x", Known: imapsvc.KeySubject}})
	s.Begin(inbox.Name, inbox.UIDValidity+1)
	if got, _ := s.Keys(imapsvc.Mailbox{Name: inbox.Name, UIDValidity: inbox.UIDValidity + 1}, []imapsvc.UID{3}); len(got) != 0 {
		t.Fatalf("keys survived a UIDVALIDITY change: %+v", got)
	}
}
