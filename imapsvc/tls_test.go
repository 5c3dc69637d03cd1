package imapsvc

import (
	"strings"
	"testing"

	"tern/internal/memtest"
	"tern/internal/testcert"
)

// TestEmbeddedTLSVerification: on the embedded server, in both TLS modes,
// a certificate from an unknown CA is refused with the host named and the
// password never sent; with the CA as ca_file tern logs in. (The same is
// tested on Dovecot; this one needs nothing installed.)
func TestEmbeddedTLSVerification(t *testing.T) {
	serverTLS, caFile := testcert.New(t)
	for _, sec := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(sec), func(t *testing.T) {
			opts := memtest.Options{TLS: serverTLS}
			if sec == SecurityStartTLS {
				opts = memtest.Options{StartTLS: serverTLS}
			}
			srv := memtest.Start(t, opts)
			acct := Account{Host: srv.Host, Port: srv.Port, Security: sec, Username: srv.Username}

			var trace syncBuffer
			s := New(acct, Options{Trace: &trace})
			defer s.Close()
			_, err := s.Connect(testCtx(t), srv.Password)
			if err == nil || !strings.Contains(err.Error(), "not trusted") || !strings.Contains(err.Error(), srv.Host) {
				t.Fatalf("unknown CA: err = %v, want a refusal naming the host", err)
			}
			if strings.Contains(trace.String(), "LOGIN") || strings.Contains(trace.String(), "AUTHENTICATE") {
				t.Fatalf("credentials offered to an untrusted server:\n%s", trace.String())
			}

			acct.CAFile = caFile
			s2 := New(acct, Options{})
			defer s2.Close()
			sess, err := s2.Connect(testCtx(t), srv.Password)
			if err != nil {
				t.Fatalf("with ca_file: %v", err)
			}
			if sess.Insecure {
				t.Fatalf("a verified session reported insecure: %+v", sess)
			}
			if _, err := s2.Select(testCtx(t), "INBOX", false, 10); err != nil {
				t.Fatalf("after TLS login: %v", err)
			}
		})
	}
}
