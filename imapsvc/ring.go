package imapsvc

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// traceKeep is how many trace lines the console can scroll back through,
// and traceRingLine how much of each it keeps: at most about 2 MiB in all.
const (
	traceKeep     = 2000
	traceRingLine = 1 << 10
)

// ring keeps the newest redacted trace lines for the protocol console.
// The tap writes it on the reader goroutine; Trace reads it from any.
// Once full, a new line overwrites the oldest in place: shifting the
// others down cost a copy of 2,000 strings per line, more than parsing
// the line (a FETCH of 50,000 headers).
type ring struct {
	mu    sync.Mutex
	lines []string
	total int // lines ever added; positions count from the first
}

func newRing(n int) *ring { return &ring{lines: make([]string, 0, n)} }

func (r *ring) add(line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	line = shorten(line, traceRingLine)
	if len(r.lines) < cap(r.lines) {
		r.lines = append(r.lines, line)
	} else {
		r.lines[r.total%len(r.lines)] = line
	}
	r.total++
}

// at is the kept line at position pos (counted from the first ever added).
func (r *ring) at(pos int) string { return r.lines[pos%cap(r.lines)] }

// shorten cuts line to at most n bytes, on a character boundary, and says
// how much was left out. The copy does not share the long line's memory.
func shorten(line string, n int) string {
	if len(line) <= n {
		return line
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	return strings.Clone(line[:cut]) + fmt.Sprintf(" … (%d bytes in all)", len(line))
}

// since returns the kept lines after position after, sanitized.
func (r *ring) since(after int) TraceLines {
	r.mu.Lock()
	defer r.mu.Unlock()
	first := r.total - len(r.lines)
	start := max(0, after-first)
	out := TraceLines{Next: r.total}
	for pos := first + min(start, len(r.lines)); pos < r.total; pos++ {
		out.Lines = append(out.Lines, cleanLine(r.at(pos)))
	}
	return out
}

// Trace returns the account's protocol trace (credentials redacted) after
// position after; pass the Next of the previous answer to get only new
// lines. It never waits for the connection.
func (s *Service) Trace(after int) TraceLines { return s.tap.ring.since(after) }

// alert tells the UI about a BYE or [ALERT] and remembers a BYE for the
// notice when the connection then closes.
func (s *Service) alert(text string) {
	text = cleanLine(text)
	if strings.HasPrefix(strings.ToUpper(text), "BYE") {
		s.bye = text
	}
	s.emit(ServerAlert{Text: text})
}
