package imapsvc

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rawConn is a connection tern speaks IMAP on by hand: the side connection
// (side.go) and the protocol console (console.go). It follows the main
// connection's rules: TLS verified as the account says, STARTTLS or nothing,
// LOGINDISABLED honoured, the password only inside a literal and never in
// an error, a deadline on every step, and bounded reads (sidewire.go). The
// side connection writes to the protocol trace; the console, which shows
// its own transcript, does not.
type rawConn struct {
	mu   sync.Mutex
	conn net.Conn
	rd   *wireReader
	n    int
	what string // "console" or "side connection", for errors
	tag  string // tag prefix: C for the console, S for the side connection
	// sent traces what tern sends, read (through rd) what it reads; both
	// nil when untraced. Two taps, so each direction is cut into its own
	// lines.
	sent, read *tap
}

// rawStepTimeout bounds each step when the caller's context has no deadline.
const rawStepTimeout = 30 * time.Second

// dialRaw dials and logs in with the account's settings. An account with a
// token mechanism takes password as a token to try first, or "" to run
// its token command. With trace, both directions go to trace's writer and
// ring, under prefix, credentials redacted as on the main connection.
func (a Account) dialRaw(ctx context.Context, password, what, tag string, trace *tap) (*rawConn, error) {
	cfg, cfgErr := a.tlsConfig()
	if a.Security != SecurityPlain && cfgErr != nil {
		return nil, cfgErr
	}
	ctx, cancel := context.WithTimeout(ctx, rawStepTimeout)
	defer cancel()
	d := &net.Dialer{Timeout: 15 * time.Second}
	var (
		conn net.Conn
		err  error
	)
	if a.Security == SecurityTLS || a.Security == "" {
		conn, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", a.address())
	} else {
		conn, err = d.DialContext(ctx, "tcp", a.address())
	}
	if err != nil {
		return nil, a.explainDialError(err)
	}
	// Logging in uses tags of its own (L1, L2...), so the first command
	// after it is C2 or S2, as after a LOGIN typed by hand.
	rc := &rawConn{conn: conn, what: what, tag: "L"}
	if trace != nil {
		rc.sent = &tap{out: trace.out, ring: trace.ring, prefix: trace.prefix}
		rc.read = &tap{out: trace.out, ring: trace.ring, prefix: trace.prefix}
		rc.sent.setSecrets(a.Username, password)
		rc.read.setSecrets(a.Username, password)
	}
	rc.rd = rc.reader(conn)
	if err := rc.setup(ctx, a, cfg, password); err != nil {
		rc.conn.Close()
		return nil, err
	}
	rc.tag, rc.n = tag, 1
	return rc, nil
}

// setup reads the greeting, upgrades with STARTTLS when configured, checks
// LOGINDISABLED and logs in with LOGIN, the password in a synchronizing
// literal; or with AUTHENTICATE and an access token (sideauth.go).
func (rc *rawConn) setup(ctx context.Context, a Account, cfg *tls.Config, password string) error {
	rc.deadline(ctx)
	greeting, err := rc.rd.line()
	if err != nil {
		return fmt.Errorf("%s: reading the greeting: %w", rc.what, err)
	}
	preauth := strings.HasPrefix(strings.ToUpper(greeting), "* PREAUTH")
	if !preauth && !strings.HasPrefix(strings.ToUpper(greeting), "* OK") {
		return fmt.Errorf("%s: the server greeted with %q", rc.what, cleanLine(greeting))
	}
	if a.Security == SecurityStartTLS {
		if preauth {
			return fmt.Errorf("%s: the server logged in before STARTTLS (PREAUTH); not continuing in cleartext", rc.what)
		}
		if st, _, err := rc.run("STARTTLS", nil, nil); err != nil || st != "OK" {
			return fmt.Errorf("%s: STARTTLS refused (%s); not continuing in cleartext", rc.what, errOr(err, st))
		}
		tc := tls.Client(rc.conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return a.explainDialError(err)
		}
		rc.conn, rc.rd = tc, rc.reader(tc)
		rc.deadline(ctx)
	}
	if preauth {
		return nil
	}
	var caps []string
	st, text, err := rc.run("CAPABILITY", nil, func(r response) error {
		if untaggedKind(r.lines[0]) == "CAPABILITY" {
			caps = strings.Fields(strings.ToUpper(r.lines[0]))
		}
		return nil
	})
	if err != nil || st != "OK" {
		return fmt.Errorf("%s: CAPABILITY: %s", rc.what, errOr(err, st+" "+text))
	}
	if a.usesToken() {
		return rc.tokenLogin(ctx, a, caps, password)
	}
	for _, c := range caps {
		if c == "LOGINDISABLED" {
			return fmt.Errorf("%s: the server refuses LOGIN on this connection (LOGINDISABLED); use security = \"tls\" or \"starttls\"", rc.what)
		}
	}
	st, text, err = rc.run("LOGIN", []string{a.Username, password}, nil)
	if err != nil {
		return fmt.Errorf("%s: login: %w", rc.what, err)
	}
	if st != "OK" {
		return &ServerError{Op: rc.what + " login as " + cleanLine(a.Username), Text: text}
	}
	return nil
}

func errOr(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return cleanLine(s)
}

// deadline bounds the next steps by ctx, or by rawStepTimeout.
func (rc *rawConn) deadline(ctx context.Context) {
	dl, ok := ctx.Deadline()
	if !ok || time.Until(dl) > rawStepTimeout {
		dl = time.Now().Add(rawStepTimeout)
	}
	rc.conn.SetDeadline(dl)
}

// maxRawResponses bounds the untagged responses to one command.
const maxRawResponses = 200000

// run sends one command (its literals each after the server's go-ahead)
// and hands each untagged response to each, up to the tagged answer. It
// returns the tagged status (OK, NO, BAD) and its sanitized text. A
// continuation request is an error: these commands never ask for one.
func (rc *rawConn) run(cmd string, literals []string, each func(response) error) (status, text string, err error) {
	rc.n++
	tag := rc.tag + strconv.Itoa(rc.n)
	if err := rc.send(tag, cmd, literals); err != nil {
		return "", "", err
	}
	rc.rd.used = 0
	for count := 0; ; count++ {
		if count > maxRawResponses {
			return "", "", fmt.Errorf("the server sent more than %d responses to one command", maxRawResponses)
		}
		r, err := rc.rd.readResponse()
		if err != nil {
			return "", "", err
		}
		first := r.lines[0]
		if rest, ok := strings.CutPrefix(first, tag+" "); ok {
			st, txt, _ := strings.Cut(rest, " ")
			return strings.ToUpper(st), cleanLine(txt), nil
		}
		switch {
		case strings.HasPrefix(first, "+"):
			return "", "", errors.New("the server asked for more input")
		case !strings.HasPrefix(first, "* "):
			return "", "", fmt.Errorf("unexpected line from the server: %q", cleanLine(first))
		case untaggedKind(first) == "BYE":
			return "", "", fmt.Errorf("the server said goodbye: %s", cleanLine(first[2:]))
		}
		if each != nil {
			if err := each(r); err != nil {
				return "", "", err
			}
		}
	}
}

// reader reads conn, copying what it reads to the trace.
func (rc *rawConn) reader(conn net.Conn) *wireReader {
	if rc.read == nil {
		return newWireReader(conn)
	}
	return newWireReader(io.TeeReader(conn, rc.read))
}

// traceSent traces one line tern sent.
func (rc *rawConn) traceSent(line string) {
	if rc.sent != nil {
		io.WriteString(rc.sent, line+"\r\n")
	}
}

// send writes "tag cmd" with its literals, each after the server's "+".
// Only LOGIN sends literals (the user name and password): the trace gets
// "tag LOGIN <redacted>" and none of them.
func (rc *rawConn) send(tag, cmd string, literals []string) error {
	text := tag + " " + cmd
	if len(literals) > 0 {
		rc.traceSent(text + " <redacted>")
	} else {
		rc.traceSent(text)
	}
	for _, lit := range literals {
		text += " {" + strconv.Itoa(len(lit)) + "}"
		if _, err := io.WriteString(rc.conn, text+"\r\n"); err != nil {
			return err
		}
		l, err := rc.rd.line()
		if err != nil {
			return err
		}
		if !strings.HasPrefix(l, "+") {
			return fmt.Errorf("the server did not accept a literal: %s", cleanLine(l))
		}
		text = lit
	}
	_, err := io.WriteString(rc.conn, text+"\r\n")
	return err
}

// Close logs out briefly and drops the connection.
func (rc *rawConn) Close() error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.logoutClose()
}

func (rc *rawConn) logoutClose() error {
	rc.conn.SetDeadline(time.Now().Add(time.Second))
	rc.n++
	line := rc.tag + strconv.Itoa(rc.n) + " LOGOUT"
	rc.traceSent(line)
	io.WriteString(rc.conn, line+"\r\n")
	return rc.conn.Close()
}
