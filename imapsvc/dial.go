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

	"tern/tlsconf"
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
	return tlsconf.Client(a.Host, a.CAFile, a.TLSSkipVerify)
}

// connectStepTimeout bounds each step of connecting: TCP, TLS handshake,
// greeting, STARTTLS, CAPABILITY and login each get this long.
const connectStepTimeout = 15 * time.Second

// dial opens the connection the account asks for and waits for the
// greeting; it never downgrades. Every step has the deadline step. The
// returned limitConn is what the client reads through.
func (a Account) dial(opts *imapclient.Options, step time.Duration) (*imapclient.Client, *limitConn, error) {
	opts.WordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}
	raw, err := (&net.Dialer{Timeout: step}).Dial("tcp", a.address())
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, nil, &StepTimeout{Host: a.Host, Step: "TCP connect", After: step}
		}
		return nil, nil, a.explainDialError(err)
	}
	var conn net.Conn = raw
	var prefix []byte
	switch a.Security {
	case SecurityPlain:
	case SecurityStartTLS:
		cfg, err := a.tlsConfig()
		if err == nil {
			conn, prefix, err = a.startTLS(raw, cfg, step, opts.DebugWriter)
		}
		if err != nil {
			raw.Close()
			return nil, nil, err
		}
	default:
		cfg, err := a.tlsConfig()
		if err == nil {
			cfg.NextProtos = []string{"imap"}
			conn, err = a.handshake(raw, cfg, step)
		}
		if err != nil {
			raw.Close()
			return nil, nil, err
		}
	}
	lc := newLimitConn(conn, prefix)
	lc.setStep("greeting", step)
	c := imapclient.New(lc, opts)
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, nil, lc.failure(a.Host, a.explainDialError(err))
	}
	return c, lc, nil
}

// handshake runs the TLS handshake on raw within step.
func (a Account) handshake(raw net.Conn, cfg *tls.Config, step time.Duration) (*tls.Conn, error) {
	tc := tls.Client(raw, cfg)
	raw.SetDeadline(time.Now().Add(step))
	err := tc.Handshake()
	raw.SetDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, &StepTimeout{Host: a.Host, Step: "TLS handshake", After: step}
	}
	if err != nil {
		return nil, a.explainDialError(err)
	}
	return tc, nil
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
		return refusal(ierr, &ServerError{Op: "login as " + cleanLine(user), Text: cleanServerText(ierr)})
	}
	return err
}

// refusal marks a NO to LOGIN or AUTHENTICATE as an AuthError, except
// [UNAVAILABLE], which says the server cannot check credentials now.
func refusal(ierr *imap.Error, se *ServerError) error {
	if ierr.Type == imap.StatusResponseTypeNo && ierr.Code != imap.ResponseCodeUnavailable {
		return &AuthError{Err: se}
	}
	return se
}

// cleanServerText is the sanitized text of a server's NO or BAD.
func cleanServerText(e *imap.Error) string {
	text := e.Text
	if e.Code != "" {
		text = "[" + string(e.Code) + "] " + text
	}
	return cleanLine(strings.TrimSpace(text))
}
