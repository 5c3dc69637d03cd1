package compose

import (
	"net/mail"
	"strconv"
	"strings"
	"testing"
)

func TestParseAddressBook(t *testing.T) {
	out := "searching...\nDana Scully\tdana@example.com\nfox@example.com\nMutt Style\tm@example.com\tnote\nno address here\nBad\tnot an address <x>\n" +
		"Evil\tx\x1b]0;t\x07@example.com\n"
	got := ParseAddressBook([]byte(out))
	want := []Contact{{"Dana Scully", "dana@example.com"}, {"", "fox@example.com"}, {"Mutt Style", "m@example.com"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %v, want %v", i, got[i], want[i])
		}
	}
	big := strings.Repeat("x@example.com\n", 2*maxContacts)
	if n := len(ParseAddressBook([]byte(big))); n != maxContacts {
		t.Errorf("%d contacts kept, want the bound %d", n, maxContacts)
	}
}

func TestBookCommand(t *testing.T) {
	for _, tt := range []struct{ cmd, q, want string }{
		{"khard email --parsable %s", "da", "khard email --parsable 'da'"},
		{"abook --mutt-query", "da", "abook --mutt-query 'da'"},
		{"q %s", "it's; rm -rf /", `q 'it'\''s; rm -rf /'`},
	} {
		if got := BookCommand(tt.cmd, tt.q); got != tt.want {
			t.Errorf("BookCommand(%q, %q) = %q, want %q", tt.cmd, tt.q, got, tt.want)
		}
	}
}

func TestMatchAndReplace(t *testing.T) {
	cs := []Contact{{"Zed", "zed@example.com"}, {"Dana", "dana@example.com"}, {"Adam", "adam@dana.org"}, {"Dana again", "DANA@example.com"}}
	got := Match(cs, "dA")
	if len(got) != 2 || got[0].Addr != "dana@example.com" || got[1].Addr != "adam@dana.org" {
		t.Errorf("Match = %v", got)
	}
	if LastToken("a@x.org, Da") != "Da" || LastToken("Da") != "Da" {
		t.Error("LastToken")
	}
	if got := ReplaceLast("a@x.org, Da", got[0]); got != "a@x.org, Dana <dana@example.com>" {
		t.Errorf("ReplaceLast = %q", got)
	}
	var s Seen
	for i := 0; i < maxContacts+10; i++ {
		s = s.Add(&mail.Address{Address: "u" + strings.Repeat("x", i%3) + strconv.Itoa(i) + "@example.com"})
	}
	if n := len(s.Contacts()); n != maxContacts {
		t.Errorf("seen keeps %d, want %d", n, maxContacts)
	}
	s = Seen{}.Add(&mail.Address{Name: "Old", Address: "old@x.org"}, &mail.Address{Name: "New", Address: "new@x.org"}, &mail.Address{Address: "nobody"})
	if c := s.Contacts(); len(c) != 2 || c[0].Addr != "new@x.org" {
		t.Errorf("Contacts = %v", c)
	}
}
