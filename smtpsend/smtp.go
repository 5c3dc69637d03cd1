package smtpsend

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-smtp"
)

// smtp runs one SMTP session: connect, log in, one transaction, QUIT.
func (s *Sender) smtp(ctx context.Context, from string, rcpts []string, msg *progressReader) error {
	c, release, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer release()
	fail := func(op string, err error) error {
		if ctx.Err() != nil {
			return &Error{Op: op, Host: s.acct.Host, Text: "sending cancelled", Err: ctx.Err()}
		}
		return s.explain(op, err)
	}
	if err := s.login(ctx, c); err != nil {
		if ctx.Err() != nil {
			return fail("login", err)
		}
		return err
	}

	opts := &smtp.MailOptions{UTF8: !isASCII(from) || !allASCII(rcpts)}
	if size, ok := sizeOf(msg.r); ok {
		if limit, ok := c.MaxMessageSize(); ok && limit > 0 && size > int64(limit) {
			return &Error{Op: "MAIL FROM", Host: s.acct.Host,
				Text: fmt.Sprintf("the message is %s; the server takes at most %s", sizeText(size), sizeText(int64(limit)))}
		}
		opts.Size = size
	}
	if err := c.Mail(from, opts); err != nil {
		return fail("MAIL FROM", err)
	}
	// Every recipient is tried, so that the user hears of all the refused
	// ones at once; with any refused, nothing is sent.
	var refused []Refusal
	for _, r := range rcpts {
		err := c.Rcpt(r, nil)
		if se, isReply := replyOf(err); isReply {
			refused = append(refused, Refusal{Rcpt: clean(r), Code: se.Code, Text: clean(replyText(se))})
		} else if err != nil {
			return fail("RCPT TO", err)
		}
	}
	if len(refused) > 0 {
		c.Reset()
		c.Quit()
		return &Error{Op: "RCPT TO", Host: s.acct.Host, Refused: refused}
	}

	w, err := c.Data()
	if err != nil {
		return fail("DATA", err)
	}
	if _, err := io.CopyBuffer(w, msg, make([]byte, 32<<10)); err != nil {
		// The end of the message was never sent: the server drops it.
		if msg.err != nil {
			return &Error{Op: "DATA", Host: s.acct.Host, Text: "reading the message: " + clean(msg.err.Error()), Err: msg.err}
		}
		return fail("DATA", err)
	}
	if err := w.Close(); err != nil {
		e := fail("DATA", err).(*Error)
		if _, isReply := replyOf(err); !isReply {
			e.MaybeSent = true
		}
		return e
	}
	c.Quit() // the server has the message; a failed QUIT changes nothing
	return nil
}

// login authenticates as the account says, never with a mechanism the
// server does not offer. The reply to a refused login is shown with the
// password and token blanked out, should the server echo them. A refused
// token is fetched once more and tried again, as the IMAP side does: it
// may just have expired.
func (s *Sender) login(ctx context.Context, c *smtp.Client) error {
	a := s.acct
	if a.Auth == AuthNone {
		return nil
	}
	ok, offered := c.Extension("AUTH")
	if !ok {
		return &Error{Op: "login", Host: a.Host,
			Text: `the server offers no AUTH; set smtp_auth = "none" if it needs no login`}
	}
	mechs := strings.Fields(strings.ToUpper(offered))
	err := s.auth(ctx, c, mechs)
	var e *Error
	if !errors.As(err, &e) || !e.Auth || (a.Auth != AuthXOAuth2 && a.Auth != AuthOAuthBearer) {
		return err
	}
	if err = s.auth(ctx, c, mechs); errors.As(err, &e) && e.Auth {
		e.Text += "; token_cmd was run again and its new token was refused too"
	}
	return err
}

// auth runs one AUTH exchange.
func (s *Sender) auth(ctx context.Context, c *smtp.Client, mechs []string) error {
	a := s.acct
	cl, secrets, err := s.saslClient(ctx, mechs)
	if err != nil {
		return err
	}
	err = c.Auth(cl)
	if err == nil {
		return nil
	}
	se, isReply := replyOf(err)
	if !isReply {
		return s.explain("login", err)
	}
	e := &Error{Op: "login as " + clean(a.Username), Host: a.Host, Code: se.Code, Text: secrets.clean(replyText(se))}
	e.Auth = se.Code == 535 || se.EnhancedCode == smtp.EnhancedCode{5, 7, 8}
	// An error challenge means the token was refused, whatever the
	// final reply's code (go-smtp's own server answers 454).
	if tc, ok := cl.(*tokenClient); ok && tc.Failed {
		e.Auth = true
		if tc.Status != "" {
			e.Text += " (token refused: status " + tc.Status + ")"
		}
	}
	return e
}

// sizeOf is the message's length when the reader knows it.
func sizeOf(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Size() int64 }:
		return v.Size(), true
	case interface{ Len() int }:
		return int64(v.Len()), true
	}
	return 0, false
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)>>10)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func allASCII(ss []string) bool {
	for _, s := range ss {
		if !isASCII(s) {
			return false
		}
	}
	return true
}
