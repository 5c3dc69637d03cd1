package demo

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// maxDemoMessage bounds a message the demo SMTP server takes, enough for
// a few large attachments.
const maxDemoMessage = 64 << 20

// startSMTP serves SMTP submission on 127.0.0.1: everything sent through
// it, to whoever it is addressed, is delivered into the demo INBOX, so a
// new user can write and watch the message arrive. It takes the demo
// login over cleartext AUTH PLAIN, which is fine on loopback.
func (s *Server) startSMTP(logger *slog.Logger) error {
	be := smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s, log: logger}, nil })
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true // loopback only
	srv.MaxMessageBytes = maxDemoMessage
	srv.MaxRecipients = 100
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.ErrorLog = smtpLogger{logger}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: listen for SMTP: %w", err)
	}
	s.SMTPAddr = ln.Addr().String()
	s.smtp, s.smtpLn = srv, ln
	s.smtpDone = make(chan struct{})
	go func() {
		defer close(s.smtpDone)
		if err := srv.Serve(ln); err != nil && err != smtp.ErrServerClosed {
			logger.Error("demo SMTP server stopped", "err", err)
		}
	}()
	logger.Info("demo SMTP server started", "addr", s.SMTPAddr)
	return nil
}

// smtpSession is one SMTP connection: it must log in as the demo user
// before MAIL, like a real submission server.
type smtpSession struct {
	srv    *Server
	log    *slog.Logger
	authed bool
	rcpts  int
}

var _ smtp.AuthSession = (*smtpSession)(nil)

func (ss *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *smtpSession) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, user, pw string) error {
		if user != ss.srv.Username || pw != ss.srv.Password {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *smtpSession) Mail(string, *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	return nil
}

func (ss *smtpSession) Rcpt(string, *smtp.RcptOptions) error {
	ss.rcpts++
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return err
	}
	if err := ss.srv.Deliver(b.Bytes()); err != nil {
		ss.log.Warn("demo SMTP: delivery failed", "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "could not deliver: " + err.Error()}
	}
	ss.log.Info("demo SMTP: delivered into INBOX", "bytes", b.Len(), "recipients", ss.rcpts)
	return nil
}

func (ss *smtpSession) Reset()        { ss.rcpts = 0 }
func (ss *smtpSession) Logout() error { return nil }

// smtpLogger sends go-smtp's logging to slog.
type smtpLogger struct{ l *slog.Logger }

func (p smtpLogger) Printf(format string, args ...any) {
	p.l.Warn("demo SMTP server: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (p smtpLogger) Println(args ...any) {
	p.l.Warn("demo SMTP server: " + strings.TrimSpace(fmt.Sprintln(args...)))
}
