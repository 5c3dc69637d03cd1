package imapsvc

import (
	"context"
	"errors"
	"sync"
	"time"
)

// idleConn holds one of the account's extra logins (the side, background
// and keys connections): opened on first use, closed after idle unused, on
// Logout (reset) and on Close (close). C is the connection's type; shut
// closes one. A command in flight when it is closed fails at once.
type idleConn[C comparable] struct {
	use sync.Mutex // one caller at a time; held during I/O

	mu     sync.Mutex // guards the rest; never held during I/O
	c      C
	box    Mailbox // the folder examined on c; zero when none
	timer  *time.Timer
	closed bool
	failed time.Time // last failed login

	idle time.Duration
	shut func(C)
}

func newIdleConn[C comparable](idle time.Duration, shut func(C)) idleConn[C] {
	return idleConn[C]{idle: idle, shut: shut}
}

// with runs fn on the connection held, opened by open when there is none,
// one caller at a time. A connection fn failed on is dropped unless the
// error leaves it usable (a NO or BAD: usable says which; a stale folder);
// a kept one the server dropped unnoticed fails the first command, which
// is tried once more on a new login.
func (h *idleConn[C]) with(ctx context.Context, open func() (c C, reused bool, err error), fn func(C) error, usable func(error) bool) error {
	h.use.Lock()
	defer h.use.Unlock()
	for try := 0; ; try++ {
		c, reused, err := open()
		if err != nil {
			return err
		}
		err = fn(c)
		switch {
		case ctx.Err() != nil:
			h.drop(c)
			return err
		case err != nil && !errors.Is(err, ErrStale) && !usable(err):
			h.drop(c) // dead, or in an unknown state
			if reused && try == 0 {
				continue
			}
			return err
		}
		h.arm(c)
		return err
	}
}

// take stops the idle wait (its caller is about to use the connection)
// and returns the connection held (zero when none), whether it is closed
// for good, and when a login last failed.
func (h *idleConn[C]) take() (c C, closed bool, failed time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.timer != nil {
		h.timer.Stop()
	}
	return h.c, h.closed, h.failed
}

// keep holds c, just logged in; false when Close came meanwhile, and c is
// shut.
func (h *idleConn[C]) keep(c C) bool {
	h.mu.Lock()
	closed := h.closed
	if !closed {
		h.c, h.box, h.failed = c, Mailbox{}, time.Time{}
	}
	h.mu.Unlock()
	if closed {
		h.shut(c)
	}
	return !closed
}

// loginFailed records a failed login, so that the next try waits.
func (h *idleConn[C]) loginFailed() {
	h.mu.Lock()
	h.failed = time.Now()
	h.mu.Unlock()
}

// folder is the folder examined on the connection held.
func (h *idleConn[C]) folder() Mailbox {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.box
}

func (h *idleConn[C]) setBox(c C, mb Mailbox) {
	h.mu.Lock()
	if h.c == c {
		h.box = mb
	}
	h.mu.Unlock()
}

// arm keeps c and closes it after idle unused.
func (h *idleConn[C]) arm(c C) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.c != c {
		return
	}
	if h.timer != nil {
		h.timer.Stop()
	}
	h.timer = time.AfterFunc(h.idle, func() {
		if h.use.TryLock() { // in use: the next arm starts the wait again
			h.drop(c)
			h.use.Unlock()
		}
	})
}

// drop closes c if it is still the connection held.
func (h *idleConn[C]) drop(c C) {
	var zero C
	h.mu.Lock()
	held := h.c == c && c != zero
	if held {
		h.c, h.box = zero, Mailbox{}
	}
	h.mu.Unlock()
	if held {
		h.shut(c)
	}
}

// reset closes the connection held (Logout); a later login may open
// another.
func (h *idleConn[C]) reset() {
	var zero C
	h.mu.Lock()
	c := h.c
	h.c, h.box = zero, Mailbox{}
	if h.timer != nil {
		h.timer.Stop()
	}
	h.mu.Unlock()
	if c != zero {
		h.shut(c)
	}
}

// close ends the connection for good (Close).
func (h *idleConn[C]) close() {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	h.reset()
}
