package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/requests"
)

// consolePoll is how often the open console reads new trace lines.
const consolePoll = 250 * time.Millisecond

// consoleKeep bounds the console's own transcript.
const consoleKeep = 1000

// consoleModel is the protocol console: the live trace of the main
// connection on top, a telnet-like session on a second connection below.
type consoleModel struct {
	keys   keymap.ConsoleKeys
	styles *themes.Styles
	input  textinput.Model
	gen    int // generation of the trace poll; older ticks are dropped
	conn   imapsvc.Console
	trace  []string
	next   int
	lines  []string // the raw session's transcript
	back   int      // how many lines the trace is scrolled back
}

type (
	consoleTraceMsg struct {
		gen   int
		lines imapsvc.TraceLines
	}
	consoleReplyMsg struct {
		id    requests.ID
		conn  imapsvc.Console // set when this command opened the connection
		reply imapsvc.RawReply
		err   error
	}
)

func newConsoleModel(keys keymap.ConsoleKeys, st *themes.Styles) consoleModel {
	return consoleModel{keys: keys, styles: st, input: newInput("raw> ", st.Cmdline)}
}

func (c consoleModel) helpKeys() help.KeyMap { return c.keys }

func (m Model) openConsole() (Model, tea.Cmd) {
	c := &m.admin.console
	c.gen++
	c.lines = append(c.lines, "Raw commands run on a separate connection, logged in as you: they cannot change the main connection's state.",
		"The tag is added for you. Type NOOP, CAPABILITY, STATUS INBOX (MESSAGES RECENT)…")
	return m.openLayer(layer{kind: layerConsole}), tea.Batch(c.input.Focus(), m.pollTrace(0))
}

// pollTrace reads trace lines after the given position, now or after
// consolePoll.
func (m Model) pollTrace(delay time.Duration) tea.Cmd {
	b, gen, next := m.backend, m.admin.console.gen, m.admin.console.next
	read := func(time.Time) tea.Msg { return consoleTraceMsg{gen: gen, lines: b.Trace(next)} }
	if delay == 0 {
		return func() tea.Msg { return read(time.Now()) }
	}
	return tea.Tick(delay, read)
}

func (m Model) consoleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	c := &m.admin.console
	switch {
	case key.Matches(msg, c.keys.Close):
		c.gen++
		c.input.Blur()
		conn := c.conn
		c.conn = nil
		m = m.closeKind(layerConsole)
		if conn == nil {
			return m, nil
		}
		return m, func() tea.Msg { conn.Close(); return nil }
	case key.Matches(msg, c.keys.Scroll):
		c.back = min(len(c.trace), c.back+10)
		return m, nil
	case key.Matches(msg, c.keys.Latest):
		c.back = max(0, c.back-10)
		return m, nil
	case key.Matches(msg, c.keys.Send):
		line := strings.TrimSpace(c.input.Value())
		if line == "" || m.reqs.InFlight(reqConsole) > 0 {
			return m, nil
		}
		c.input.SetValue("")
		return m, m.sendRaw(line)
	}
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(msg)
	return m, cmd
}

// sendRaw opens the console connection when needed and sends one line.
func (m Model) sendRaw(line string) tea.Cmd {
	id, b, conn := m.reqs.Start(reqConsole), m.backend, m.admin.console.conn
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		var opened imapsvc.Console
		if conn == nil {
			var err error
			if conn, err = b.OpenConsole(ctx); err != nil {
				return consoleReplyMsg{id: id, err: err}
			}
			opened = conn
		}
		r, err := conn.Send(ctx, line)
		return consoleReplyMsg{id: id, conn: opened, reply: r, err: err}
	})
}

func (m Model) handleConsoleResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	c := &m.admin.console
	switch msg := msg.(type) {
	case consoleTraceMsg:
		if msg.gen != c.gen || !m.isOpen(layerConsole) {
			return m, nil, true
		}
		from := len(c.trace)
		c.trace = keepLast(orderTrace(append(c.trace, msg.lines.Lines...), from), consoleKeep)
		c.next = msg.lines.Next
		return m, m.pollTrace(consolePoll), true
	case consoleReplyMsg:
		m.reqs.Finish(msg.id)
		var closeCmd tea.Cmd
		if msg.conn != nil {
			if m.isOpen(layerConsole) {
				c.conn = msg.conn
			} else { // the console was closed while the command ran
				conn := msg.conn
				closeCmd = func() tea.Msg { conn.Close(); return nil }
			}
		}
		if msg.reply.Sent != "" {
			c.lines = append(c.lines, "C: "+msg.reply.Sent)
		}
		for i, l := range msg.reply.Lines {
			if i == msg.reply.Done && i > 0 {
				c.lines = append(c.lines, "C: DONE") // the console's own, to end IDLE
			}
			c.lines = append(c.lines, "S: "+l)
		}
		if msg.err != nil {
			c.lines = append(c.lines, "!! "+errText(msg.err))
			c.conn = nil // reopened on the next command
		}
		c.lines = keepLast(c.lines, consoleKeep)
		return m, closeCmd, true
	}
	return m, nil, false
}

// goTagged is a line with one of go-imap's tags (T1, T2...): a command, or
// the server's tagged answer when the word after it is OK, NO or BAD.
var goTagged = regexp.MustCompile(`^(T[0-9]+) ([A-Za-z]+)`)

// orderReach bounds how far back orderTrace looks for an answer.
const orderReach = 200

// orderTrace puts each command from lines[from:] that follows its own
// answer back before that answer. go-imap tees what it writes into the
// trace after sending it, so the reader may tee the server's answer first.
// The answer starts after the nearest tagged line, DONE or continuation.
func orderTrace(lines []string, from int) []string {
	for i := max(from, 1); i < len(lines); i++ {
		m := goTagged.FindStringSubmatch(lines[i])
		if m == nil || isTaggedStatus(m[2]) {
			continue
		}
		ans := -1
		for j := i - 1; j >= max(0, i-orderReach); j-- {
			if a := goTagged.FindStringSubmatch(lines[j]); a != nil && a[1] == m[1] && isTaggedStatus(a[2]) {
				ans = j
				break
			}
		}
		if ans < 0 {
			continue
		}
		start := ans
		for start > 0 && !traceBoundary(lines[start-1]) {
			start--
		}
		cmd := lines[i]
		copy(lines[start+1:i+1], lines[start:i])
		lines[start] = cmd
	}
	return lines
}

func isTaggedStatus(word string) bool {
	switch strings.ToUpper(word) {
	case "OK", "NO", "BAD":
		return true
	}
	return false
}

func traceBoundary(l string) bool {
	return goTagged.MatchString(l) || l == "DONE" || strings.HasPrefix(l, "+")
}

func keepLast(lines []string, n int) []string {
	if len(lines) > n {
		return append([]string(nil), lines[len(lines)-n:]...)
	}
	return lines
}

// view draws the console in width×height: trace above, session below.
func (c consoleModel) view(width, height int) string {
	inner := max(1, width-2)
	title := c.styles.Help.Title.Render(fit("Protocol console — main connection trace (credentials redacted)", inner))
	sessTitle := c.styles.Help.Title.Render(fit("Raw session on a separate connection (Esc closes)", inner))
	avail := max(2, height-2-3) // borders, two titles, input
	traceH := avail / 2
	sessH := avail - traceH
	end := max(0, len(c.trace)-c.back)
	body := []string{title}
	body = append(body, tail(c.trace[:end], traceH, inner)...)
	body = append(body, sessTitle)
	body = append(body, tail(c.lines, sessH, inner)...)
	c.input.Width = max(1, inner-6)
	body = append(body, c.input.View())
	return c.styles.Border.Focused.Width(inner).Render(strings.Join(body, "\n"))
}

// tail is the last n lines fitted to width, padded to n lines.
func tail(lines []string, n, width int) []string {
	out := make([]string, 0, n)
	for _, l := range lines[max(0, len(lines)-n):] {
		out = append(out, fit(l, width))
	}
	for len(out) < n {
		out = append(out, "")
	}
	return out
}
