package imapsvc

import (
	"slices"
	"strings"
	"testing"
)

// TestUIDsExpungeAfterAnswer: an EXPUNGE that comes after UID SEARCH's
// answer but before its OK (Dovecot does this when another client has
// just expunged) means the answer still lists the message. The UID list
// must not: it would come back as a row that can never be fetched.
// Scripted, because Dovecot picks this order only now and then.
func TestUIDsExpungeAfterAnswer(t *testing.T) {
	seed := strings.Split(serverSeeds()[0], chunkSep)
	script := append(seed[:6:6], // greeting, login, select, window, IDLE and DONE
		"* SEARCH 3 8\r\n* 1 EXPUNGE\r\n$ OK searched\r\n",
		"* SEARCH 8\r\n$ OK searched\r\n",
		"* SEARCH 8\r\n$ OK searched\r\n",
		"* SEARCH 8\r\n$ OK searched\r\n",
	)
	port, served := scriptServer(t, []byte(strings.Join(script, chunkSep)))
	s := New(Account{Host: "127.0.0.1", Port: port, Security: SecurityPlain, Username: "u"}, Options{})
	defer func() { s.Close(); <-served }()
	ctx := testCtx(t)
	sel := connectInbox(t, s, "pw")
	l, err := s.UIDs(ctx, sel.Mailbox)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(l.UIDs, []UID{8}) || l.Unseen != 1 {
		t.Fatalf("UIDs = %v (unseen %d), want [8] (1)", l.UIDs, l.Unseen)
	}
	if ev := nextEvent[Expunged](t, s, nil); ev.UID != 3 {
		t.Fatalf("Expunged %+v, want UID 3", ev)
	}
}
