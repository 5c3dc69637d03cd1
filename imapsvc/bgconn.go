package imapsvc

import (
	"context"
	"errors"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// The background connection is a second login that runs what nobody is
// waiting for: sizes and attachment marks (Details), other folders' counts
// (Counts), and the client sort's keys where the keys connections
// (keyconn.go) cannot log in. On one connection a key's
// request waited behind them: on Dovecot the first RFC822.SIZE of a session
// reads the whole folder (4.3 s at 200,000 messages), and no batching makes
// one command shorter. It EXAMINEs the folder it fetches from (read-only,
// so \Recent stays with the main connection), opens on first use and
// closes after bgIdle unused, on Logout and on Close. When it cannot log
// in (a server that allows one connection per user, say), the work runs on
// the main connection as before, and tern does not try again for bgRetry.

const (
	bgIdle  = 2 * time.Minute
	bgRetry = time.Minute
)

type bgConn struct {
	idleConn[*imapclient.Client]

	// The main connection's password (or "" with a token command), kept
	// here so that opening the background connection never waits for the
	// main connection's owner; ok while logged in. Guarded by mu.
	password string
	ok       bool
}

func closeClient(c *imapclient.Client) { c.Close() }

// setLogin records the main connection's login (Connect) or its end
// (Logout, a refused login again): only then may the background log in.
func (b *bgConn) setLogin(password string, ok bool) {
	b.mu.Lock()
	b.password, b.ok = password, ok
	b.mu.Unlock()
}

// login is the main connection's password and whether it is logged in.
func (b *bgConn) login() (string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.password, b.ok
}

// errNoBackground says the work must run on the main connection.
var errNoBackground = errors.New("no background connection")

// background runs fn on the background connection, in folder mb unless mb
// is zero, or on the main connection when there is no second login. learn
// records a sequence number's UID; only the main connection's are kept.
func (s *Service) background(ctx context.Context, mb Mailbox, fn func(c *imapclient.Client, learn func(uint32, UID)) error) error {
	err := s.withBackground(ctx, mb, func(c *imapclient.Client) error {
		return fn(c, func(uint32, UID) {})
	})
	if !errors.Is(err, errNoBackground) {
		return err
	}
	return s.do(ctx, func() error {
		var (
			c   *imapclient.Client
			sel *selected
			err error
		)
		if mb == (Mailbox{}) {
			c, err = s.client()
		} else {
			c, sel, err = s.open(mb)
		}
		if err != nil {
			return err
		}
		return fn(c, func(seq uint32, uid UID) {
			if sel != nil {
				sel.seq.learn(seq, uid)
			}
		})
	})
}

// withBackground runs fn on the background connection with mb examined.
func (s *Service) withBackground(ctx context.Context, mb Mailbox, fn func(c *imapclient.Client) error) error {
	return s.bg.with(ctx, func() (*imapclient.Client, bool, error) { return s.bgOpen(ctx) },
		func(c *imapclient.Client) error { return s.bgRun(ctx, c, mb, fn) },
		func(err error) bool {
			var se *ServerError
			var ie *imap.Error
			return errors.As(err, &se) || errors.As(err, &ie)
		})
}

// bgRun runs fn in mb on c; a caller that stops waiting closes c, which
// ends the command.
func (s *Service) bgRun(ctx context.Context, c *imapclient.Client, mb Mailbox, fn func(c *imapclient.Client) error) error {
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := s.bgExamine(c, mb); err != nil {
		return err
	}
	return fn(c)
}

// bgOpen returns the open background connection or logs in a new one.
func (s *Service) bgOpen(ctx context.Context) (c *imapclient.Client, reused bool, err error) {
	b := &s.bg
	c, closed, failed := b.take()
	password, ok := b.login()
	switch {
	case closed:
		return nil, false, ErrClosed
	case !ok:
		return nil, false, ErrNotConnected
	case c != nil:
		select {
		case <-c.Closed():
			b.drop(c)
		default:
			return c, true, nil
		}
	case !failed.IsZero() && time.Since(failed) < bgRetry:
		return nil, false, errNoBackground
	}
	t := &tap{out: s.tap.out, ring: s.tap.ring, prefix: "bg: "}
	if !s.acct.usesToken() {
		t.setSecrets(s.acct.Username, password)
	}
	c, _, err = s.openLoggedIn(&imapclient.Options{DebugWriter: t}, password)
	if err != nil {
		s.log.Warn("no background connection; background fetches share the main one", "err", err)
		b.loginFailed()
		return nil, false, errNoBackground
	}
	if !b.keep(c) { // Logout or Close came meanwhile
		return nil, false, ErrClosed
	}
	return c, false, nil
}

// bgExamine makes mb the folder examined on c, unless it is already. A
// folder whose UIDVALIDITY is no longer mb's is stale.
func (s *Service) bgExamine(c *imapclient.Client, mb Mailbox) error {
	b := &s.bg
	if mb == (Mailbox{}) || b.folder() == mb {
		return nil
	}
	data, err := c.Select(string(mb.Name), &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		b.setBox(c, Mailbox{})
		return serverErr("EXAMINE "+cleanLine(mb.Name), err)
	}
	if data.UIDValidity != mb.UIDValidity {
		b.setBox(c, Mailbox{})
		return ErrStale
	}
	b.setBox(c, mb)
	return nil
}
