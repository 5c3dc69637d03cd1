package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/console"
	"tern/ui/requests"
)

// consoleReplyMsg answers a console Send; the root finishes the request
// and hands the reply to the console.
type consoleReplyMsg struct {
	id    requests.ID
	conn  imapsvc.Console // set when this command opened the connection
	reply imapsvc.RawReply
	err   error
}

func (m Model) openConsole() (Model, tea.Cmd) {
	var cmd tea.Cmd
	var it console.Intent
	m.admin.console, cmd, it = m.admin.console.Open()
	m = m.openLayer(layer{kind: layerConsole})
	m, more := m.consoleIntent(it)
	return m, tea.Batch(cmd, more)
}

// consoleKey gives a key to the console in front; a second line waits
// until the first is answered.
func (m Model) consoleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	var it console.Intent
	m.admin.console, cmd, it = m.admin.console.Key(msg, m.reqs.InFlight(reqConsole) == 0)
	m, more := m.consoleIntent(it)
	return m, tea.Batch(cmd, more)
}

// consoleIntent does what the console asked for.
func (m Model) consoleIntent(it console.Intent) (Model, tea.Cmd) {
	switch it := it.(type) {
	case console.Close:
		return m.closeKind(layerConsole), nil
	case console.Poll:
		b := m.backend
		read := func(time.Time) tea.Msg { return console.Traced{Gen: it.Gen, Lines: b.Trace(it.Next)} }
		if it.Delay == 0 {
			return m, func() tea.Msg { return read(time.Now()) }
		}
		return m, tea.Tick(it.Delay, read)
	case console.Send:
		return m, m.sendRaw(it.Line, it.Conn)
	}
	return m, nil
}

// sendRaw opens the console connection when needed and sends one line.
func (m Model) sendRaw(line string, conn imapsvc.Console) tea.Cmd {
	id, b := m.reqs.Start(reqConsole), m.backend
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
	switch msg := msg.(type) {
	case console.Traced:
		if !m.isOpen(layerConsole) {
			return m, nil, true
		}
		var cmd tea.Cmd
		var it console.Intent
		m.admin.console, cmd, it = m.admin.console.Update(msg)
		m, more := m.consoleIntent(it)
		return m, tea.Batch(cmd, more), true
	case consoleReplyMsg:
		m.reqs.Finish(msg.id)
		var closeCmd tea.Cmd
		if conn := msg.conn; conn != nil && !m.isOpen(layerConsole) {
			// The console was closed while the command ran.
			closeCmd, msg.conn = func() tea.Msg { conn.Close(); return nil }, nil
		}
		r := console.Reply{Conn: msg.conn, Reply: msg.reply}
		if msg.err != nil {
			r.Err = errText(msg.err)
		}
		m.admin.console, _, _ = m.admin.console.Update(r)
		return m, closeCmd, true
	}
	return m, nil, false
}
