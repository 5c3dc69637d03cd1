package ui

import (
	"strings"
	"testing"
)

// TestExpungeReplan: when another client marks one more message \Deleted
// between the question and the answer, the EXPUNGE is refused and the
// question is asked again with the new set; the same for CLOSE.
func TestExpungeReplan(t *testing.T) {
	f := quiet(5)
	f.caps = []string{"IMAP4rev1", "MOVE"} // no UIDPLUS: plain EXPUNGE
	f.boxes["INBOX"].rows[0].Flags.Deleted = true
	m := start(t, f, testOptions())
	m = drive(t, m, keys("$")...).(Model)
	if q := m.question().question; !strings.Contains(q, `ALL 1 \Deleted message`) {
		t.Fatalf("question = %q", q)
	}
	f.mu.Lock()
	f.boxes["INBOX"].rows[1].Flags.Deleted = true // another client, meanwhile
	f.mu.Unlock()
	m = drive(t, m, keys("y")...).(Model)
	q := m.question().question
	if !m.question().active() || !strings.Contains(q, "changed on the server since you confirmed; nothing was expunged") ||
		!strings.Contains(q, `ALL 2 \Deleted messages`) {
		t.Fatalf("after the change, question = %q (calls %v)", q, f.callLog())
	}
	if n := len(f.boxes["INBOX"].rows); n != 5 {
		t.Fatalf("%d messages left after a refused expunge, want 5", n)
	}
	m = drive(t, m, keys("y")...).(Model)
	if got := lastCall(f, "EXPUNGE"); got != "EXPUNGE 2,4 whole=true" || len(f.boxes["INBOX"].rows) != 3 {
		t.Fatalf("second answer sent %q, %d rows left", got, len(f.boxes["INBOX"].rows))
	}

	// CLOSE with nothing \Deleted goes without a question; if something
	// was marked meanwhile, it asks.
	f.boxes["INBOX"].rows[0].Flags.Deleted = true
	m = drive(t, m, typed(":close")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if !strings.Contains(m.question().question, `CLOSE expunges 1 \Deleted message silently`) {
		t.Fatalf(":close question = %q", m.question().question)
	}
	f.mu.Lock()
	f.boxes["INBOX"].rows[0].Flags.Deleted = false
	f.mu.Unlock()
	m = drive(t, m, keys("y")...).(Model)
	if q := m.question().question; !strings.Contains(q, "Nothing is \\Deleted now. Close?") || lastCall(f, "CLOSE") != "" {
		t.Fatalf("CLOSE after the change: question %q, calls %v", q, f.callLog())
	}
	m = drive(t, m, keys("y")...).(Model)
	if m.list.open || lastCall(f, "CLOSE") == "" {
		t.Fatal(":close did not close")
	}
}
