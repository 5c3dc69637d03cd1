package compose

import (
	"fmt"
	"testing"
)

// TestSeenAddContacts: each address once (newest name, newest place),
// case ignored; no @, no entry; at most maxContacts, the oldest dropped.
func TestSeenAddContacts(t *testing.T) {
	var s Seen
	s = s.AddContacts(Contact{Name: "Old", Addr: "a@x.org"}, Contact{Addr: "b@x.org"}, Contact{Name: "no address"})
	s = s.AddContacts(Contact{Name: "New", Addr: "A@x.org"})
	got := s.Contacts()
	if len(got) != 2 || got[0] != (Contact{Name: "New", Addr: "A@x.org"}) || got[1].Addr != "b@x.org" {
		t.Fatalf("contacts %v", got)
	}
	for i := 0; i < maxContacts+10; i++ {
		s = s.AddContacts(Contact{Addr: fmt.Sprintf("p%d@x.org", i)}, Contact{Addr: "b@x.org"})
	}
	got = s.Contacts()
	if len(got) != maxContacts || got[0].Addr != "b@x.org" || got[1].Addr != fmt.Sprintf("p%d@x.org", maxContacts+9) {
		t.Fatalf("%d contacts, newest %v", len(got), got[:2])
	}
}
