package imapsvc

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/hostile"
)

// TestLiteralScanner: literals are passed over whole (whatever they hold),
// body data has the large cap, everything else the small one, and status
// lines carry no literal however they end.
func TestLiteralScanner(t *testing.T) {
	big := strings.Repeat("y", maxLiteral+1)
	tests := []struct {
		name    string
		stream  string
		wantErr string // "" for none
	}{
		{"small envelope literal", "* 1 FETCH (ENVELOPE (\"d\" {5}\r\nhello NIL))\r\n", ""},
		{"big body literal", "* 1 FETCH (UID 4 BODY[] {" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"big partial body", "* 1 FETCH (BODY[1.2]<0> {" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"big header fields", "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"big binary literal8", "* 1 FETCH (BINARY[1] ~{" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"big rfc822", "* 1 FETCH (RFC822 {" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"big envelope literal", "* 1 FETCH (ENVELOPE (\"d\" {" + fmt.Sprint(len(big)) + "}\r\n" + big + "))\r\n", "literal of 1.0 MiB"},
		{"big list name", "* LIST () \"/\" {268435456}\r\n", "literal of 256.0 MiB"},
		{"header hidden in a literal", "* 1 FETCH (BODY[] {14}\r\n{268435456}\r\n)\r\n* 2 FETCH (UID 7)\r\n", ""},
		{"second literal on a line", "* 1 FETCH (BODY[] {3}\r\nabc ENVELOPE (\"d\" {268435456}\r\n", "256.0 MiB"},
		{"status text ending like a literal", "* OK see {268435456}\r\n* 3 EXISTS\r\n", ""},
		{"tagged status", "T4 NO [ALERT] {268435456}\r\n", ""},
		{"continuation", "+ {268435456}\r\n", ""},
		{"partial answer larger than asked", "* 1 FETCH (UID 4 BODY[1]<0> {" + fmt.Sprint(maxPartialLiteral+1) + "}\r\n", "for a partial fetch is 16.0 MiB"},
		{"partial answer in range", "* 1 FETCH (BODY[]<100> {" + fmt.Sprint(len(big)) + "}\r\n" + big + ")\r\n", ""},
		{"body cap", "* 1 FETCH (BODY[] {" + fmt.Sprint(int64(maxBodyLiteral)+1) + "}\r\n", "for message data is 1.0 GiB"},
		{"absurd size", "* 1 FETCH (ENVELOPE (\"d\" {99999999999999999999999}\r\n", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Byte by byte, in odd chunks and whole: the answer is the same.
			for _, size := range []int{1, 7, 4096, len(tt.stream)} {
				var s literalScanner
				var err error
				for p := tt.stream; p != "" && err == nil; {
					k := min(size, len(p))
					err = s.feed([]byte(p[:k]))
					p = p[k:]
				}
				switch {
				case tt.wantErr == "" && err != nil:
					t.Fatalf("chunks of %d: %v", size, err)
				case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
					t.Fatalf("chunks of %d: err = %v, want %q", size, err, tt.wantErr)
				case tt.wantErr == "" && (s.skip != 0 || len(s.head) != 0):
					t.Fatalf("chunks of %d: the stream did not end between responses: %+v", size, s)
				}
			}
		})
	}
}

// TestLongLineRefused: a line without end is cut off at maxLine.
func TestLongLineRefused(t *testing.T) {
	var s literalScanner
	chunk := []byte(strings.Repeat("1 ", 1<<19))
	var err error
	for sent := 0; err == nil && sent <= maxLine+len(chunk); sent += len(chunk) {
		err = s.feed(chunk)
	}
	var le *LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "line longer than 64.0 MiB") {
		t.Fatalf("err = %v, want the line limit", err)
	}
}

// TestFetchPartialHeldToTheLimit: :fetch cannot ask a partial range the
// connection would refuse to receive.
func TestFetchPartialHeldToTheLimit(t *testing.T) {
	if _, err := ParseFetchItems(fmt.Sprintf("BODY[]<0.%d>", maxPartialLiteral)); err != nil {
		t.Fatalf("a range at the limit refused: %v", err)
	}
	if _, err := ParseFetchItems(fmt.Sprintf("BODY[]<0.%d>", maxPartialLiteral+1)); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("err = %v, want the range refused", err)
	}
}

// TestCheckListed: an ESEARCH range is counted before it is spelt out.
func TestCheckListed(t *testing.T) {
	var ok, huge imap.UIDSet
	ok.AddRange(1, maxListed)
	huge.AddRange(1, 4294967295)
	if err := checkListed("INBOX", &imap.SearchData{All: ok}); err != nil {
		t.Fatalf("%d UIDs refused: %v", maxListed, err)
	}
	if err := checkListed("INBOX", &imap.SearchData{All: huge}); err == nil || !strings.Contains(err.Error(), "4294967295 messages in INBOX") {
		t.Fatalf("err = %v, want the listing refused", err)
	}
}

// hostileInbox connects to a hostile server and opens INBOX (3 messages).
func hostileInbox(t *testing.T) (*Service, *hostile.Server, *hostile.Conn, Mailbox) {
	t.Helper()
	srv := hostile.Start(t, hostile.Options{Exists: 3})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{ReconnectMax: 20 * time.Millisecond, Rand: func() float64 { return 0 }})
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	conn := srv.Next(t)
	sel, err := s.Select(testCtx(t), "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	return s, srv, conn, sel.Mailbox
}

// TestHugeLiteralDropsConnection: a 64 MiB literal in an ENVELOPE is
// refused at its header: the connection is dropped with the reason, and
// tern's memory does not grow by the literal.
func TestHugeLiteralDropsConnection(t *testing.T) {
	s, _, conn, _ := hostileInbox(t)
	before := totalAlloc()
	conn.SendLiteral(`* 1 FETCH (UID 1 ENVELOPE ("Mon, 1 Jan 2024 00:00:00 +0000" `, 64<<20, ` NIL NIL NIL NIL NIL NIL NIL NIL))`)
	lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
	grew := totalAlloc() - before
	var le *LimitError
	if !errors.As(lost.Err, &le) || !strings.Contains(lost.Err.Error(), "literal of 64.0 MiB") ||
		!strings.Contains(lost.Err.Error(), "connection dropped") {
		t.Fatalf("lost because %v, want the literal limit named", lost.Err)
	}
	if grew > 16<<20 {
		t.Fatalf("tern allocated %d MiB for a refused literal", grew>>20)
	}
	nextEvent(t, s, func(e Reconnecting) bool { return e.Attempt == 1 })
}

// TestLyingPartialFetchDropsConnection: a server that answers a page of
// the raw source (8 KiB asked) with 32 MiB is cut off at the literal's
// header, and tern does not hold the 32 MiB.
func TestLyingPartialFetchDropsConnection(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Exists: 1, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd != "UID" || !strings.Contains(strings.ToUpper(args), "BODY.PEEK[]<") {
			return false
		}
		c.SendLiteral("* 1 FETCH (UID 1 RFC822.SIZE 100 BODY[]<0> ", 32<<20, ")")
		c.Send(tag + " OK done")
		return true
	}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	sel := connectInbox(t, s, "pw")
	before := totalAlloc()
	_, err := s.FetchRaw(testCtx(t), sel.Mailbox, 1, 0, 8<<10)
	grew := totalAlloc() - before
	if err == nil {
		t.Fatal("FetchRaw took a 32 MiB answer to an 8 KiB request")
	}
	lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
	if !strings.Contains(lost.Err.Error(), "literal of 32.0 MiB") || !strings.Contains(lost.Err.Error(), "partial fetch") {
		t.Fatalf("lost because %v, want the partial-fetch limit named", lost.Err)
	}
	if grew > 16<<20 {
		t.Fatalf("tern allocated %d MiB for a refused literal", grew>>20)
	}
}

// TestHugeExistsStaysFlat: an absurd EXISTS costs no memory; one beyond
// what tern can list drops the connection with the reason.
func TestHugeExistsStaysFlat(t *testing.T) {
	s, srv, conn, mb := hostileInbox(t)
	before := totalAlloc()
	conn.Send("* 5000000 EXISTS")
	ev := nextEvent(t, s, func(e Exists) bool { return e.Mailbox == mb })
	if ev.Count != 5000000 {
		t.Fatalf("Exists = %d", ev.Count)
	}
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("tern stopped answering: %v", err)
	}
	if grew := totalAlloc() - before; grew > 4<<20 {
		t.Fatalf("EXISTS 5000000 cost %d MiB", grew>>20)
	}
	for _, n := range []uint32{50_000_000, 4294967295} {
		conn.Send(fmt.Sprintf("* %d EXISTS", n))
		lost := nextEvent(t, s, func(e StateChanged) bool { return e.State == StateDisconnected && e.Err != nil })
		if !strings.Contains(lost.Err.Error(), fmt.Sprintf("announced %d messages in INBOX", n)) {
			t.Fatalf("lost because %v, want the count named", lost.Err)
		}
		nextEvent[Reconnected](t, s, nil)
		if _, err := s.Select(testCtx(t), "INBOX", false, 10); err != nil {
			t.Fatal(err)
		}
		conn = srv.Next(t)
	}
	if grew := totalAlloc() - before; grew > 8<<20 {
		t.Fatalf("the EXISTS lines cost %d MiB", grew>>20)
	}
}

// TestHugeSelectRefused: a SELECT announcing more than tern can list is
// refused with the count named; the connection stays.
func TestHugeSelectRefused(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Exists: 4294967295})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	if _, err := s.Connect(testCtx(t), "pw"); err != nil {
		t.Fatal(err)
	}
	before := totalAlloc()
	_, err := s.Select(testCtx(t), "INBOX", false, 10)
	if err == nil || !strings.Contains(err.Error(), "announced 4294967295 messages in INBOX") {
		t.Fatalf("Select = %v, want the count refused", err)
	}
	if grew := totalAlloc() - before; grew > 4<<20 {
		t.Fatalf("SELECT cost %d MiB", grew>>20)
	}
	if _, err := s.Capability(testCtx(t)); err != nil {
		t.Fatalf("the connection did not stay: %v", err)
	}
}

// totalAlloc is the bytes ever allocated by the process.
func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
