package servertest

import (
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// ThinOut is another client's burst of changes, for the tests of an
// overflowing event queue: in the folder selected on c, holding UIDs 1 to
// n, it flags every sixth message and expunges all the others. It returns
// the UIDs left, every one of them flagged.
func ThinOut(t testing.TB, c *imapclient.Client, n int) []imap.UID {
	t.Helper()
	var keep, drop imap.UIDSet
	var left []imap.UID
	for u := imap.UID(1); u <= imap.UID(n); u++ {
		if u%6 == 0 {
			keep.AddNum(u)
			left = append(left, u)
		} else {
			drop.AddNum(u)
		}
	}
	for _, step := range []struct {
		set  imap.UIDSet
		flag imap.Flag
	}{{keep, imap.FlagFlagged}, {drop, imap.FlagDeleted}} {
		if err := c.Store(step.set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
			Flags: []imap.Flag{step.flag}}, nil).Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	return left
}
