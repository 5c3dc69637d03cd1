package imapsvc

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
)

// limitConn is the connection go-imap reads from. It checks the server's
// bytes against the limits before the library buffers them, and while
// tern is connecting it holds every read and write to the current step's
// deadline, whatever deadline the library asks for meanwhile.
type limitConn struct {
	net.Conn
	prefix []byte // bytes to deliver before the connection's own

	mu        sync.Mutex
	scan      literalScanner
	broken    error // the limit the server broke; every Read returns it
	onLimit   func(error)
	step      string    // the connecting step under way, "" once connected
	stepAt    time.Time // its deadline
	libRead   time.Time // the deadlines go-imap asked for
	libWrite  time.Time
	timedOut  string // the step whose deadline passed
	stepAfter time.Duration
	// gate, while open, keeps what the server sent from go-imap; see
	// holdReads.
	gate chan struct{}
	// gated, for tests, is told when the server's bytes wait at the gate.
	gated func()
}

func newLimitConn(c net.Conn, prefix []byte) *limitConn {
	return &limitConn{Conn: c, prefix: prefix}
}

func (l *limitConn) Read(p []byte) (int, error) {
	l.mu.Lock()
	if l.broken != nil {
		l.mu.Unlock()
		return 0, l.broken
	}
	var n int
	var err error
	if len(l.prefix) > 0 {
		n = copy(p, l.prefix)
		l.prefix = l.prefix[n:]
		l.mu.Unlock()
	} else {
		l.mu.Unlock()
		n, err = l.Conn.Read(p)
	}
	l.mu.Lock()
	for gate := l.gate; gate != nil; gate = l.gate {
		gated := l.gated
		l.mu.Unlock()
		if gated != nil && n > 0 {
			gated()
		}
		<-gate
		l.mu.Lock()
	}
	if n > 0 {
		if lerr := l.scan.feed(p[:n]); lerr != nil {
			l.broken = lerr
			onLimit := l.onLimit
			l.mu.Unlock()
			if onLimit != nil {
				onLimit(lerr)
			}
			return 0, lerr
		}
	}
	l.noteTimeout(err)
	l.mu.Unlock()
	return n, err
}

func (l *limitConn) Write(p []byte) (int, error) {
	l.releaseReads() // a command is on its way: its answer may be needed
	n, err := l.Conn.Write(p)
	l.mu.Lock()
	l.noteTimeout(err)
	l.mu.Unlock()
	return n, err
}

// holdReads keeps the server's bytes from go-imap until the next Write or
// the returned release, so that go-imap's state (its capability set)
// cannot change in between: tern checks MOVE, then imapclient.Move checks
// it again before it writes, and a CAPABILITY read in that gap would turn
// Move into its unsafe fallback. Releasing on Write keeps a command that
// waits for the server's "+" (a literal) from waiting for itself.
func (l *limitConn) holdReads() (release func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.gate == nil {
		l.gate = make(chan struct{})
	}
	return l.releaseReads
}

func (l *limitConn) releaseReads() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.gate != nil {
		close(l.gate)
		l.gate = nil
	}
}

// noteTimeout remembers that the current step ran out of time.
func (l *limitConn) noteTimeout(err error) {
	if err != nil && l.step != "" && errors.Is(err, os.ErrDeadlineExceeded) && !time.Now().Before(l.stepAt) {
		l.timedOut = l.step
	}
}

// setStep starts a connecting step with its own deadline; "" ends the
// connecting and gives go-imap its own deadlines back.
func (l *limitConn) setStep(step string, after time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.step, l.stepAfter, l.stepAt = step, after, time.Time{}
	if step != "" {
		l.stepAt = time.Now().Add(after)
	}
	l.Conn.SetReadDeadline(l.earliest(l.libRead))
	l.Conn.SetWriteDeadline(l.earliest(l.libWrite))
}

// earliest is t, or the step's deadline when that comes first.
func (l *limitConn) earliest(t time.Time) time.Time {
	if l.stepAt.IsZero() || (!t.IsZero() && t.Before(l.stepAt)) {
		return t
	}
	return l.stepAt
}

func (l *limitConn) SetDeadline(t time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.libRead, l.libWrite = t, t
	if err := l.Conn.SetReadDeadline(l.earliest(t)); err != nil {
		return err
	}
	return l.Conn.SetWriteDeadline(l.earliest(t))
}

func (l *limitConn) SetReadDeadline(t time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.libRead = t
	return l.Conn.SetReadDeadline(l.earliest(t))
}

func (l *limitConn) SetWriteDeadline(t time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.libWrite = t
	return l.Conn.SetWriteDeadline(l.earliest(t))
}

// setOnLimit names what to do when the server breaks a limit after the
// connection is up. f runs on go-imap's reader goroutine: it must not
// block, nor close the client (Close waits for that goroutine).
func (l *limitConn) setOnLimit(f func(error)) {
	l.mu.Lock()
	l.onLimit = f
	l.mu.Unlock()
}

// failure explains why a connecting step failed with err: a broken limit
// or the step's deadline, when either is the cause.
func (l *limitConn) failure(host string, err error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken != nil {
		return l.broken
	}
	if l.timedOut != "" {
		return &StepTimeout{Host: host, Step: l.timedOut, After: l.stepAfter}
	}
	return err
}

// StepTimeout is a connecting step the server did not finish in time.
type StepTimeout struct {
	Host  string
	Step  string // "TCP connect", "TLS handshake", "greeting", "STARTTLS", "CAPABILITY", "login"
	After time.Duration
}

func (e *StepTimeout) Error() string {
	return fmt.Sprintf("%s: no answer to the %s within %s", e.Host, e.Step, e.After)
}

// Is makes errors.Is(err, os.ErrDeadlineExceeded) true.
func (e *StepTimeout) Is(target error) bool { return target == os.ErrDeadlineExceeded }
