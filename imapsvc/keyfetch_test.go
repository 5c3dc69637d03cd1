package imapsvc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// readKeyResp reads the first response of wire.
func readKeyResp(t testing.TB, wire string) (*keyResp, error) {
	t.Helper()
	var r keyResp
	err := r.read(bufio.NewReaderSize(strings.NewReader(wire), 4096))
	return &r, err
}

// TestParseKeyFetch reads the FETCH answers SortKeys asks for as servers
// write them, and leaves everything else alone.
func TestParseKeyFetch(t *testing.T) {
	tests := []struct {
		name, wire string
		ok         bool
		uid        UID
		header     string
		size       int64
		arrived    string
	}{
		{"Dovecot", "* 12 FETCH (UID 345 BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: hello\r\n\r\n)\r\n", true, 345, "Subject: hello\r\n\r\n", 0, ""},
		{"quoted names", "* 1 FETCH (UID 2 BODY[HEADER.FIELDS (\"Subject\" \"Date\")] {3}\r\nabc)\r\n", true, 2, "abc", 0, ""},
		{"lower case, quoted value", "* 1 fetch (uid 9 body[header.fields (date)] \"Date: \\\"x\\\"\")\r\n", true, 9, `Date: "x"`, 0, ""},
		{"NIL", "* 1 FETCH (UID 3 BODY[HEADER.FIELDS (SUBJECT)] NIL)\r\n", true, 3, "", 0, ""},
		{"date and size", "* 4 FETCH (UID 4 INTERNALDATE \" 2-Dec-2025 10:00:00 +0100\" RFC822.SIZE 1234)\r\n", true, 4, "", 1234, "2025-12-02T09:00:00Z"},
		{"items tern did not ask for", "* 5 FETCH (FLAGS (\\Seen $X) MODSEQ (77) UID 5 X-GM-LABELS (\"a\" (b)))\r\n", true, 5, "", 0, ""},
		{"without a UID", "* 5 FETCH (FLAGS (\\Seen))\r\n", false, 0, "", 0, ""},
		{"not a FETCH", "* 5 EXISTS\r\n", false, 0, "", 0, ""},
		{"a status line", "* OK [UIDVALIDITY 3] ok\r\n", false, 0, "", 0, ""},
	}
	for _, tt := range tests {
		r, err := readKeyResp(t, tt.wire)
		if err != nil {
			t.Fatalf("%s: read: %v", tt.name, err)
		}
		var a keyAnswer
		ok, err := parseKeyFetch(r, &a)
		if err != nil || ok != tt.ok || a.uid != tt.uid || string(a.header) != tt.header || a.size != tt.size {
			t.Errorf("%s: ok %v, %+v (header %q), %v", tt.name, ok, a, a.header, err)
		}
		if tt.arrived != "" && a.arrived.UTC().Format(time.RFC3339) != tt.arrived {
			t.Errorf("%s: arrived %v", tt.name, a.arrived)
		}
	}
}

// TestParseKeyFetchMalformed: a FETCH answer that does not parse is an
// error, never a key for a wrong UID.
func TestParseKeyFetchMalformed(t *testing.T) {
	for _, wire := range []string{
		"* 1 FETCH UID 3\r\n",
		"* 1 FETCH (UID x)\r\n",
		"* 1 FETCH (UID 0)\r\n",
		"* 1 FETCH (UID 99999999999)\r\n",
		"* 1 FETCH (UID 3 BODY[HEADER.FIELDS (SUBJECT)] (x))\r\n",
		"* 1 FETCH (UID 3 BODY[HEADER.FIELDS (SUBJECT) \"x\")\r\n",
		"* 1 FETCH (UID 3 INTERNALDATE 12)\r\n",
		"* 1 FETCH (UID 3 FLAGS (\\Seen)\r\n",
		"* 1 FETCH (UID 3 \"x\")\r\n",
		"* 1 FETCH (UID 3 RFC822.SIZE -1)\r\n",
	} {
		r, err := readKeyResp(t, wire)
		if err != nil {
			t.Fatalf("%q: read: %v", wire, err)
		}
		var a keyAnswer
		if ok, err := parseKeyFetch(r, &a); err == nil {
			t.Errorf("%q: parsed (ok %v, %+v)", wire, ok, a)
		}
	}
}

// TestKeyReaderBounds: what one response can make the key reader hold is
// bounded: a long line is an error, a large literal is kept only in part
// (and the stream stays in step after it), many literals are an error.
func TestKeyReaderBounds(t *testing.T) {
	if _, err := readKeyResp(t, "* 1 FETCH ("+strings.Repeat("x", maxWireLine+10)+")\r\n"); !errors.Is(err, errLineTooLong) {
		t.Errorf("a long line: %v", err)
	}
	big := 4 << 20
	wire := fmt.Sprintf("* 1 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT)] {%d}\r\n%s)\r\n* 2 FETCH (UID 8)\r\n", big, strings.Repeat("y", big))
	rd := bufio.NewReaderSize(strings.NewReader(wire), 4096)
	var r keyResp
	if err := r.read(rd); err != nil {
		t.Fatal(err)
	}
	var a keyAnswer
	if ok, err := parseKeyFetch(&r, &a); !ok || err != nil || a.uid != 7 || len(a.header) != maxKeyLiteral || cap(r.buf) > 4*maxKeyLiteral {
		t.Fatalf("a 4 MiB literal: ok %v, %v, header %d bytes, buffer %d", ok, err, len(a.header), cap(r.buf))
	}
	if err := r.read(rd); err != nil {
		t.Fatal(err)
	}
	if ok, err := parseKeyFetch(&r, &a); !ok || err != nil || a.uid != 8 {
		t.Fatalf("the answer after the literal: %v, %+v, %v", ok, a, err)
	}
	many := "* 1 FETCH (UID 1" + strings.Repeat(" X {1}\r\nz", maxKeyLiterals+1) + ")\r\n"
	if _, err := readKeyResp(t, many); err == nil || !strings.Contains(err.Error(), "literals") {
		t.Errorf("%d literals: %v", maxKeyLiterals+1, err)
	}
	if _, err := readKeyResp(t, "* 1 FETCH (UID 1 X {5}\r\nab"); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a cut literal: %v", err)
	}
}

// TestKeyReaderAllocates: reading and parsing a chunk's answers allocates
// nothing per message (go-imap's decoding did, several times, and the
// collector runs at GOGC=50).
func TestKeyReaderAllocates(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 1000; i++ {
		fmt.Fprintf(&b, "* %d FETCH (UID %d BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: hello\r\n\r\n)\r\n", i, i)
	}
	wire := b.String()
	var r keyResp
	var a keyAnswer
	rd := bufio.NewReaderSize(strings.NewReader(wire), 4096)
	allocs := testing.AllocsPerRun(3, func() {
		rd.Reset(strings.NewReader(wire))
		for i := 0; i < 1000; i++ {
			if err := r.read(rd); err != nil {
				t.Fatal(err)
			}
			if ok, err := parseKeyFetch(&r, &a); !ok || err != nil {
				t.Fatal(ok, err)
			}
		}
	})
	if allocs > 10 {
		t.Fatalf("%.0f allocations for 1,000 answers", allocs)
	}
}

// FuzzKeyFetch: no response makes the reader or the parser panic, hold
// more than its bounds, or answer for UID 0.
func FuzzKeyFetch(f *testing.F) {
	f.Add([]byte("* 12 FETCH (UID 345 BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: hello\r\n\r\n)\r\n"))
	f.Add([]byte("* 1 FETCH (UID 2 BODY[HEADER.FIELDS (\"Subject\")] \"a\\\"b\" FLAGS (\\Seen (x)) INTERNALDATE \" 2-Dec-2025 10:00:00 +0100\")\r\n"))
	f.Add([]byte("* 1 FETCH (UID 1 X {1}\r\nz Y {2}\r\nzz)\r\n"))
	f.Fuzz(func(t *testing.T, wire []byte) {
		rd := bufio.NewReaderSize(strings.NewReader(string(wire)), 4096)
		var r keyResp
		for i := 0; i < 8; i++ {
			if err := r.read(rd); err != nil {
				return
			}
			if len(r.parts) > 2*maxKeyLiterals+1 || len(r.buf) > (maxKeyLiterals+1)*(maxWireLine+2)+maxKeyLiterals*maxKeyLiteral {
				t.Fatalf("held %d parts, %d bytes", len(r.parts), len(r.buf))
			}
			var a keyAnswer
			ok, err := parseKeyFetch(&r, &a)
			if ok && (err != nil || a.uid == 0) {
				t.Fatalf("ok with %v, UID %d", err, a.uid)
			}
		}
	})
}
