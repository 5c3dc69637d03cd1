package imapsvc

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTapRedactsCredentials(t *testing.T) {
	plain := base64.StdEncoding.EncodeToString([]byte("\x00alice\x00s3cr\"et"))
	tests := []struct{ name, in string }{
		{"login", "T1 LOGIN alice \"s3cr\\\"et\"\r\n"},
		{"sasl-ir", "T1 AUTHENTICATE PLAIN " + plain + "\r\n"},
		{"sasl continuation", "T1 AUTHENTICATE PLAIN\r\n+ \r\n" + plain + "\r\n"},
		{"split across writes", "T1 LOG|IN alice s3cr\"|et\r\n"},
		{"literal", "T1 LOGIN alice {7}\r\n+ Ready\r\ns3cr\"et\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			tp := &tap{out: &out}
			tp.setSecrets("alice", `s3cr"et`)
			for _, chunk := range strings.Split(tt.in, "|") {
				tp.Write([]byte(chunk))
			}
			got := out.String()
			if strings.Contains(got, `s3cr`) || strings.Contains(got, plain) {
				t.Fatalf("trace leaks the password:\n%s", got)
			}
			if !strings.Contains(got, "<redacted>") {
				t.Fatalf("trace shows no redaction:\n%s", got)
			}
		})
	}
}

func TestTapPicksRecentAndUnseen(t *testing.T) {
	var got []serverLine
	tp := &tap{onLine: func(l serverLine) { got = append(got, l) }}
	tp.Write([]byte("* 12 EXISTS\r\n* 3 RECENT\r\n* OK [UNSEEN 7] first unseen\r\n* OK [UIDVALIDITY 1] x\r\n"))
	if len(got) != 2 || got[0].recent != 3 || got[1].unseen != 7 {
		t.Fatalf("got %+v, want RECENT 3 then UNSEEN 7", got)
	}
}

// TestTraceBounded: a 10 MiB literal without a newline is one trace line
// of at most traceFileLine bytes in the file, and the console's ring keeps
// at most traceRingLine bytes of any line, so 2,000 long lines stay small.
func TestTraceBounded(t *testing.T) {
	var out bytes.Buffer
	tp := &tap{out: &out, ring: newRing(traceKeep)}
	chunk := []byte(strings.Repeat("é", 16<<10)) // 32 KiB of two-byte characters
	tp.Write([]byte("* 1 FETCH (BODY[] {10485760}\r\n"))
	for i := 0; i < 10<<20/len(chunk); i++ {
		tp.Write(chunk)
	}
	tp.Write([]byte(")\r\n"))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || len(lines[1]) > traceFileLine+64 || !strings.Contains(lines[1], "more bytes not traced") {
		t.Fatalf("file: %d lines, the second %d bytes: %.80q…", len(lines), len(lines[len(lines)-1]), lines[len(lines)-1])
	}
	for i := 0; i < traceKeep; i++ {
		tp.Write(append(chunk, '\n'))
	}
	kept := 0
	for _, l := range tp.ring.lines {
		kept += len(l)
		if !utf8.ValidString(l) {
			t.Fatalf("a kept line is cut inside a character: %.40q", l[len(l)-40:])
		}
	}
	if kept > traceKeep*(traceRingLine+64) {
		t.Fatalf("the ring keeps %d KiB", kept>>10)
	}
	got := tp.ring.since(0)
	if last := got.Lines[len(got.Lines)-1]; !strings.HasSuffix(last, "(32768 bytes in all)") {
		t.Fatalf("a cut line does not say so: %.60q", last[len(last)-60:])
	}
}
