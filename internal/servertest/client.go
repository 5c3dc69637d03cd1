package servertest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// TLSConfig trusts only the CA in caFile and expects host in the
// certificate.
func TLSConfig(caFile, host string) (*tls.Config, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no certificate in %s", caFile)
	}
	return &tls.Config{RootCAs: pool, ServerName: host}, nil
}

// Dial connects to addr over implicit TLS with cfg and logs in.
func Dial(addr string, cfg *tls.Config, user, password string) (*imapclient.Client, error) {
	c, err := imapclient.DialTLS(addr, &imapclient.Options{TLSConfig: cfg})
	if err != nil {
		return nil, err
	}
	if err := c.Login(user, password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("login %s: %v", user, err)
	}
	return c, nil
}

// Append adds msg to folder with APPEND.
func Append(c *imapclient.Client, folder string, msg []byte) error {
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

// Message returns a small RFC 5322 message, the i-th of a seed: subject
// "Test message i", a date that grows with i, Message-ID msgi@domain.
func Message(i int, domain string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Sender %d <sender%d@example.org>\r\n", i%97, i%97)
	fmt.Fprintf(&b, "To: alice@example.org\r\n")
	fmt.Fprintf(&b, "Subject: Test message %d\r\n", i)
	fmt.Fprintf(&b, "Date: %s\r\n", time.Unix(1700000000+int64(i)*60, 0).UTC().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <msg%d@%s>\r\n", i, domain)
	fmt.Fprintf(&b, "\r\nBody of message %d.\r\n", i)
	return b.Bytes()
}

// Dialer is a test server that logs users in: cyrustest.Server and
// dovetest.Server.
type Dialer interface {
	Dial(user string) (*imapclient.Client, error)
}

// Login logs user in to d and closes the connection when the test ends; it
// fails t if it cannot.
func Login(t testing.TB, d Dialer, user string) *imapclient.Client {
	t.Helper()
	c, err := d.Dial(user)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// ExpectUntrusted fails t unless a TLS client without the instance's CA
// is refused at tlsAddr for an unknown authority.
func ExpectUntrusted(t testing.TB, tlsAddr string) {
	t.Helper()
	c, err := imapclient.DialTLS(tlsAddr, nil)
	if err == nil {
		c.Close()
		t.Fatal("TLS without the CA succeeded")
	}
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("TLS without the CA: got %v, want an unknown-authority error", err)
	}
}

// ExpectLoginDisabled fails t unless the plain port at addr advertises
// LOGINDISABLED before STARTTLS and refuses user's LOGIN there.
func ExpectLoginDisabled(t testing.TB, addr, user, password string) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Caps().Has(imap.CapLoginDisabled) {
		t.Fatalf("caps before STARTTLS %v lack LOGINDISABLED", c.Caps())
	}
	if err := c.Login(user, password).Wait(); err == nil {
		t.Fatal("plaintext LOGIN accepted")
	}
}
