package imapsvc

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// tokenLogin logs a raw connection in as the main one does with a token
// (oauth.go): AUTHENTICATE with the initial response on the command line
// where SASL-IR is advertised, else after the server's "+"; a refused token
// is replaced once from the token command. first, when not empty, is tried
// before running it. caps is the CAPABILITY answer, upper-cased.
func (rc *rawConn) tokenLogin(ctx context.Context, a Account, caps []string, first string) error {
	if !slices.Contains(caps, "AUTH="+string(a.Auth)) {
		return fmt.Errorf("%s: %w", rc.what, mechMissing(a.Auth, caps))
	}
	ir := slices.Contains(caps, "SASL-IR")
	token := first
	for try := 0; ; try++ {
		if token == "" {
			var err error
			if token, err = runToken(ctx, a); err != nil {
				return fmt.Errorf("%s: %w", rc.what, err)
			}
			rc.deadline(ctx)
		}
		ok, refused, text, err := rc.authenticate(a, token, ir)
		switch {
		case err != nil:
			return fmt.Errorf("%s: login: %w", rc.what, err)
		case ok:
			return nil
		case !refused:
			return &ServerError{Op: rc.what + " " + string(a.Auth) + " login as " + cleanLine(a.Username), Text: text}
		case try > 0:
			return &ServerError{Op: rc.what + " " + string(a.Auth) + " login as " + cleanLine(a.Username),
				Text: text + "; token_cmd was run again and its new token was refused too"}
		}
		token = ""
	}
}

// authenticate runs one AUTHENTICATE exchange: ok on OK, else text is
// the sanitized NO or BAD, and refused says the token was refused (an
// error challenge came, or NO with [AUTHENTICATIONFAILED] or no code), so
// a fresh one may do.
func (rc *rawConn) authenticate(a Account, token string, ir bool) (ok, refused bool, text string, err error) {
	rc.n++
	tag := rc.tag + strconv.Itoa(rc.n)
	resp := base64.StdEncoding.EncodeToString(a.saslIR(token))
	cmd := tag + " AUTHENTICATE " + string(a.Auth)
	if ir {
		cmd += " " + resp
		resp = ""
	}
	if _, err := io.WriteString(rc.conn, cmd+"\r\n"); err != nil {
		return false, false, "", err
	}
	rc.rd.used = 0
	challenged := false
	for count := 0; ; count++ {
		if count > 100 {
			return false, false, "", errors.New("the server sent too many lines during AUTHENTICATE")
		}
		l, err := rc.rd.line()
		if err != nil {
			return false, false, "", err
		}
		if rest, ok := strings.CutPrefix(l, tag+" "); ok {
			st, txt, _ := strings.Cut(rest, " ")
			if strings.EqualFold(st, "OK") {
				return true, false, "", nil
			}
			code := strings.ToUpper(txt)
			refused = strings.EqualFold(st, "NO") &&
				(challenged || strings.HasPrefix(code, "[AUTHENTICATIONFAILED]") || !strings.HasPrefix(code, "["))
			return false, refused, cleanLine(strings.TrimSpace(txt)), nil
		}
		switch {
		case strings.HasPrefix(l, "+") && resp != "":
			// The empty challenge asks for the initial response.
			if _, err := io.WriteString(rc.conn, resp+"\r\n"); err != nil {
				return false, false, "", err
			}
			resp = ""
		case strings.HasPrefix(l, "+"):
			// The error challenge, answered with %x01 (see tokenSASL).
			if challenged {
				return false, false, "", errors.New("the server sent a second challenge after refusing the token")
			}
			challenged = true
			if _, err := io.WriteString(rc.conn, "AQ==\r\n"); err != nil {
				return false, false, "", err
			}
		case strings.HasPrefix(l, "* BYE"):
			return false, false, "", fmt.Errorf("the server said goodbye: %s", cleanLine(l[2:]))
		case !strings.HasPrefix(l, "* "):
			return false, false, "", fmt.Errorf("unexpected line from the server: %q", cleanLine(l))
		}
	}
}
