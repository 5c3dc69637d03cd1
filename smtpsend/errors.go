package smtpsend

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"

	"tern/sanitize"
)

// maxText bounds a server's or command's text kept for an error.
const maxText = 300

// Error is a failed send, worded for the screen.
type Error struct {
	Op   string // what failed: "login", "MAIL FROM", "RCPT TO", "DATA", "sendmail_cmd"...
	Host string // the server, "" for sendmail_cmd
	Code int    // the SMTP reply code, 0 if none
	Text string // the server's reply or the command's stderr, sanitized and bounded

	// Refused lists every recipient the server refused (Op "RCPT TO");
	// nothing was sent then.
	Refused []Refusal
	// Auth marks refused credentials: asking again may help.
	Auth bool
	// MaybeSent: the whole message went out but the reply to its end did
	// not come back. The server may have taken it.
	MaybeSent bool

	Err error // the underlying error when there was no reply
}

// Refusal is one recipient the server would not take.
type Refusal struct {
	Rcpt string
	Code int
	Text string // sanitized
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Host != "" {
		fmt.Fprintf(&b, "%s: ", e.Host)
	}
	switch {
	case len(e.Refused) > 0:
		parts := make([]string, len(e.Refused))
		for i, r := range e.Refused {
			parts[i] = fmt.Sprintf("%s (%d %s)", r.Rcpt, r.Code, r.Text)
		}
		fmt.Fprintf(&b, "recipient refused, nothing was sent: %s", strings.Join(parts, "; "))
		return b.String()
	case e.MaybeSent && e.Op == "sendmail_cmd":
		b.WriteString("sendmail_cmd may have sent the message: ")
	case e.MaybeSent:
		b.WriteString("the message went out but the server's answer did not come back; it may have been sent: ")
	default:
		b.WriteString(e.Op + " failed: ")
	}
	switch {
	case e.Code != 0:
		fmt.Fprintf(&b, "%d %s", e.Code, e.Text)
	case e.Text != "":
		b.WriteString(e.Text)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// clean is s made safe for the screen and bounded.
func clean(s string) string {
	s = sanitize.Line(strings.TrimSpace(s))
	if r := []rune(s); len(r) > maxText {
		s = string(r[:maxText]) + "…"
	}
	return s
}

// redactor blanks secrets that a hostile or confused server might echo.
type redactor []string

func (r redactor) clean(s string) string {
	for _, secret := range r {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return clean(s)
}

// replyOf returns the SMTP reply in err, if it is one.
func replyOf(err error) (*smtp.SMTPError, bool) {
	var se *smtp.SMTPError
	ok := errors.As(err, &se)
	return se, ok
}
