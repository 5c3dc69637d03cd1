package dovetest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"testing"

	"github.com/emersion/go-imap/v2/imapclient"
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
	cmd := c.Append(folder, int64(len(msg)), nil)
	if _, err := cmd.Write(msg); err != nil {
		t.Fatalf("dovetest: append: %v", err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatalf("dovetest: append: %v", err)
	}
	if _, err := cmd.Wait(); err != nil {
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
	c, err := imapclient.DialTLS(s.TLSAddr, &imapclient.Options{TLSConfig: cfg})
	if err != nil {
		return nil, err
	}
	if err := c.Login(user, s.password(user)).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("login %s: %v", user, err)
	}
	return c, nil
}

// TLSConfig trusts only the instance's CA.
func (s *Server) TLSConfig() (*tls.Config, error) {
	pem, err := os.ReadFile(s.CAFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no certificate in %s", s.CAFile)
	}
	return &tls.Config{RootCAs: pool, ServerName: s.Host}, nil
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
