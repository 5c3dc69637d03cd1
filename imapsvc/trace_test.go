package imapsvc

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
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
