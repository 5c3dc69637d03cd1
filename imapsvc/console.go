package imapsvc

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The protocol console sends raw commands typed by the user. go-imap has
// no raw-command API, and a raw SELECT or LOGOUT on the main connection
// would break its state, so the console gets its own connection, dialled
// and logged in with the account's settings. Nothing it reads is parsed
// beyond finding the end of the answer.

// Console is a separate connection for raw commands.
type Console interface {
	// Send writes "TAG line" and reads until the tagged answer.
	Send(ctx context.Context, line string) (RawReply, error)
	Close() error
}

// maxConsoleLiteral bounds what is kept of one literal for the screen;
// the rest is read and dropped.
const maxConsoleLiteral = 64 << 10

var literalRe = regexp.MustCompile(`\{(\d+)\+?\}$`)

type rawConn struct {
	mu   sync.Mutex
	conn net.Conn
	r    *bufio.Reader
	n    int
}

// OpenConsole dials a second connection and logs in as the main one did.
func (s *Service) OpenConsole(ctx context.Context) (Console, error) {
	var password string
	if err := s.do(ctx, func() error {
		if s.c == nil {
			return ErrNotConnected
		}
		password = s.retry.password
		return nil
	}); err != nil {
		return nil, err
	}
	return s.acct.dialRaw(ctx, password)
}

func (a Account) dialRaw(ctx context.Context, password string) (*rawConn, error) {
	d := &net.Dialer{Timeout: 15 * time.Second}
	var (
		conn net.Conn
		err  error
	)
	cfg, cfgErr := a.tlsConfig()
	if a.Security != SecurityPlain && cfgErr != nil {
		return nil, cfgErr
	}
	if a.Security == SecurityTLS || a.Security == "" {
		conn, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", a.address())
	} else {
		conn, err = d.DialContext(ctx, "tcp", a.address())
	}
	if err != nil {
		return nil, a.explainDialError(err)
	}
	rc := &rawConn{conn: conn, r: bufio.NewReader(conn)}
	if err := rc.setup(ctx, a, cfg, password); err != nil {
		conn.Close()
		return nil, err
	}
	return rc, nil
}

// setup reads the greeting, upgrades with STARTTLS when configured and
// logs in with LOGIN and synchronizing literals, which carry any password.
func (rc *rawConn) setup(ctx context.Context, a Account, cfg *tls.Config, password string) error {
	rc.deadline(ctx)
	greeting, err := rc.readLine()
	if err != nil {
		return fmt.Errorf("console: reading the greeting: %w", err)
	}
	if !strings.HasPrefix(greeting, "* OK") {
		return fmt.Errorf("console: the server greeted with %q", cleanLine(greeting))
	}
	if a.Security == SecurityStartTLS {
		if r, err := rc.exchange("STARTTLS", nil); err != nil || r.Status != "OK" {
			return fmt.Errorf("console: STARTTLS refused (%v); not continuing in cleartext", err)
		}
		tc := tls.Client(rc.conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return a.explainDialError(err)
		}
		rc.conn, rc.r = tc, bufio.NewReader(tc)
	}
	r, err := rc.exchange("LOGIN", []string{a.Username, password})
	if err != nil {
		return fmt.Errorf("console: login: %w", err)
	}
	if r.Status != "OK" {
		return &ServerError{Op: "console login as " + cleanLine(a.Username), Text: strings.Join(r.Lines, " ")}
	}
	return nil
}

func (rc *rawConn) deadline(ctx context.Context) {
	if dl, ok := ctx.Deadline(); ok {
		rc.conn.SetDeadline(dl)
	} else {
		rc.conn.SetDeadline(time.Now().Add(time.Minute))
	}
}

// Send runs one raw command. A server asking for more input (a
// continuation) ends IDLE with DONE; anything else cannot go on from a
// one-line console, so the connection is closed and the user told.
func (rc *rawConn) Send(ctx context.Context, line string) (RawReply, error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.ContainsAny(line, "\r\n") {
		return RawReply{}, errors.New("type one command line")
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.deadline(ctx)
	return rc.exchange(line, nil)
}

// exchange writes a command (with literals, each sent after the server's
// go-ahead) and reads the answer up to its tagged line.
func (rc *rawConn) exchange(cmd string, literals []string) (RawReply, error) {
	rc.n++
	tag := "C" + strconv.Itoa(rc.n)
	reply := RawReply{Tag: tag, Sent: tag + " " + cleanLine(cmd)}
	text := tag + " " + cmd
	for _, lit := range literals {
		text += fmt.Sprintf(" {%d}", len(lit))
		if _, err := io.WriteString(rc.conn, text+"\r\n"); err != nil {
			return reply, err
		}
		if l, err := rc.readLine(); err != nil || !strings.HasPrefix(l, "+") {
			return reply, fmt.Errorf("the server did not accept a literal: %s", cleanLine(l))
		}
		text = lit
	}
	if len(literals) > 0 {
		reply.Sent = tag + " " + cleanLine(cmd) + " <redacted>"
	}
	if _, err := io.WriteString(rc.conn, text+"\r\n"); err != nil {
		return reply, err
	}
	idle := strings.EqualFold(strings.Fields(cmd)[0], "IDLE")
	for {
		l, err := rc.readResponse()
		if err != nil {
			return reply, err
		}
		if strings.HasPrefix(l, "+") {
			reply.Lines = append(reply.Lines, cleanLine(l))
			if idle {
				io.WriteString(rc.conn, "DONE\r\n")
				reply.Lines = append(reply.Lines, "DONE (sent by the console)")
				continue
			}
			rc.conn.Close()
			return reply, errors.New("the server asks for more input, which the console cannot send; its connection is closed (it reopens on the next command)")
		}
		for _, part := range strings.Split(l, "\n") {
			reply.Lines = append(reply.Lines, cleanLine(strings.TrimRight(part, "\r")))
		}
		if rest, ok := strings.CutPrefix(l, tag+" "); ok {
			reply.Status = strings.ToUpper(strings.SplitN(rest, " ", 2)[0])
			return reply, nil
		}
	}
}

// readResponse reads one response line, with its literals inlined.
func (rc *rawConn) readResponse() (string, error) {
	l, err := rc.readLine()
	for err == nil {
		m := literalRe.FindStringSubmatch(l)
		if m == nil {
			return l, nil
		}
		n, _ := strconv.ParseInt(m[1], 10, 64)
		buf := make([]byte, min(n, maxConsoleLiteral))
		if _, err = io.ReadFull(rc.r, buf); err != nil {
			break
		}
		if _, err = io.CopyN(io.Discard, rc.r, n-int64(len(buf))); err != nil {
			break
		}
		var more string
		more, err = rc.readLine()
		l += string(buf) + more
	}
	return "", err
}

func (rc *rawConn) readLine() (string, error) {
	l, err := rc.r.ReadString('\n')
	return strings.TrimRight(l, "\r\n"), err
}

// Close logs out briefly and drops the connection.
func (rc *rawConn) Close() error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.conn.SetDeadline(time.Now().Add(time.Second))
	rc.n++
	io.WriteString(rc.conn, "C"+strconv.Itoa(rc.n)+" LOGOUT\r\n")
	return rc.conn.Close()
}
