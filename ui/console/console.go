// Package console is the protocol console: the live trace of the main
// connection on top, a telnet-like session on a second connection below.
// It owns its transcript, trace and input; what it wants done (read more
// trace, send a line, close) it returns as an Intent, and the root makes
// the calls and gives the answers back to Update.
package console

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// PollEvery is how often the open console reads new trace lines.
const PollEvery = 250 * time.Millisecond

// keep bounds the console's own transcript and trace.
const keep = 1000

// Model is the console overlay. Make it with New.
type Model struct {
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

// Intent is what the console asks the root to do; nil asks nothing.
type Intent interface{ isIntent() }

// Intents.
type (
	// Close asks the root to take the console off the stack.
	Close struct{}
	// Send asks the root to send one raw line on Conn, opening a console
	// connection first when Conn is nil; the answer is Reply.
	Send struct {
		Line string
		Conn imapsvc.Console
	}
	// Poll asks the root to read the trace from Next after Delay; the
	// answer is Traced with Gen.
	Poll struct {
		Gen, Next int
		Delay     time.Duration
	}
)

func (Close) isIntent() {}
func (Send) isIntent()  {}
func (Poll) isIntent()  {}

// Answers the console applies in Update.
type (
	// Traced is what the trace held after a Poll of generation Gen.
	Traced struct {
		Gen   int
		Lines imapsvc.TraceLines
	}
	// Reply answers Send. Conn is set when the send opened the connection;
	// Err is the error as the root words it, "" for none.
	Reply struct {
		Conn  imapsvc.Console
		Reply imapsvc.RawReply
		Err   string
	}
)

// New is a closed console.
func New(keys keymap.ConsoleKeys, st *themes.Styles) Model {
	in := textinput.New()
	in.Prompt = "raw> "
	in.PromptStyle, in.TextStyle = st.Cmdline.Prompt, st.Cmdline.Text
	in.Cursor.SetMode(cursor.CursorStatic)
	return Model{keys: keys, styles: st, input: in}
}

// HelpKeys are the console's bindings.
func (m Model) HelpKeys() help.KeyMap { return m.keys }

// Open starts a new generation of trace polls and focuses the input.
func (m Model) Open() (Model, tea.Cmd, Intent) {
	m.gen++
	m.lines = append(m.lines, "Raw commands run on a separate connection, logged in as you: they cannot change the main connection's state.",
		"The tag is added for you. Type NOOP, CAPABILITY, STATUS INBOX (MESSAGES RECENT)…")
	return m, m.input.Focus(), Poll{Gen: m.gen, Next: m.next}
}

// Key handles a key while the console is in front. canSend is false while
// a line is on its way: Enter then keeps the line in the input.
func (m Model) Key(msg tea.KeyMsg, canSend bool) (Model, tea.Cmd, Intent) {
	switch {
	case key.Matches(msg, m.keys.Close):
		m.gen++ // the poll in flight is dropped
		m.input.Blur()
		conn := m.conn
		m.conn = nil
		if conn == nil {
			return m, nil, Close{}
		}
		return m, func() tea.Msg { conn.Close(); return nil }, Close{}
	case key.Matches(msg, m.keys.Scroll):
		m.back = min(len(m.trace), m.back+10)
		return m, nil, nil
	case key.Matches(msg, m.keys.Latest):
		m.back = max(0, m.back-10)
		return m, nil, nil
	case key.Matches(msg, m.keys.Send):
		line := strings.TrimSpace(m.input.Value())
		if line == "" || !canSend {
			return m, nil, nil
		}
		m.input.SetValue("")
		return m, nil, Send{Line: line, Conn: m.conn}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, nil
}

// Update handles keys (as Key with sending allowed) and the answers.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd, Intent) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.Key(msg, true)
	case Traced:
		if msg.Gen != m.gen {
			return m, nil, nil
		}
		from := len(m.trace)
		m.trace = keepLast(orderTrace(append(m.trace, msg.Lines.Lines...), from), keep)
		m.next = msg.Lines.Next
		return m, nil, Poll{Gen: m.gen, Next: m.next, Delay: PollEvery}
	case Reply:
		if msg.Conn != nil {
			m.conn = msg.Conn
		}
		if msg.Reply.Sent != "" {
			m.lines = append(m.lines, "C: "+msg.Reply.Sent)
		}
		for i, l := range msg.Reply.Lines {
			if i == msg.Reply.Done && i > 0 {
				m.lines = append(m.lines, "C: DONE") // the console's own, to end IDLE
			}
			m.lines = append(m.lines, "S: "+l)
		}
		if msg.Err != "" {
			m.lines = append(m.lines, "!! "+msg.Err)
			m.conn = nil // reopened on the next command
		}
		m.lines = keepLast(m.lines, keep)
	}
	return m, nil, nil
}

// View draws the console in width×height: trace above, session below.
func (m Model) View(width, height int) string {
	inner := max(1, width-2)
	title := m.styles.Help.Title.Render(pane.Fit("Protocol console — main connection trace (credentials redacted)", inner))
	sessTitle := m.styles.Help.Title.Render(pane.Fit("Raw session on a separate connection (Esc closes)", inner))
	avail := max(2, height-2-3) // borders, two titles, input
	traceH := avail / 2
	sessH := avail - traceH
	end := max(0, len(m.trace)-m.back)
	body := []string{title}
	body = append(body, tail(m.trace[:end], traceH, inner)...)
	body = append(body, sessTitle)
	body = append(body, tail(m.lines, sessH, inner)...)
	m.input.Width = max(1, inner-6)
	body = append(body, m.input.View())
	return m.styles.Border.Focused.Width(inner).Render(strings.Join(body, "\n"))
}
