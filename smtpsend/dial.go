package smtpsend

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/emersion/go-smtp"

	"tern/tlsconf"
)

// address is host:port with the port defaulted by security (RFC 8314).
func (a Account) address() string {
	port := a.Port
	if port == 0 {
		port = 587
		if a.Security == SecurityTLS || a.Security == "" {
			port = 465
		}
	}
	return net.JoinHostPort(a.Host, strconv.Itoa(port))
}

// tlsConfig trusts the system roots plus the account's ca_file.
func (a Account) tlsConfig() (*tls.Config, error) {
	return tlsconf.Client(a.Host, a.CAFile, a.TLSSkipVerify)
}

// dial connects as the account's security says, never downgrading, and
// returns a client that has had the greeting (and STARTTLS, and the EHLO
// after it). Cancelling ctx closes the connection, until the caller
// calls release.
func (s *Sender) dial(ctx context.Context) (c *smtp.Client, release func(), err error) {
	a := s.acct
	cfg, err := a.tlsConfig()
	if err != nil {
		return nil, nil, err
	}
	dctx, cancel := context.WithTimeout(ctx, s.step)
	raw, err := (&net.Dialer{}).DialContext(dctx, "tcp", a.address())
	cancel()
	if err != nil {
		return nil, nil, s.explain("connect", err)
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer func() {
		if err != nil {
			stop()
			raw.Close()
			if ctx.Err() != nil {
				err = fmt.Errorf("sending cancelled: %w", ctx.Err())
			}
		}
	}()
	conn := newStepConn(raw, s.step)
	switch a.Security {
	case SecurityPlain:
		c = smtp.NewClient(conn)
	case SecurityStartTLS:
		c, err = smtp.NewClientStartTLS(conn, cfg)
		if err != nil {
			if _, isReply := replyOf(err); !isReply && !isNetErr(err) {
				// go-smtp's "server doesn't support STARTTLS": we must not
				// carry on in cleartext.
				return nil, nil, &Error{Op: "STARTTLS", Host: a.Host,
					Text: "the server does not offer STARTTLS; refusing to continue in cleartext (smtp_security = \"starttls\")"}
			}
			return nil, nil, s.explain("STARTTLS", err)
		}
	default:
		tc := tls.Client(conn, cfg)
		tc.SetDeadline(time.Now().Add(s.step))
		err = tc.HandshakeContext(ctx)
		tc.SetDeadline(time.Time{})
		if err != nil {
			return nil, nil, s.explain("TLS handshake", err)
		}
		c = smtp.NewClient(tc)
	}
	c.CommandTimeout, c.SubmissionTimeout = s.step, s.final
	// EHLO now (over TLS after STARTTLS), so that a certificate problem
	// or a bad greeting is reported as what it is.
	if err := c.Hello("localhost"); err != nil {
		return nil, nil, s.explain("greeting", err)
	}
	return c, func() { stop(); raw.Close() }, nil
}

func isNetErr(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.Is(err, os.ErrDeadlineExceeded)
}

// explain turns err from step op into an *Error that names the host and
// says what happened: a server's reply (sanitized), a certificate's
// problem, a step that timed out.
func (s *Sender) explain(op string, err error) error {
	e := &Error{Op: op, Host: s.acct.Host, Err: err}
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verr *tls.CertificateVerificationError
	var ne net.Error
	switch se, isReply := replyOf(err); {
	case isReply:
		e.Code, e.Text = se.Code, clean(replyText(se))
	case errors.As(err, &unknown):
		e.Text = "certificate is not trusted: signed by an unknown authority (add its CA as ca_file)"
	case errors.As(err, &hostname):
		e.Text = "certificate does not match the host name: " + clean(hostname.Error())
	case errors.As(err, &invalid):
		e.Text = "certificate is invalid: " + clean(invalid.Error())
	case errors.As(err, &verr):
		e.Text = "certificate could not be verified: " + clean(verr.Err.Error())
	case errors.As(err, &ne) && ne.Timeout():
		e.Text = fmt.Sprintf("the server stopped responding (nothing for %s)", s.step)
	default:
		e.Text = clean(err.Error())
	}
	return e
}

// replyText is a reply's text with its enhanced code, as a user would
// search for it.
func replyText(se *smtp.SMTPError) string {
	if se.EnhancedCode != (smtp.EnhancedCode{}) && se.EnhancedCode != smtp.NoEnhancedCode {
		return fmt.Sprintf("%d.%d.%d %s", se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2], se.Message)
	}
	return se.Message
}
