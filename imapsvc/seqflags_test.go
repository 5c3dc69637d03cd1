package imapsvc

import (
	"testing"
	"time"
)

// TestSeqFlagsNearExpungeResync: a FETCH naming its message by sequence
// number alone may have been reordered after an EXPUNGE by go-imap (see
// seqFlagsDoubt), so near an EXPUNGE it brings a Resync, which makes the
// UI read the flags again by UID. Far from one it is trusted.
func TestSeqFlagsNearExpungeResync(t *testing.T) {
	s, _, conn, mb := hostileInbox(t)
	if _, err := s.UIDs(testCtx(t), mb); err != nil {
		t.Fatal(err)
	}
	conn.Send(`* 1 FETCH (FLAGS (\Flagged))`, "* 4 EXISTS")
	timeout := time.After(30 * time.Second)
	for done := false; !done; {
		var ev Event
		select {
		case ev = <-s.Events():
		case <-timeout:
			t.Fatal("timed out waiting for EXISTS 4")
		}
		switch e := ev.(type) {
		case Resync:
			t.Fatalf("Resync %+v for a FETCH far from any EXPUNGE", e)
		case FlagsChanged:
			if e.UID != 1 {
				t.Fatalf("FETCH 1 applied to UID %d", e.UID)
			}
		case Exists:
			done = e.Count == 4
		}
	}
	conn.Send("* 3 EXPUNGE", `* 1 FETCH (FLAGS (\Seen))`)
	ev := nextEvent[Resync](t, s, nil)
	if ev.Mailbox != mb || ev.Exists != 3 {
		t.Fatalf("Resync = %+v, want INBOX with 3 messages", ev)
	}
}
