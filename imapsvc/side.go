package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// The side connection carries the few verbs go-imap cannot send: STATUS
// with RECENT (go-imap panics on it) and LSUB (go-imap has none). It is a
// second login with the account's settings that shares no state with the
// main connection: it never selects a folder. It opens on first use and
// closes after sideIdle unused, on Logout and on Close.

// sideIdle is how long the side connection stays open unused.
const sideIdle = 2 * time.Minute

// maxLSUB bounds how many subscriptions one LSUB may return.
const maxLSUB = 100000

// sideConn is the side connection; it never examines a folder.
type sideConn = idleConn[*rawConn]

// sidePassword is the password the main connection logged in with.
func (s *Service) sidePassword(ctx context.Context) (string, error) {
	var password string
	err := s.do(ctx, func() error {
		if s.c == nil {
			return ErrNotConnected
		}
		password = s.retry.password
		return nil
	})
	return password, err
}

// withSide runs f on the side connection, opening it first when needed. A
// reused connection that turns out dead (the server closed it while idle)
// is replaced once.
func (s *Service) withSide(ctx context.Context, f func(rc *rawConn) error) error {
	sc := &s.side
	sc.use.Lock()
	defer sc.use.Unlock()
	for try := 0; ; try++ {
		rc, reused, err := s.sideOpen(ctx)
		if err != nil {
			return err
		}
		rc.mu.Lock()
		rc.deadline(ctx)
		err = f(rc)
		rc.mu.Unlock()
		if err == nil {
			sc.arm(rc)
			return nil
		}
		var se *ServerError
		if errors.As(err, &se) {
			sc.arm(rc) // a NO or BAD leaves the connection usable
			return err
		}
		sc.drop(rc)
		var ne net.Error
		if !reused || try > 0 || (errors.As(err, &ne) && ne.Timeout()) {
			return fmt.Errorf("side connection: %w", err)
		}
	}
}

// sideOpen returns the open side connection or dials a new one.
func (s *Service) sideOpen(ctx context.Context) (*rawConn, bool, error) {
	sc := &s.side
	rc, closed, _ := sc.take()
	if closed {
		return nil, false, ErrClosed
	}
	if rc != nil {
		return rc, true, nil
	}
	password, err := s.sidePassword(ctx)
	if err != nil {
		return nil, false, err
	}
	rc, err = s.acct.dialRaw(ctx, password, "side connection", "S", &tap{out: s.tap.out, ring: s.tap.ring, prefix: "side: "})
	if err != nil {
		return nil, false, err
	}
	if !sc.keep(rc) { // Logout or Close came meanwhile
		return nil, false, ErrClosed
	}
	return rc, false, nil
}

// closeRaw says LOGOUT when rc is idle and just closes it when busy.
func closeRaw(rc *rawConn) {
	if rc.mu.TryLock() {
		rc.logoutClose()
		rc.mu.Unlock()
		return
	}
	rc.conn.Close()
}

// sideRecent asks STATUS name (RECENT) on the side connection.
func (s *Service) sideRecent(ctx context.Context, name string) (uint32, error) {
	var recent uint64
	found := false
	err := s.withSide(ctx, func(rc *rawConn) error {
		found = false
		st, text, err := rc.run("STATUS "+quoteWire(encodeMUTF7(name))+" (RECENT)", nil, func(r response) error {
			if untaggedKind(r.lines[0]) != "STATUS" {
				return nil
			}
			got, items, err := statusResponse(r)
			if err != nil {
				return err
			}
			if n, ok := items["RECENT"]; ok && got == name {
				recent, found = n, true
			}
			return nil
		})
		if err != nil {
			return err
		}
		if st != "OK" {
			return &ServerError{Op: "STATUS " + cleanLine(name) + " (RECENT)", Text: text}
		}
		return nil
	})
	if err == nil && !found {
		err = errors.New("the server's STATUS answer had no RECENT")
	}
	return uint32(min(recent, 1<<32-1)), err
}

// sideLSUB lists the subscribed folders with LSUB "" "*".
func (s *Service) sideLSUB(ctx context.Context) ([]listEntry, error) {
	var out []listEntry
	err := s.withSide(ctx, func(rc *rawConn) error {
		out = out[:0]
		st, text, err := rc.run(`LSUB "" "*"`, nil, func(r response) error {
			if untaggedKind(r.lines[0]) != "LSUB" {
				return nil
			}
			if len(out) >= maxLSUB {
				return fmt.Errorf("the server listed more than %d subscriptions", maxLSUB)
			}
			e, err := lsubResponse(r)
			if err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
		if err != nil {
			return err
		}
		if st != "OK" {
			return &ServerError{Op: "LSUB", Text: text}
		}
		return nil
	})
	return out, err
}
