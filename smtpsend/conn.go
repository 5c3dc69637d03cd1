package smtpsend

import (
	"fmt"
	"net"
	"sync"
	"time"
)

// maxServerBytes bounds what one session may read from the server: the
// TLS handshake and the replies, which are small. go-smtp bounds a line
// but not a reply's number of lines.
const maxServerBytes = 1 << 20

// stepConn bounds every read and write: by the deadline go-smtp sets
// around a command and its reply, and, when it has cleared it (between
// commands and while the message is written, where go-smtp sets none), by
// a step per read or write, so that a server that stops reading the
// message is given up on.
type stepConn struct {
	net.Conn
	step time.Duration

	mu    sync.Mutex
	until time.Time // go-smtp's deadline; zero: a step per operation
	read  int64
}

func newStepConn(c net.Conn, step time.Duration) *stepConn {
	return &stepConn{Conn: c, step: step}
}

func (c *stepConn) deadline() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.until.IsZero() {
		return c.until
	}
	return time.Now().Add(c.step)
}

func (c *stepConn) Read(b []byte) (int, error) {
	c.Conn.SetReadDeadline(c.deadline())
	c.mu.Lock()
	left := maxServerBytes - c.read
	c.mu.Unlock()
	if left <= 0 {
		return 0, fmt.Errorf("the server sent more than %d KiB of replies", maxServerBytes>>10)
	}
	if int64(len(b)) > left {
		b = b[:left]
	}
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	c.read += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *stepConn) Write(b []byte) (int, error) {
	c.Conn.SetWriteDeadline(c.deadline())
	return c.Conn.Write(b)
}

// SetDeadline records go-smtp's (or the TLS handshake's) deadline.
func (c *stepConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.until = t
	return nil
}

func (c *stepConn) SetReadDeadline(t time.Time) error  { return c.SetDeadline(t) }
func (c *stepConn) SetWriteDeadline(t time.Time) error { return c.SetDeadline(t) }
