package proxy

import (
	"io"
	"time"
)

// SetDelay makes the connections opened from now on deliver every line d
// after it was read, in each direction, as a distant server would: a
// round trip gains 2d. Lines keep their order and are not slowed by one
// another (latency, not bandwidth).
func (p *Proxy) SetDelay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = d
}

// lagWriter writes what it is given d after it was given, on a goroutine
// of its own.
type lagWriter struct {
	w     io.Writer
	d     time.Duration
	queue chan lagged
	done  chan struct{}
}

type lagged struct {
	b   []byte
	due time.Time
}

func newLagWriter(c io.Writer, d time.Duration) *lagWriter {
	w := &lagWriter{w: c, d: d, queue: make(chan lagged, 4096), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *lagWriter) Write(b []byte) (int, error) {
	w.queue <- lagged{b: append([]byte(nil), b...), due: time.Now().Add(w.d)}
	return len(b), nil
}

func (w *lagWriter) run() {
	defer close(w.done)
	for item := range w.queue {
		time.Sleep(time.Until(item.due)) // the simulated distance
		if _, err := w.w.Write(item.b); err != nil {
			for range w.queue { // drop the rest; the reader sees the close
			}
			return
		}
	}
}

// close lets what is queued go out, then returns.
func (w *lagWriter) close() {
	close(w.queue)
	<-w.done
}
