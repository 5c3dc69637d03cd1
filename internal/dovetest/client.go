package dovetest

import (
	"crypto/tls"
	"testing"

	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/servertest"
)

// Append adds one message to user's folder over IMAP (implicit TLS), as a
// client would. For many messages use SeedMaildir.
func (s *Server) Append(t testing.TB, user, folder string, msg []byte) {
	t.Helper()
	c, err := s.Dial(user)
	if err != nil {
		t.Fatalf("dovetest: append: %v", err)
	}
	defer c.Close()
	if folder == "" {
		folder = "INBOX"
	}
	if err := servertest.Append(c, folder, msg); err != nil {
		t.Fatalf("dovetest: append to %s/%s: %v", user, folder, err)
	}
	c.Logout().Wait()
}

// Dial connects over implicit TLS, trusting CAFile, and logs in as user.
func (s *Server) Dial(user string) (*imapclient.Client, error) {
	cfg, err := s.TLSConfig()
	if err != nil {
		return nil, err
	}
	return servertest.Dial(s.TLSAddr, cfg, user, s.password(user))
}

// TLSConfig trusts only the instance's CA.
func (s *Server) TLSConfig() (*tls.Config, error) {
	return servertest.TLSConfig(s.CAFile, s.Host)
}

func (s *Server) password(user string) string {
	for _, u := range s.Users {
		if u.Name == user {
			return u.Password
		}
	}
	return ""
}

// Selected is a second client of user with folder selected, as another
// mail program would have it open; it is closed when the test ends.
func (s *Server) Selected(t testing.TB, user, folder string) *imapclient.Client {
	t.Helper()
	c, err := s.Dial(user)
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		t.Fatalf("dovetest: select %s: %v", folder, err)
	}
	return c
}
