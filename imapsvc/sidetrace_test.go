package imapsvc

import (
	"encoding/base64"
	"strings"
	"testing"

	"tern/internal/dovetest"
)

// TestSideConnectionTraced: the side connection's commands and answers go
// to the trace file and the console's ring, marked "side: ", and its
// LOGIN is redacted there as on the main connection: the password (sent in
// a literal) never appears, in any form.
func TestSideConnectionTraced(t *testing.T) {
	const password = `Sid3-Pa55"w\rd`
	srv := dovetest.Start(t, dovetest.Options{Users: []dovetest.User{{Name: "alice", Password: password}}})
	var trace syncBuffer
	s := New(dovecotAccount(t, srv, SecurityStartTLS), Options{Trace: &trace})
	defer s.Close()
	if _, err := s.Connect(testCtx(t), password); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Status(testCtx(t), "INBOX"); err != nil || st.Recent == nil {
		t.Fatalf("STATUS = %+v, %v", st, err)
	}
	if err := s.Logout(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	ring := strings.Join(s.Trace(0).Lines, "\n")
	for name, got := range map[string]string{"trace file": trace.String(), "console ring": ring} {
		for _, want := range []string{"side: * OK", "side: L1 STARTTLS", "side: L3 LOGIN <redacted>",
			`side: S2 STATUS "INBOX" (RECENT)`, "side: * STATUS", "side: S2 OK", "side: S3 LOGOUT"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, got)
			}
		}
		for _, secret := range append(secretForms("alice", password), "Sid3", base64.StdEncoding.EncodeToString([]byte(password))) {
			if strings.Contains(got, secret) {
				t.Errorf("%s shows the password as %q:\n%s", name, secret, got)
			}
		}
	}
}
