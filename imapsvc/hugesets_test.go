package imapsvc

import (
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"tern/internal/hostile"
)

// hugeSets is a server whose answers name every UID there can be: an
// ESEARCH of 1:4294967295 to a UID SEARCH for FROM or DELETED (the folder's
// own listing answers 1:3), and a COPYUID of the same range to any UID COPY.
func hugeSets(t *testing.T) (*Service, Mailbox) {
	t.Helper()
	srv := hostile.Start(t, hostile.Options{Exists: 3, Caps: "IMAP4rev1 IDLE AUTH=PLAIN ESEARCH UIDPLUS",
		Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
			up := strings.ToUpper(args)
			switch {
			case cmd == "UID" && strings.HasPrefix(up, "SEARCH"):
				if !strings.Contains(up, "FROM") && !strings.Contains(up, "DELETED") {
					c.Send(`* ESEARCH (TAG "`+tag+`") UID ALL 1:3`, tag+" OK done")
					return true
				}
				c.Send(`* ESEARCH (TAG "`+tag+`") UID ALL 1:4294967295`, tag+" OK done")
			case cmd == "UID" && strings.HasPrefix(up, "COPY"):
				c.Send(tag + " OK [COPYUID 7 1:4294967295 1:4294967295] done")
			default:
				return false
			}
			return true
		}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	sel := connectInbox(t, s, "pw")
	return s, sel.Mailbox
}

// TestHugeSetsRefused: a search answer or a COPYUID naming 4294967295
// UIDs is refused or ignored without being expanded (16 GiB), and the
// connection goes on.
func TestHugeSetsRefused(t *testing.T) {
	s, mb := hugeSets(t)
	before := totalAlloc()
	if _, err := s.Search(testCtx(t), mb, "FROM x"); err == nil || !strings.Contains(err.Error(), "listed 4294967295 messages") {
		t.Fatalf("Search = %v, want the listing refused", err)
	}
	if _, err := s.ExpungePlan(testCtx(t), mb); err == nil || !strings.Contains(err.Error(), "listed 4294967295 messages") {
		t.Fatalf("ExpungePlan = %v, want the listing refused", err)
	}
	tr, err := s.Copy(testCtx(t), mb, []UID{1, 2}, "Elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.DestUIDs) != 0 || tr.DestUIDValidity != 0 {
		t.Fatalf("a COPYUID naming more than the 2 copied was taken: %d UIDs", len(tr.DestUIDs))
	}
	if grew := totalAlloc() - before; grew > 8<<20 {
		t.Fatalf("the huge sets cost %d MiB", grew>>20)
	}
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("the connection did not stay: %v", err)
	}
}

// TestSetSize counts ranges either way round and "*" as unbounded.
func TestSetSize(t *testing.T) {
	r := func(a, b imap.UID) imap.UIDRange { return imap.UIDRange{Start: a, Stop: b} }
	for _, c := range []struct {
		set  imap.UIDSet
		want uint64
	}{
		{imap.UIDSet{r(1, 3)}, 3}, {imap.UIDSet{r(3, 1)}, 3}, {imap.UIDSet{r(5, 5)}, 1},
		{imap.UIDSet{r(1, 2), r(7, 9)}, 5}, {imap.UIDSet{r(1, 4294967295)}, 4294967295},
	} {
		if got := setSize(c.set); got != c.want {
			t.Errorf("setSize(%v) = %d, want %d", c.set, got, c.want)
		}
	}
	if got := setSize(imap.UIDSet{r(4, 0)}); got != ^uint64(0) {
		t.Errorf("setSize(4:*) = %d, want unbounded", got)
	}
}
