package imapsvc

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-sasl"
)

// address is host:port with the port defaulted by security.
func (a Account) address() string {
	port := a.Port
	if port == 0 {
		port = 993
		if a.Security == SecurityStartTLS || a.Security == SecurityPlain {
			port = 143
		}
	}
	return net.JoinHostPort(a.Host, strconv.Itoa(port))
}

// tlsConfig trusts the system roots plus the account's ca_file.
func (a Account) tlsConfig() (*tls.Config, error) {
	cfg := &tls.Config{ServerName: a.Host, MinVersion: tls.VersionTLS12}
	if a.TLSSkipVerify {
		cfg.InsecureSkipVerify = true
		return cfg, nil
	}
	if a.CAFile != "" {
		pem, err := os.ReadFile(a.CAFile)
		if err != nil {
			return nil, fmt.Errorf("ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s: no PEM certificate found", a.CAFile)
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}

// dial opens the connection the account asks for; it never downgrades.
func (a Account) dial(opts *imapclient.Options) (*imapclient.Client, error) {
	addr := a.address()
	opts.Dialer = &net.Dialer{Timeout: 15 * time.Second}
	opts.WordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}
	var (
		c   *imapclient.Client
		err error
	)
	switch a.Security {
	case SecurityPlain:
		c, err = imapclient.DialInsecure(addr, opts)
	case SecurityStartTLS:
		if opts.TLSConfig, err = a.tlsConfig(); err != nil {
			return nil, err
		}
		c, err = imapclient.DialStartTLS(addr, opts)
		var ierr *imap.Error
		if errors.As(err, &ierr) {
			// A NO or BAD to STARTTLS: the server does not offer it, and we
			// must not carry on in cleartext.
			return nil, fmt.Errorf("%s does not offer STARTTLS (%s); refusing to continue in cleartext", a.Host, cleanServerText(ierr))
		}
	default:
		if opts.TLSConfig, err = a.tlsConfig(); err != nil {
			return nil, err
		}
		c, err = imapclient.DialTLS(addr, opts)
	}
	if err != nil {
		return nil, a.explainDialError(err)
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, a.explainDialError(err)
	}
	return c, nil
}

// explainDialError names the host and the reason a certificate was refused.
func (a Account) explainDialError(err error) error {
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &unknown):
		return fmt.Errorf("certificate of %s is not trusted: signed by an unknown authority (add its CA as ca_file)", a.Host)
	case errors.As(err, &hostname):
		return fmt.Errorf("certificate of %s does not match the host name: %v", a.Host, hostname.Error())
	case errors.As(err, &invalid):
		return fmt.Errorf("certificate of %s is invalid: %v", a.Host, invalid.Error())
	case errors.As(err, &verr):
		return fmt.Errorf("certificate of %s could not be verified: %v", a.Host, verr.Err)
	}
	return fmt.Errorf("connecting to %s: %w", a.address(), err)
}

// login authenticates without ever sending a password the server forbids.
func login(c *imapclient.Client, user, password string) error {
	caps := c.Caps()
	if caps == nil {
		return errors.New("the server did not answer CAPABILITY")
	}
	if caps.Has(imap.CapLoginDisabled) {
		return errors.New("the server refuses LOGIN on this connection (LOGINDISABLED); use security = \"tls\" or \"starttls\"")
	}
	var err error
	if caps.Has(imap.Cap("AUTH=PLAIN")) {
		err = c.Authenticate(sasl.NewPlainClient("", user, password))
	} else {
		err = c.Login(user, password).Wait()
	}
	var ierr *imap.Error
	if errors.As(err, &ierr) {
		return &ServerError{Op: "login as " + cleanLine(user), Text: cleanServerText(ierr)}
	}
	return err
}

// cleanServerText is the sanitized text of a server's NO or BAD.
func cleanServerText(e *imap.Error) string {
	text := e.Text
	if e.Code != "" {
		text = "[" + string(e.Code) + "] " + text
	}
	return cleanLine(strings.TrimSpace(text))
}
