package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The protocol console sends raw commands typed by the user. go-imap has
// no raw-command API, and a raw SELECT or LOGOUT on the main connection
// would break its state, so the console gets its own connection, dialled
// and logged in with the account's settings (sideconn.go). Nothing it reads
// is parsed beyond finding the end of the answer.

// Console is a separate connection for raw commands.
type Console interface {
	// Send writes "TAG line" and reads until the tagged answer.
	Send(ctx context.Context, line string) (RawReply, error)
	Close() error
}

// maxConsoleLiteral bounds what is kept of one literal for the screen;
// the rest is read and dropped.
const maxConsoleLiteral = 64 << 10

// maxConsoleLines bounds the lines kept of one answer; the rest are read,
// counted and dropped (the console shows the last 1,000 anyway).
const maxConsoleLines = 5000

// OpenConsole dials a second connection and logs in as the main one did.
func (s *Service) OpenConsole(ctx context.Context) (Console, error) {
	password, err := s.sidePassword(ctx)
	if err != nil {
		return nil, err
	}
	return s.acct.dialRaw(ctx, password, "console", "C", nil)
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
	return rc.exchange(line)
}

// exchange writes a typed command and reads the answer up to its tagged
// line, every line bounded (sidewire.go) and sanitized.
func (rc *rawConn) exchange(cmd string) (RawReply, error) {
	rc.n++
	tag := rc.tag + strconv.Itoa(rc.n)
	reply := RawReply{Tag: tag, Sent: tag + " " + cleanLine(cmd)}
	if err := rc.send(tag, cmd, nil); err != nil {
		return reply, err
	}
	rc.rd.used = 0
	idle := strings.EqualFold(strings.Fields(cmd)[0], "IDLE")
	dropped := 0
	add := func(l string) {
		if len(reply.Lines) < maxConsoleLines {
			reply.Lines = append(reply.Lines, l)
		} else {
			dropped++
		}
	}
	for {
		l, err := rc.readInline()
		if err != nil {
			return reply, err
		}
		if strings.HasPrefix(l, "+") {
			add(cleanLine(l))
			if idle {
				if _, err := io.WriteString(rc.conn, "DONE\r\n"); err != nil {
					return reply, err
				}
				reply.Done = len(reply.Lines)
				continue
			}
			rc.conn.Close()
			return reply, errors.New("the server asks for more input, which the console cannot send; its connection is closed (it reopens on the next command)")
		}
		if rest, ok := strings.CutPrefix(l, tag+" "); ok {
			if dropped > 0 {
				reply.Lines = append(reply.Lines, fmt.Sprintf("(%d more lines not kept)", dropped))
			}
			reply.Lines = append(reply.Lines, cleanLine(l))
			reply.Status = strings.ToUpper(strings.SplitN(rest, " ", 2)[0])
			return reply, nil
		}
		for _, part := range strings.Split(l, "\n") {
			add(cleanLine(strings.TrimRight(part, "\r")))
		}
	}
}

// readInline reads one response line with its literals inlined, each cut
// to maxConsoleLiteral for the screen.
func (rc *rawConn) readInline() (string, error) {
	l, err := rc.rd.line()
	for err == nil {
		n, ok := literalSize(l)
		if !ok {
			return l, nil
		}
		var lit, more string
		if lit, err = rc.rd.literal(n, maxConsoleLiteral, true); err != nil {
			break
		}
		if more, err = rc.rd.line(); err != nil {
			break
		}
		l += lit + more
	}
	return "", err
}
