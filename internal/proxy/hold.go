package proxy

import (
	"bufio"
	"sync"
	"time"
)

// Hold is one HoldAnswer rule. Started closes when the matching command
// is on its way to the server; Released when the held answer starts on its way
// to the client.
type Hold struct {
	Started, Released chan struct{}

	match   func(string) bool
	d       time.Duration
	once    sync.Once // the rule fires once
	release chan struct{}
	relOnce sync.Once
}

// Release lets the held answer through now, before its time is up: a
// test that orders events by the hold holds for long and releases.
func (h *Hold) Release() { h.relOnce.Do(func() { close(h.release) }) }

// gate pauses one connection's server-to-client lines until a time.
type gate struct {
	mu    sync.Mutex
	until time.Time
	hold  *Hold
}

// HoldAnswer holds the server's answer to the first client line for which
// match is true, for d: from the moment that line is forwarded, nothing
// more reaches the client on that connection until d has passed, as with
// a server that takes d to answer. Other connections are not held. What the
// server answered just before but sends after that line is held too (the
// OK of a DONE the client sent in the same breath), which a real slow
// server would not do.
func (p *Proxy) HoldAnswer(match func(line string) bool, d time.Duration) *Hold {
	h := &Hold{Started: make(chan struct{}), Released: make(chan struct{}), match: match, d: d,
		release: make(chan struct{})}
	p.mu.Lock()
	p.holds = append(p.holds, h)
	p.mu.Unlock()
	return h
}

// sent arms g when a client line matches a hold that has not fired yet.
func (p *Proxy) sent(g *gate, line string) {
	p.mu.Lock()
	holds := p.holds
	p.mu.Unlock()
	for _, h := range holds {
		if !h.match(line) {
			continue
		}
		fired := false
		h.once.Do(func() {
			fired = true
			g.mu.Lock()
			g.until, g.hold = time.Now().Add(h.d), h
			g.mu.Unlock()
			close(h.Started)
		})
		if fired {
			return
		}
	}
}

// armed says whether the next server line will be held.
func (g *gate) armed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hold != nil
}

// wait blocks a server line while g holds the connection.
func (g *gate) wait() {
	g.mu.Lock()
	until, h := g.until, g.hold
	g.until, g.hold = time.Time{}, nil
	g.mu.Unlock()
	if h == nil {
		return
	}
	t := time.NewTimer(time.Until(until))
	defer t.Stop()
	select {
	case <-t.C:
	case <-h.release:
	}
	close(h.Released)
}

// AfterForward runs fn on the proxy's goroutine right after each line has
// gone out (flushed, or queued when delayed), before the proxy does
// anything more on that side; fn may block, so that a test can make
// something happen exactly then (the server's answer to that line).
func (p *Proxy) AfterForward(fn func(dir Direction, line string)) {
	p.mu.Lock()
	p.after = fn
	p.mu.Unlock()
}

// forwarded flushes line and runs the AfterForward hook, if there is one.
func (p *Proxy) forwarded(dir Direction, line string, w *bufio.Writer) bool {
	p.mu.Lock()
	fn := p.after
	p.mu.Unlock()
	if fn == nil {
		return true
	}
	if w.Flush() != nil {
		return false
	}
	fn(dir, line)
	return true
}
