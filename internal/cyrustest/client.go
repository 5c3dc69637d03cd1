package cyrustest

import (
	"crypto/tls"
	"testing"

	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/servertest"
)

// Dial connects over implicit TLS, trusting CAFile, and logs in as user
// (Admin included).
func (s *Server) Dial(user string) (*imapclient.Client, error) {
	cfg, err := s.TLSConfig()
	if err != nil {
		return nil, err
	}
	return servertest.Dial(s.TLSAddr, cfg, user, s.password(user))
}

// AdminClient is a connection logged in as Admin, which sees every user's
// folders as user.NAME.FOLDER; it is closed when the test ends.
func (s *Server) AdminClient(t testing.TB) *imapclient.Client {
	t.Helper()
	c, err := s.Dial(Admin)
	if err != nil {
		t.Fatalf("cyrustest: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TLSConfig trusts only the instance's CA.
func (s *Server) TLSConfig() (*tls.Config, error) {
	return servertest.TLSConfig(s.CAFile, s.Host)
}

func (s *Server) password(user string) string {
	if user == Admin {
		return AdminPassword
	}
	for _, u := range s.Users {
		if u.Name == user {
			return u.Password
		}
	}
	return ""
}

// Append adds one message to user's folder ("" for INBOX) over IMAP.
func (s *Server) Append(t testing.TB, user, folder string, msg []byte) {
	t.Helper()
	c, err := s.Dial(user)
	if err != nil {
		t.Fatalf("cyrustest: append: %v", err)
	}
	defer c.Close()
	if folder == "" {
		folder = "INBOX"
	}
	if err := servertest.Append(c, folder, msg); err != nil {
		t.Fatalf("cyrustest: append to %s/%s: %v", user, folder, err)
	}
	c.Logout().Wait()
}

// Message returns a small RFC 5322 message; the seed's INBOX holds
// Message(0) to Message(SeedMessages-1), in UID order.
func Message(i int) []byte { return servertest.Message(i, "cyrustest.example") }
