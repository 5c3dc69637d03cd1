package ui

import (
	"strings"
	"testing"
)

// TestFetchMarkedMessages: with messages marked, :fetch asks for all of
// them in one command and shows each answer.
func TestFetchMarkedMessages(t *testing.T) {
	f := quiet(5)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("t", "t")...).(Model) // marks the two newest
	m = drive(t, m, typed(":fetch flags")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if got := lastCall(f, "ITEMS"); got != "ITEMS 8,10 flags" {
		t.Fatalf("sent %q (calls %v)", got, f.callLog())
	}
	if s := screen(m); !strings.Contains(s, "UID 10") || !strings.Contains(s, "UID 8") {
		t.Fatalf("answer not shown:\n%s", s)
	}
}

// TestFetchAfterOtherFolderMessage: a message of another folder read
// earlier (Sent UID 2) is not what :fetch shows or acts on in INBOX, where
// UID 2 is another message; F on the answer flags nothing.
func TestFetchAfterOtherFolderMessage(t *testing.T) {
	f := quiet(5)
	m := start(t, f, testOptions())
	m = drive(t, m, typed(":select Sent")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("G")...).(Model)
	m = drive(t, m, keys("enter")...).(Model) // Sent UID 2
	if open, _ := m.reader.Message(); open.Mailbox.Name != "Sent" || open.UID != 2 {
		t.Fatalf("reader = %+v", open.Mailbox)
	}
	m = drive(t, m, keys("esc")...).(Model)
	m = drive(t, m, typed(":select INBOX")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("G")...).(Model) // INBOX UID 2
	m = drive(t, m, typed(":fetch flags")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if got := lastCall(f, "ITEMS"); got != "ITEMS 2 flags" {
		t.Fatalf("sent %q", got)
	}
	s := screen(m)
	if !strings.Contains(s, "UID FETCH 2 flags") || strings.Contains(s, "Body of message 1") {
		t.Fatalf("the answer is not what the viewer shows:\n%s", s)
	}
	m = drive(t, m, keys("F")...).(Model)
	if got := lastCall(f, "STORE"); got != "" {
		t.Fatalf("F on a :fetch answer sent %q", got)
	}
}

// TestFetchThenReadingKeys: after :fetch from the list, opening a message
// gives the reading keys back (h shows the full header).
func TestFetchThenReadingKeys(t *testing.T) {
	f := quiet(5)
	m := start(t, f, testOptions())
	m = drive(t, m, typed(":fetch flags")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("esc")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if !m.reader.Keys().Headers.Enabled() {
		t.Fatal("h is still disabled after opening a message")
	}
	m = drive(t, m, keys("h")...).(Model)
	if got := lastCall(f, "HEADER"); got != "HEADER 10" {
		t.Fatalf("h sent %q (calls %v)", got, f.callLog())
	}
}

// TestFetchSeqSetsSeen: ":fetch 1 rfc822" names the first message by
// sequence number; the \Seen it sets shows in the row and the unseen count.
func TestFetchSeqSetsSeen(t *testing.T) {
	f := quiet(5) // the newest, UID 10 (sequence number 5), is unseen
	m := start(t, f, testOptions())
	before := m.status.unseen
	m = drive(t, m, typed(":fetch 5 rfc822")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if got := lastCall(f, "ITEMS"); got != "ITEMS 5 rfc822" {
		t.Fatalf("sent %q", got)
	}
	if r := m.list.rows[10]; !r.Flags.Seen {
		t.Fatalf("row 10 still unseen: %+v", r.Flags)
	}
	if m.status.unseen != before-1 {
		t.Fatalf("unseen %d, was %d", m.status.unseen, before)
	}
	if s := screen(m); !strings.Contains(s, "UID FETCH 10 rfc822") || !strings.Contains(s, `now \Seen`) {
		t.Fatalf("screen:\n%s", s)
	}
}
