package imapsvc

import (
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// TestReplyAddr: the row's address is the first From's, and only when
// it is a plain address of bounded length.
func TestReplyAddr(t *testing.T) {
	for _, c := range []struct {
		from []imap.Address
		want string
	}{
		{[]imap.Address{{Name: "Bob", Mailbox: "bob", Host: "example.com"}, {Mailbox: "c", Host: "d.org"}}, "bob@example.com"},
		{nil, ""},
		{[]imap.Address{{Mailbox: "undisclosed-recipients"}}, ""},
		{[]imap.Address{{Mailbox: "x\x1b[31m", Host: "evil.org"}}, ""},
		{[]imap.Address{{Mailbox: "a b", Host: "x.org"}}, ""},
		{[]imap.Address{{Mailbox: strings.Repeat("a", 300), Host: "x.org"}}, ""},
	} {
		if got := replyAddr(c.from); got != c.want {
			t.Errorf("replyAddr(%v) = %q, want %q", c.from, got, c.want)
		}
	}
}
