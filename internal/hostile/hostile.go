// Package hostile is a scripted IMAP server on loopback for tests of what a
// misbehaving server can do to a client: stay silent at any step, announce
// absurd sizes, send huge literals or any bytes at all.
//
// Each accepted connection is answered by a small built-in responder that
// is just good enough for a client to log in and open a folder (greeting,
// CAPABILITY, STARTTLS, LOGIN, AUTHENTICATE PLAIN, SELECT/EXAMINE, IDLE,
// NOOP, LOGOUT; anything else gets a bare OK), unless Options.Handle
// answers a command itself. A test then takes the
// connection with Next and writes what it likes with Send, Write or
// SendLiteral. Options.SilentAt makes the server stop answering at a chosen
// step, and SetSilentAt changes that for later connections (e.g. to make a
// reconnect hang).
package hostile

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Steps SilentAt accepts besides a command name such as "CAPABILITY",
// "LOGIN", "AUTHENTICATE", "STARTTLS" or "SELECT".
const (
	// Greeting: accept the connection and never send a byte.
	Greeting = "greeting"
	// TLSHandshake: with Options.TLS, accept TCP but never start TLS.
	TLSHandshake = "tls"
)

// Options shape the server. The zero value greets, offers IDLE and
// AUTH=PLAIN and accepts any user and password.
type Options struct {
	// TLS, when set, serves implicit TLS with this config.
	TLS *tls.Config
	// StartTLS, when set, offers STARTTLS and upgrades with this config.
	StartTLS *tls.Config
	// Caps is the CAPABILITY list (default "IMAP4rev1 IDLE AUTH=PLAIN").
	Caps string
	// Exists is the message count SELECT reports (UIDs are 1..Exists).
	Exists uint32
	// SilentAt is the step at which the server stops answering (it keeps
	// reading, so the client's writes do not block).
	SilentAt string
	// Handle, when set, sees every command first (cmd upper-cased; for
	// "UID FETCH" cmd is "UID" and args starts with "FETCH"). Returning
	// true means it answered; false leaves the command to the built-in
	// responder.
	Handle func(c *Conn, tag, cmd, args string) bool
}

// Server is a running scripted server.
type Server struct {
	Addr  string
	Host  string
	Port  int
	opts  Options
	mu    sync.Mutex
	conns chan *Conn
	// selected gets each connection when it first opens a folder: tern
	// may open side connections that never select.
	selected chan *Conn
}

// Start serves on 127.0.0.1 until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Caps == "" {
		opts.Caps = "IMAP4rev1 IDLE AUTH=PLAIN"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s := &Server{Addr: addr.String(), Host: "127.0.0.1", Port: addr.Port, opts: opts,
		conns: make(chan *Conn, 16), selected: make(chan *Conn, 16)}
	var wg sync.WaitGroup
	var open []net.Conn
	var openMu sync.Mutex
	t.Cleanup(func() {
		ln.Close()
		openMu.Lock()
		for _, c := range open {
			c.Close()
		}
		openMu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			raw, err := ln.Accept()
			if err != nil {
				return
			}
			openMu.Lock()
			open = append(open, raw)
			openMu.Unlock()
			c := newConn(raw, s.options())
			c.selectedTo = s.selected
			select {
			case s.conns <- c:
			default: // nobody asked for it; it is served all the same
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.serve()
			}()
		}
	}()
	return s
}

// SetSilentAt changes the step at which later connections go silent.
func (s *Server) SetSilentAt(step string) {
	s.mu.Lock()
	s.opts.SilentAt = step
	s.mu.Unlock()
}

func (s *Server) options() Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts
}

// Next waits (up to 30 s) for the next connection the server accepted.
func (s *Server) Next(t testing.TB) *Conn {
	t.Helper()
	select {
	case c := <-s.conns:
		return c
	case <-time.After(30 * time.Second):
		t.Fatal("hostile: no connection within 30 s")
		return nil
	}
}

// NextSelected returns the next connection that selects a folder, once
// its SELECT has been answered: tern's main connection. EXAMINE does not
// count: tern's background and keys connections examine the folder too,
// and a test that took one of them for the main one would script the
// wrong connection.
func (s *Server) NextSelected(t testing.TB) *Conn {
	t.Helper()
	select {
	case c := <-s.selected:
		return c
	case <-time.After(30 * time.Second):
		t.Fatal("hostile: no connection selected a folder within 30 s")
		return nil
	}
}

// Conn is one client connection.
type Conn struct {
	opts Options
	wmu  sync.Mutex
	conn net.Conn
	r    *bufio.Reader
	// Selected is closed once SELECT or EXAMINE has been answered.
	Selected   chan struct{}
	selOnce    sync.Once
	rwOnce     sync.Once // the first SELECT, for NextSelected
	selectedTo chan<- *Conn
}

func newConn(raw net.Conn, opts Options) *Conn {
	return &Conn{opts: opts, conn: raw, Selected: make(chan struct{})}
}

// Close hangs up.
func (c *Conn) Close() { c.conn.Close() }

// Send writes each line followed by CRLF.
func (c *Conn) Send(lines ...string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l + "\r\n")
	}
	return c.Write([]byte(b.String()))
}

// Write writes raw bytes.
func (c *Conn) Write(p []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.conn.Write(p)
	return err
}

// SendLiteral writes prefix, a literal of n bytes of 'x' and suffix+CRLF,
// from a small buffer: n can be far larger than this process could hold.
// It stops at the first write error (the client hung up) and returns it.
func (c *Conn) SendLiteral(prefix string, n int64, suffix string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.conn, "%s{%d}\r\n", prefix, n); err != nil {
		return err
	}
	chunk := []byte(strings.Repeat("x", 32<<10))
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := c.conn.Write(chunk[:k]); err != nil {
			return err
		}
		n -= k
	}
	_, err := io.WriteString(c.conn, suffix+"\r\n")
	return err
}

// serve runs the built-in responder until the client goes.
func (c *Conn) serve() {
	defer c.conn.Close()
	silent := strings.ToUpper(c.opts.SilentAt)
	if c.opts.TLS != nil {
		if silent == strings.ToUpper(TLSHandshake) {
			io.Copy(io.Discard, c.conn)
			return
		}
		tc := tls.Server(c.conn, c.opts.TLS)
		if tc.Handshake() != nil {
			return
		}
		c.wmu.Lock()
		c.conn = tc
		c.wmu.Unlock()
	}
	c.r = bufio.NewReader(c.conn)
	if silent == strings.ToUpper(Greeting) {
		io.Copy(io.Discard, c.r)
		return
	}
	c.Send("* OK hostile IMAP server ready")
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return
		}
		tag, cmd, args := split(strings.TrimRight(line, "\r\n"))
		if cmd == silent {
			io.Copy(io.Discard, c.r)
			return
		}
		if c.opts.Handle != nil && c.opts.Handle(c, tag, cmd, args) {
			continue
		}
		if !c.answer(tag, cmd, args) {
			return
		}
	}
}

// answer replies to one command; false ends the connection.
func (c *Conn) answer(tag, cmd, args string) bool {
	caps := c.opts.Caps
	if c.opts.StartTLS != nil {
		if _, ok := c.conn.(*tls.Conn); !ok {
			caps += " STARTTLS"
		}
	}
	switch cmd {
	case "CAPABILITY":
		c.Send("* CAPABILITY "+caps, tag+" OK CAPABILITY done")
	case "STARTTLS":
		if c.opts.StartTLS == nil {
			c.Send(tag + " BAD STARTTLS not offered")
			return true
		}
		c.Send(tag + " OK begin TLS")
		tc := tls.Server(c.conn, c.opts.StartTLS)
		if tc.Handshake() != nil {
			return false
		}
		c.wmu.Lock()
		c.conn = tc
		c.wmu.Unlock()
		c.r = bufio.NewReader(tc)
	case "LOGIN":
		// The raw connections send the user name and password as
		// synchronizing literals, each after the server's "+".
		for line := args; strings.HasSuffix(line, "}"); {
			var n int
			if _, err := fmt.Sscanf(line[strings.LastIndexByte(line, '{'):], "{%d}", &n); err != nil || n < 0 || n > 1<<16 {
				return false
			}
			c.Send("+ go on")
			if _, err := io.CopyN(io.Discard, c.r, int64(n)); err != nil {
				return false
			}
			rest, err := c.r.ReadString('\n')
			if err != nil {
				return false
			}
			line = strings.TrimRight(rest, "\r\n")
		}
		c.Send(tag + " OK [CAPABILITY " + caps + "] logged in")
	case "AUTHENTICATE":
		if !strings.Contains(args, " ") { // no initial response: ask for it
			c.Send("+ ")
			if _, err := c.r.ReadString('\n'); err != nil {
				return false
			}
		}
		c.Send(tag + " OK [CAPABILITY " + caps + "] logged in")
	case "SELECT", "EXAMINE":
		n := c.opts.Exists
		c.Send(fmt.Sprintf("* %d EXISTS", n), "* FLAGS (\\Seen \\Deleted)",
			"* OK [UIDVALIDITY 1] ok", fmt.Sprintf("* OK [UIDNEXT %d] ok", n+1),
			tag+" OK [READ-WRITE] selected")
		c.selOnce.Do(func() { close(c.Selected) })
		if cmd == "SELECT" {
			c.rwOnce.Do(func() {
				select {
				case c.selectedTo <- c:
				default: // nobody is waiting for it
				}
			})
		}
	case "IDLE":
		c.Send("+ idling")
		if _, err := c.r.ReadString('\n'); err != nil { // DONE
			return false
		}
		c.Send(tag + " OK IDLE done")
	case "LOGOUT":
		c.Send("* BYE bye", tag+" OK LOGOUT done")
		return false
	case "UID":
		// tern trusts UID SEARCH for a folder's size, so the messages
		// EXISTS announced are listed (a plain SEARCH answer, no ESEARCH).
		if sub, _, _ := strings.Cut(args, " "); strings.EqualFold(sub, "SEARCH") {
			c.Send(searchAnswer(c.opts.Exists), tag+" OK SEARCH done")
			return true
		}
		c.Send(tag + " OK UID done")
	default:
		c.Send(tag + " OK " + cmd + " done")
	}
	return true
}

// searchAnswer lists UIDs 1..n, or none when n is too large to list.
func searchAnswer(n uint32) string {
	var b strings.Builder
	b.WriteString("* SEARCH")
	for i := uint32(1); i <= n && n <= maxListed; i++ {
		fmt.Fprintf(&b, " %d", i)
	}
	return b.String()
}

// maxListed bounds what searchAnswer spells out.
const maxListed = 100000

// split parses "tag COMMAND args" ("UID FETCH" counts as FETCH's name
// "UID").
func split(line string) (tag, cmd, args string) {
	tag, rest, _ := strings.Cut(line, " ")
	cmd, args, _ = strings.Cut(rest, " ")
	return tag, strings.ToUpper(cmd), args
}
