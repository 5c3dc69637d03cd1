package imapsvc

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"
)

func readOne(t *testing.T, wire string) (response, error) {
	t.Helper()
	return newWireReader(strings.NewReader(wire)).readResponse()
}

// TestSideStatusParse: STATUS answers as Cyrus and Dovecot send them, with
// quoted, literal and modified UTF-7 names; malformed ones are errors.
func TestSideStatusParse(t *testing.T) {
	for _, tc := range []struct {
		wire, name string
		recent     uint64
		bad        bool
	}{
		{wire: "* STATUS INBOX (MESSAGES 3 RECENT 3 UIDNEXT 4)\r\n", name: "INBOX", recent: 3},
		{wire: "* STATUS \"INBOX.Sent Items\" (RECENT 0)\r\n", name: "INBOX.Sent Items"},
		{wire: "* STATUS {16}\r\nINBOX.Sent Items (RECENT 7)\r\n", name: "INBOX.Sent Items", recent: 7},
		{wire: "* STATUS \"a\\\"b\\\\c\" (RECENT 1)\r\n", name: `a"b\c`, recent: 1},
		{wire: "* STATUS &ZeVnLIqe- (RECENT 2)\r\n", name: "日本語", recent: 2},
		{wire: "* STATUS a&-b (recent 5)\r\n", name: "a&b", recent: 5},
		{wire: "* STATUS INBOX (RECENT x)\r\n", bad: true},
		{wire: "* STATUS INBOX (RECENT)\r\n", bad: true},
		{wire: "* STATUS INBOX RECENT 1\r\n", bad: true},
		{wire: "* STATUS \"INBOX (RECENT 1)\r\n", bad: true},
		{wire: "* STATUS &Jjo (RECENT 1)\r\n", bad: true},
		{wire: "* STATUS &AGE- (RECENT 1)\r\n", bad: true}, // "a" needs no shift
		{wire: "* STATUS INBOX (RECENT 99999999999999999999999)\r\n", bad: true},
	} {
		r, err := readOne(t, tc.wire)
		if err != nil {
			t.Fatalf("%q: %v", tc.wire, err)
		}
		name, items, err := statusResponse(r)
		if tc.bad {
			if err == nil {
				t.Errorf("%q parsed as %q %v", tc.wire, name, items)
			}
			continue
		}
		if err != nil || name != tc.name || items["RECENT"] != tc.recent {
			t.Errorf("%q = %q %v, %v; want %q RECENT %d", tc.wire, name, items, err, tc.name, tc.recent)
		}
	}
}

// TestSideLSUBParse: LSUB lines of Cyrus and Dovecot, NIL delimiters and
// literal names.
func TestSideLSUBParse(t *testing.T) {
	for _, tc := range []struct {
		wire  string
		want  listEntry
		bad   bool
		attrs int
	}{
		{wire: "* LSUB (\\HasChildren) \".\" INBOX\r\n", want: listEntry{Delim: ".", Name: "INBOX"}, attrs: 1},
		{wire: "* LSUB () \".\" \"INBOX.Sent Items\"\r\n", want: listEntry{Delim: ".", Name: "INBOX.Sent Items"}},
		{wire: "* LSUB (\\Trash) \"/\" Trash\r\n", want: listEntry{Delim: "/", Name: "Trash"}, attrs: 1},
		{wire: "* LSUB (\\Noselect \\HasChildren) NIL {4}\r\nA&-B\r\n", want: listEntry{Name: "A&B"}, attrs: 2},
		{wire: "* LSUB () \"/\" Projekte/&AMQ-rger\r\n", want: listEntry{Delim: "/", Name: "Projekte/Ärger"}},
		{wire: "* LSUB () \"..\" INBOX\r\n", bad: true},
		{wire: "* LSUB \".\" INBOX\r\n", bad: true},
		{wire: "* LSUB () \".\"\r\n", bad: true},
		{wire: "* LSUB () \".\" INBOX extra\r\n", bad: true},
		{wire: "* LSUB (() \".\" INBOX\r\n", bad: true},
		{wire: "* LSUB () \".\" IN\x01BOX\r\n", bad: true},
	} {
		r, err := readOne(t, tc.wire)
		if err != nil {
			t.Fatalf("%q: %v", tc.wire, err)
		}
		e, err := lsubResponse(r)
		if tc.bad {
			if err == nil {
				t.Errorf("%q parsed as %+v", tc.wire, e)
			}
			continue
		}
		if err != nil || e.Name != tc.want.Name || e.Delim != tc.want.Delim || len(e.Attrs) != tc.attrs {
			t.Errorf("%q = %+v, %v; want %+v", tc.wire, e, err, tc.want)
		}
	}
}

// TestSideWireBounds: a line, a literal and a whole answer are bounded
// before they are kept.
func TestSideWireBounds(t *testing.T) {
	long := "* " + strings.Repeat("x", maxWireLine+10) + "\r\n"
	if _, err := readOne(t, long); !errors.Is(err, errLineTooLong) {
		t.Errorf("long line: %v", err)
	}
	if _, err := readOne(t, "* LSUB () \".\" {99999999}\r\n"); err == nil || !strings.Contains(err.Error(), "literal") {
		t.Errorf("huge literal: %v", err)
	}
	w := newWireReader(strings.NewReader(strings.Repeat("* "+strings.Repeat("y", 60000)+"\r\n", 300)))
	var err error
	for i := 0; i < 300 && err == nil; i++ {
		_, err = w.readResponse()
	}
	if !errors.Is(err, errAnswerBig) {
		t.Errorf("big answer: %v", err)
	}
}

func TestMUTF7RoundTrip(t *testing.T) {
	for _, s := range []string{"INBOX", "a&b", "中文", "Überweisung", "Projekte/Ärger", "日本語 & more", "emoji 😀", "~peter/mail/台北/日本語"} {
		enc := encodeMUTF7(s)
		if strings.ContainsFunc(enc, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
			t.Errorf("%q encodes to non-ASCII %q", s, enc)
		}
		dec, err := decodeMUTF7(enc)
		if err != nil || dec != s {
			t.Errorf("%q -> %q -> %q, %v", s, enc, dec, err)
		}
	}
	if got := encodeMUTF7("~peter/mail/台北/日本語"); got != "~peter/mail/&U,BTFw-/&ZeVnLIqe-" {
		t.Errorf("RFC 3501 example encodes to %q", got)
	}
}

// FuzzSideParse feeds arbitrary server bytes to the side connection's
// reader and parsers: nothing panics, names come out as valid UTF-8, and
// a parsed name encodes back to a name that parses the same.
func FuzzSideParse(f *testing.F) {
	for _, seed := range []string{
		"* STATUS INBOX (MESSAGES 3 RECENT 3 UIDNEXT 4)\r\n",
		"* STATUS {16}\r\nINBOX.Sent Items (RECENT 7)\r\n",
		"* STATUS &ZeVnLIqe- (RECENT 2)\r\n",
		"* STATUS \"a\\\"b\" (RECENT 1)\r\n",
		"* LSUB (\\HasChildren) \".\" INBOX\r\n",
		"* LSUB (\\Noselect) NIL {4}\r\nA&-B\r\n",
		"* LSUB () \"/\" Projekte/&AMQ-rger\r\n",
		"* LSUB () \".\" {3}\r\nab",
		"* STATUS {99999999999}\r\n",
		"* LSUB (\\X \"/\" \"unterminated\r\n",
		"S3 OK Completed\r\n",
		"* BYE going away\r\n",
		"* STATUS &-&- ()\r\n",
		// What NOTIFY pushes (Dovecot's forms), and broken ones.
		"* STATUS Archive (MESSAGES 3 UIDNEXT 4 UNSEEN 3)\r\n",
		"* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 1796391797 UNSEEN 1)\r\n",
		"* STATUS \"Sent Items\" (MESSAGES 99999999999 UNSEEN 1)\r\n",
		"* STATUS Archive (UIDNEXT 4)\r\n",
		"* STATUS {7}\r\nArchive (MESSAGES 1 UNSEEN 0)\r\n",
		"* LIST () \".\" NewFolder\r\n",
		"N3 OK NOOP completed.\r\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := newWireReader(strings.NewReader(string(data))).readResponse()
		if err != nil {
			return
		}
		untaggedKind(r.lines[0])
		if name, items, err := statusResponse(r); err == nil {
			if !utf8.ValidString(name) || items == nil {
				t.Fatalf("STATUS gave %q %v", name, items)
			}
			checkRoundTrip(t, name)
		}
		pushedOne(t, r)
		if e, err := lsubResponse(r); err == nil {
			if !utf8.ValidString(e.Name) || len(e.Delim) > 1 {
				t.Fatalf("LSUB gave %+v", e)
			}
			checkRoundTrip(t, e.Name)
		}
	})
}

func checkRoundTrip(t *testing.T, name string) {
	t.Helper()
	if back, err := decodeMUTF7(encodeMUTF7(name)); err != nil || back != name {
		t.Fatalf("%q does not survive encoding: %q, %v", name, back, err)
	}
}

// pushedOne runs a response through the NOTIFY path: whatever it is, at
// most one folder is kept, with counts that fit, and a response that is not
// a readable STATUS with both numbers is marked incomplete or ignored.
func pushedOne(t *testing.T, r response) {
	t.Helper()
	s := &Service{log: slog.New(slog.DiscardHandler), pushed: pushed{ready: make(chan struct{}, 1)}}
	s.notePushed(r)
	ev, ok := s.pushed.take()
	if !ok {
		return
	}
	if len(ev.Counts) > 1 || (len(ev.Counts) == 0) != ev.Incomplete {
		t.Fatalf("one response pushed %+v", ev)
	}
	for name := range ev.Counts {
		if !utf8.ValidString(string(name)) {
			t.Fatalf("pushed name %q", name)
		}
	}
}

// TestPushedCounts: NOTIFY's STATUS lines become counts; one without
// UNSEEN, or unreadable, asks for a full refresh; the rest is ignored;
// the kept folders are bounded.
func TestPushedCounts(t *testing.T) {
	s := &Service{log: slog.New(slog.DiscardHandler), pushed: pushed{ready: make(chan struct{}, 1)}}
	for _, w := range []string{
		"* STATUS Archive (MESSAGES 3 UIDNEXT 4 UNSEEN 3)\r\n",
		"* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 9 UNSEEN 1)\r\n",
		"* STATUS Archive (MESSAGES 4 UNSEEN 2)\r\n",
		"* LIST () \".\" New\r\n",
		"N3 OK NOOP completed.\r\n",
	} {
		r, err := readOne(t, w)
		if err != nil {
			t.Fatal(err)
		}
		s.notePushed(r)
	}
	ev, ok := s.pushed.take()
	if !ok || ev.Incomplete || len(ev.Counts) != 2 || ev.Counts["Archive"] != (Counts{4, 2}) || ev.Counts["INBOX"] != (Counts{1, 1}) {
		t.Fatalf("pushed %+v", ev)
	}
	for _, w := range []string{"* STATUS Archive (UIDNEXT 5)\r\n", "* STATUS \"Arch (MESSAGES 1 UNSEEN 1)\r\n"} {
		r, _ := readOne(t, w)
		s.notePushed(r)
		if ev, _ := s.pushed.take(); !ev.Incomplete || len(ev.Counts) != 0 {
			t.Fatalf("%q pushed %+v", w, ev)
		}
	}
	for i := range maxPushedFolders + 5 {
		s.pushed.add(FolderName(fmt.Sprint("f", i)), Counts{1, 1}, true)
	}
	if ev, _ := s.pushed.take(); len(ev.Counts) != maxPushedFolders || !ev.Incomplete {
		t.Fatalf("kept %d folders, incomplete %v", len(ev.Counts), ev.Incomplete)
	}
}
