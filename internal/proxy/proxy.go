// Package proxy is a loopback TCP proxy for tests that need a connection to
// fail at a chosen moment, or a server that hides a capability.
package proxy

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Direction says which way a line travels.
type Direction int

const (
	ToServer Direction = iota
	ToClient
)

// Proxy forwards 127.0.0.1 connections to a target, line by line.
type Proxy struct {
	Addr string

	target string
	ln     net.Listener

	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	cutWhen func(Direction, string) bool
	silence func(Direction, string) bool
	hide    []string
	refuse  bool
	inject  []injection
	strict  bool
	broken  []string // client lines that used a hidden capability
	holds   []*Hold
	latency time.Duration // added to each direction: the round trip grows by twice this
	after   func(Direction, string)
}

// injection is one InjectAfter rule; it fires once.
type injection struct {
	after func(Direction, string) bool
	lines []string
}

// Start listens on a free loopback port and forwards to target.
func Start(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	go p.accept()
	t.Cleanup(func() {
		ln.Close()
		p.CutAll()
	})
	return p
}

// CutAll closes every open connection, as a network failure would.
func (p *Proxy) CutAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
}

// SilenceWhen makes a connection go silent in one direction from the first
// line for which fn is true: that line and every later one that way are
// dropped, and the connection stays open, as with a server that hangs.
func (p *Proxy) SilenceWhen(fn func(dir Direction, line string) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.silence = fn
}

// CutWhen cuts every connection just before a line for which fn is true
// would be forwarded; the line is not delivered. nil stops cutting.
func (p *Proxy) CutWhen(fn func(dir Direction, line string) bool) {
	p.mu.Lock()
	p.cutWhen = fn
	p.mu.Unlock()
}

// InjectAfter sends lines, once, right after the first line for which fn
// is true has been forwarded; they travel the same way as that line (to
// the client after a server line). Each line should end in CRLF; one is
// added when missing. Rules fire in the order they were added.
func (p *Proxy) InjectAfter(fn func(dir Direction, line string) bool, lines ...string) {
	p.mu.Lock()
	p.inject = append(p.inject, injection{after: fn, lines: lines})
	p.mu.Unlock()
}

// injected takes the lines due after line, removing the rules that fired.
func (p *Proxy) injected(dir Direction, line string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	keep := p.inject[:0]
	for _, in := range p.inject {
		if in.after(dir, line) {
			for _, l := range in.lines {
				if !strings.HasSuffix(l, "\n") {
					l += "\r\n"
				}
				out = append(out, l)
			}
			continue
		}
		keep = append(keep, in)
	}
	p.inject = keep
	return out
}

// HideCapability removes a capability name from the server's lines.
func (p *Proxy) HideCapability(names ...string) {
	p.mu.Lock()
	p.hide = append(p.hide, names...)
	p.mu.Unlock()
}

// Strict makes a command that needs a hidden capability a violation: it
// is recorded (Violations) and, but for LITERAL+ (whose data follows),
// replaced by a command the server refuses with BAD.
func (p *Proxy) Strict() {
	p.mu.Lock()
	p.strict = true
	p.mu.Unlock()
}

// Violations lists the client's lines that needed a hidden capability,
// with the capability, e.g. "MOVE: T7 UID MOVE 3 Archive".
func (p *Proxy) Violations() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.broken...)
}

// Delay adds d to the round trip of connections opened from now on: each
// line reaches the other side d/2 after the proxy read it, as over a
// slower network; lines keep their order and do not wait for each other.
func (p *Proxy) Delay(d time.Duration) {
	p.mu.Lock()
	p.latency = d / 2
	p.mu.Unlock()
}

// Refuse makes new connections fail at once (a server that is down).
func (p *Proxy) Refuse(refuse bool) {
	p.mu.Lock()
	p.refuse = refuse
	p.mu.Unlock()
}

func (p *Proxy) accept() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refuse := p.refuse
		p.mu.Unlock()
		if refuse {
			client.Close()
			continue
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		p.mu.Lock()
		p.conns[client], p.conns[server] = struct{}{}, struct{}{}
		g := &gate{}
		lat := p.latency
		p.mu.Unlock()
		go p.pipe(client, server, ToServer, g, lat)
		go p.pipe(server, client, ToClient, g, lat)
	}
}

func (p *Proxy) pipe(from, to net.Conn, dir Direction, g *gate, lat time.Duration) {
	var out chan<- timedLine
	if lat > 0 {
		out = delayed(to, lat)
		defer close(out)
	}
	defer func() {
		from.Close()
		to.Close()
		p.mu.Lock()
		delete(p.conns, from)
		delete(p.conns, to)
		p.mu.Unlock()
	}()
	r := bufio.NewReader(from)
	// Lines go out in the blocks they came in, flushed before the reader
	// would wait for more: a write per line cost 50,000-message fetches
	// (BenchmarkClientSort50k) a system call on each side for every line.
	w := bufio.NewWriterSize(to, 64<<10)
	silent := false
	for {
		line, err := r.ReadString('\n')
		due := time.Now().Add(lat)
		// Without a delay a line goes into w, flushed before the proxy
		// waits for more, holds an answer or cuts.
		write := func(s string) bool {
			if out == nil {
				_, werr := w.WriteString(s)
				return werr == nil
			}
			out <- timedLine{s, due}
			return true
		}
		if line != "" {
			p.mu.Lock()
			cut := p.cutWhen != nil && p.cutWhen(dir, line)
			silent = silent || (p.silence != nil && p.silence(dir, line))
			hide := p.hide
			p.mu.Unlock()
			if cut {
				w.Flush() // what came before the cut gets through
				p.CutAll()
				return
			}
			if silent {
				if w.Flush() != nil || err != nil {
					return
				}
				continue
			}
			if dir == ToClient && strings.Contains(line, "CAPABILITY") {
				line = hideWords(line, hide)
			}
			if dir == ToServer {
				line = p.check(line, hide)
				// Armed before the line goes out: the server's answer can
				// come back before the write returns.
				p.sent(g, line)
			} else {
				if g.armed() && w.Flush() != nil {
					return
				}
				g.wait()
			}
			if !write(line) {
				return
			}
			if !p.forwarded(dir, line, w) {
				return
			}
			for _, extra := range p.injected(dir, line) {
				if !write(extra) {
					return
				}
			}
		}
		if err != nil {
			w.Flush()
			return
		}
		if !lineBuffered(r) && w.Flush() != nil {
			return
		}
	}
}

// lineBuffered reports whether a whole line is buffered, so the next read
// does not wait.
func lineBuffered(r *bufio.Reader) bool {
	b, _ := r.Peek(r.Buffered())
	return bytes.IndexByte(b, '\n') >= 0
}

// check records a client line that needs a hidden capability and, in
// strict mode, turns it into an unknown command of the same tag.
func (p *Proxy) check(line string, hide []string) string {
	p.mu.Lock()
	strict := p.strict
	p.mu.Unlock()
	if !strict {
		return line
	}
	c := needs(line, hide)
	if c == "" {
		return line
	}
	p.mu.Lock()
	p.broken = append(p.broken, c+": "+strings.TrimRight(line, "\r\n"))
	p.mu.Unlock()
	if c == "LITERAL+" {
		return line
	}
	return strings.Fields(line)[0] + " XHIDDEN-" + c + "\r\n"
}

// hideWords drops whole space-separated words, keeping the line's ending.
func hideWords(line string, words []string) string {
	if len(words) == 0 {
		return line
	}
	body := strings.TrimRight(line, "\r\n")
	end := line[len(body):]
	fields := strings.Split(body, " ")
	out := fields[:0]
	for _, f := range fields {
		keep := true
		for _, w := range words {
			if strings.EqualFold(strings.Trim(f, "[]"), w) {
				keep = false
			}
		}
		switch {
		case keep:
			out = append(out, f)
		case strings.HasSuffix(f, "]") && len(out) > 0:
			out[len(out)-1] += "]" // keep the response code closed
		}
	}
	return strings.Join(out, " ") + end
}

type timedLine struct {
	s   string
	due time.Time
}

// delayed writes each line it is given to to when the line is due, in
// order; a failed write closes to, which ends the other direction too.
func delayed(to net.Conn, lat time.Duration) chan<- timedLine {
	ch := make(chan timedLine, 1024)
	go func() {
		for l := range ch {
			<-time.After(time.Until(l.due))
			if _, err := io.WriteString(to, l.s); err != nil {
				to.Close()
				for range ch {
				}
				return
			}
		}
	}()
	return ch
}
