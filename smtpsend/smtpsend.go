// Package smtpsend hands a finished message to the submission server:
// SMTP through go-smtp (implicit TLS, STARTTLS or, when configured,
// cleartext; AUTH PLAIN, LOGIN, XOAUTH2 or OAUTHBEARER), or the user's
// sendmail-compatible command. The message streams from the caller's
// reader to the server; it is never held in memory whole.
package smtpsend

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"tern/tokenauth"
)

// Security is how the SMTP connection is protected.
type Security string

const (
	SecurityTLS      Security = "tls"      // TLS from the first byte (port 465)
	SecurityStartTLS Security = "starttls" // upgraded with STARTTLS (port 587); never falls back
	SecurityPlain    Security = "plain"    // cleartext, only when configured
)

// Auth is how the sender logs in.
type Auth string

const (
	AuthPassword    Auth = "password"    // AUTH PLAIN, else LOGIN
	AuthXOAuth2     Auth = "xoauth2"     // Token's access token
	AuthOAuthBearer Auth = "oauthbearer" // likewise, RFC 7628
	AuthNone        Auth = "none"        // no AUTH (a relay that trusts the network)
)

// Account is what the sender needs to reach the submission server, or the
// command to run instead (SendmailCmd, which then overrides the rest).
type Account struct {
	Host          string
	Port          int // 0: 465 for tls, 587 otherwise
	Security      Security
	Username      string
	Auth          Auth
	Password      func(ctx context.Context) (string, error) // for AuthPassword
	Token         tokenauth.Func                            // for the OAuth2 mechanisms
	CAFile        string                                    // extra trust root, PEM
	TLSSkipVerify bool

	// SendmailCmd, e.g. "msmtp -t", is split into words (quotes as in
	// a shell, no expansion) and run without a shell.
	SendmailCmd string
}

// Options tunes a Sender; zero values mean the defaults.
type Options struct {
	// Step bounds each step: TCP connect, TLS handshake, each command's
	// reply, each write of the message (30 s).
	Step time.Duration
	// Final bounds the wait for the reply to the message's end (10
	// minutes, as RFC 5321 4.5.3.2.6 asks: the server may scan it), and
	// a run of sendmail_cmd.
	Final time.Duration
	// ProgressEvery is how many bytes pass between progress calls (256 KiB).
	ProgressEvery int64
}

// Sender sends messages for one account. It holds no connection between
// sends and is safe for concurrent use.
type Sender struct {
	acct  Account
	step  time.Duration
	final time.Duration
	every int64
}

// New returns a Sender for a.
func New(a Account, opts Options) *Sender {
	s := &Sender{acct: a, step: opts.Step, final: opts.Final, every: opts.ProgressEvery}
	if s.step <= 0 {
		s.step = 30 * time.Second
	}
	if s.final <= 0 {
		s.final = 10 * time.Minute
	}
	if s.every <= 0 {
		s.every = 256 << 10
	}
	return s
}

// Send hands msg (an RFC 5322 message, CRLF or LF line ends) to the server
// for the envelope sender from and the recipients rcpts (To, Cc and Bcc;
// Bcc must not be in msg's header). msg is read once, as it is sent.
// progress, if not nil, is called with the bytes of msg sent so far,
// every Options.ProgressEvery bytes and at the end, from the goroutine
// that reads msg (Send's own, or for sendmail_cmd one it starts), never
// concurrently; it must not block. Cancelling ctx abandons the send.
//
// Errors are for the screen: server replies are sanitized, secrets never
// appear. An *Error with MaybeSent set means the message was handed over
// but the server's answer was lost: the mail may have gone; do not resend
// without asking.
func (s *Sender) Send(ctx context.Context, from string, rcpts []string, msg io.Reader, progress func(sent int64)) error {
	if err := checkEnvelope(from, rcpts); err != nil {
		return err
	}
	pr := &progressReader{r: msg, every: s.every, report: progress}
	var err error
	if s.acct.SendmailCmd != "" {
		err = s.sendmail(ctx, rcpts, pr)
	} else {
		err = s.smtp(ctx, from, rcpts, pr)
	}
	if err == nil {
		pr.finish()
	}
	return err
}

// checkEnvelope refuses addresses that cannot go into MAIL FROM or RCPT TO,
// or onto a command line, before anything is sent.
func checkEnvelope(from string, rcpts []string) error {
	if len(rcpts) == 0 {
		return errors.New("no recipients")
	}
	bad := func(a string) bool {
		return a == "" || len(a) > 320 || strings.HasPrefix(a, "-") || strings.ContainsFunc(a, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("<>", r)
		})
	}
	// An empty from is the null sender, allowed by SMTP (bounces); tern
	// does not send those.
	if bad(from) {
		return fmt.Errorf("sender address %q is not usable in SMTP", clean(from))
	}
	for _, r := range rcpts {
		if bad(r) {
			return fmt.Errorf("recipient address %q is not usable in SMTP", clean(r))
		}
	}
	return nil
}

// progressReader counts what has been read of the message and reports it.
type progressReader struct {
	r      io.Reader
	n      int64
	last   int64
	every  int64
	report func(int64)
	err    error // the reader's own failure, not the server's
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if err != nil && err != io.EOF {
		p.err = err
	}
	if p.report != nil && p.n-p.last >= p.every {
		p.last = p.n
		p.report(p.n)
	}
	return n, err
}

// finish reports the total once the send succeeded.
func (p *progressReader) finish() {
	if p.report != nil && p.last != p.n {
		p.last = p.n
		p.report(p.n)
	}
}

// WithPassword returns a Sender like s that logs in with password: for
// the password the user typed at tern's prompt, which the config does
// not know.
func (s *Sender) WithPassword(password string) *Sender {
	c := *s
	c.acct.Password = func(context.Context) (string, error) { return password, nil }
	return &c
}

// NeedsPassword reports whether the sender logs in with a password it has
// no source for (no password or password_cmd in the config): the one the
// user types at tern's login prompt must reach it through WithPassword.
func (s *Sender) NeedsPassword() bool {
	return s.acct.SendmailCmd == "" && s.acct.Auth == AuthPassword && s.acct.Password == nil
}
