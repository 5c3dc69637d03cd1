package proxy

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"tern/internal/memtest"
)

func TestNeeds(t *testing.T) {
	all := []string{"MOVE", "CONDSTORE", "QRESYNC", "ESEARCH", "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "UNSELECT", "ID", "LITERAL+"}
	for _, tc := range []struct{ line, want string }{
		{"T7 UID MOVE 3 Archive\r\n", "MOVE"},
		{"T7 MOVE 3 Archive\r\n", "MOVE"},
		{"T8 UNSELECT\r\n", "UNSELECT"},
		{`T2 ID ("name" "tern")` + "\r\n", "ID"},
		{"T9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12)\r\n", "CONDSTORE"},
		{"T9 SELECT INBOX (CONDSTORE)\r\n", "CONDSTORE"},
		{"T9 UID SEARCH RETURN (ALL) FLAGGED\r\n", "ESEARCH"},
		{`T3 LIST (SUBSCRIBED) "" "*"` + "\r\n", "LIST-EXTENDED"},
		{`T3 LIST "" "*" RETURN (CHILDREN)` + "\r\n", "LIST-EXTENDED"},
		{`T3 LIST "" "*" RETURN (STATUS (MESSAGES UNSEEN))` + "\r\n", "LIST-STATUS"},
		{`T3 LIST "" "*" RETURN (SPECIAL-USE)` + "\r\n", "SPECIAL-USE"},
		{"T4 APPEND INBOX {310+}\r\n", "LITERAL+"},
		{`T3 LIST "" "*"` + "\r\n", ""},
		{"T4 APPEND INBOX {310}\r\n", ""},
		{"T5 UID SEARCH FLAGGED\r\n", ""},
		{"Subject: MOVE it\r\n", ""}, // message text inside a literal
		{"T6 UID COPY 1 Archive\r\n", ""},
	} {
		if got := needs(tc.line, all); got != tc.want {
			t.Errorf("needs(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
	if got := needs("T7 UID MOVE 3 Archive\r\n", []string{"ESEARCH"}); got != "" {
		t.Errorf("MOVE flagged with only ESEARCH hidden: %q", got)
	}
}

// TestStrict: a strict proxy makes the server refuse a command that needs a
// hidden capability, and records it; other commands pass.
func TestStrict(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	srv.Append(t, "INBOX", []byte("Subject: x\r\n\r\nx\r\n"))
	p := Start(t, srv.Addr)
	p.HideCapability("MOVE")
	p.Strict()
	conn, err := net.Dial("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(conn)
	r.ReadString('\n') // greeting
	answer := func(tag, cmd string) string {
		fmt.Fprintf(conn, "%s %s\r\n", tag, cmd)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(l, tag+" ") {
				return l
			}
		}
	}
	if l := answer("A1", fmt.Sprintf("LOGIN %s %s", srv.Username, srv.Password)); !strings.HasPrefix(l, "A1 OK") {
		t.Fatal(l)
	}
	answer("A2", "SELECT INBOX")
	if l := answer("A3", "UID MOVE 1 INBOX"); !strings.HasPrefix(l, "A3 BAD") {
		t.Fatalf("UID MOVE through a strict proxy hiding MOVE: %q", l)
	}
	if v := p.Violations(); len(v) != 1 || v[0] != "MOVE: A3 UID MOVE 1 INBOX" {
		t.Fatalf("violations = %q", v)
	}
	if l := answer("A4", "NOOP"); !strings.HasPrefix(l, "A4 OK") {
		t.Fatalf("after the refusal: %q", l)
	}
}
