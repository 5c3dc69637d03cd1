package cyrustest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Dial connects over implicit TLS, trusting CAFile, and logs in as user
// (Admin included).
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
	if err := appendTo(c, folder, msg); err != nil {
		t.Fatalf("cyrustest: append to %s/%s: %v", user, folder, err)
	}
	c.Logout().Wait()
}

func appendTo(c *imapclient.Client, folder string, msg []byte) error {
	cmd := c.Append(folder, int64(len(msg)), nil)
	if _, err := cmd.Write(msg); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err := cmd.Wait()
	return err
}

// Message returns a small RFC 5322 message; the seed's INBOX holds
// Message(0) to Message(SeedMessages-1), in UID order.
func Message(i int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\n", i%97, i%97)
	fmt.Fprintf(&b, "To: alice@example.org\r\n")
	fmt.Fprintf(&b, "Subject: Test message %d\r\n", i)
	fmt.Fprintf(&b, "Date: %s\r\n", time.Unix(1700000000+int64(i)*60, 0).UTC().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <msg%d@cyrustest.example>\r\n", i)
	fmt.Fprintf(&b, "\r\nBody of message %d.\r\n", i)
	return b.Bytes()
}
