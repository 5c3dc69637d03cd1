package console

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// fakeConn is a console connection that records Close.
type fakeConn struct{ closed chan struct{} }

func (c *fakeConn) Send(context.Context, string) (imapsvc.RawReply, error) {
	return imapsvc.RawReply{}, nil
}
func (c *fakeConn) Close() error { close(c.closed); return nil }

func newConsole() Model {
	st := themes.Default()
	return New(keymap.DefaultKeyMap().Console, &st)
}

func typeLine(c Model, s string) Model {
	for _, r := range s {
		c, _, _ = c.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}, true)
	}
	return c
}

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
)

func TestConsolePolls(t *testing.T) {
	c, _, it := newConsole().Open()
	if it != (Poll{Gen: 1, Next: 0}) {
		t.Fatalf("Open asked %#v, want an immediate poll of generation 1", it)
	}
	c, _, it = c.Update(Traced{Gen: 1, Lines: imapsvc.TraceLines{Lines: []string{"T1 NOOP", "T1 OK done"}, Next: 2}})
	if it != (Poll{Gen: 1, Next: 2, Delay: PollEvery}) {
		t.Fatalf("after a trace answer: %#v, want the next poll from 2", it)
	}
	if s := ansi.Strip(c.View(80, 20)); !strings.Contains(s, "T1 NOOP") {
		t.Fatalf("trace not shown:\n%s", s)
	}
	c, _, it = c.Key(esc, true)
	if it != (Close{}) {
		t.Fatalf("Esc asked %#v", it)
	}
	// A poll of the closed console's generation stops there.
	if _, _, it = c.Update(Traced{Gen: 1, Lines: imapsvc.TraceLines{Next: 3}}); it != nil {
		t.Fatalf("stale trace answer asked %#v", it)
	}
	if _, _, it = c.Open(); it != (Poll{Gen: 3, Next: 2}) {
		t.Fatalf("reopened: %#v, want generation 3 from 2", it)
	}
}

func TestConsoleSend(t *testing.T) {
	c, _, _ := newConsole().Open()
	c = typeLine(c, "NOOP")
	if _, _, it := c.Key(enter, false); it != nil {
		t.Fatalf("Enter while a line is on its way asked %#v", it)
	}
	c, _, it := c.Key(enter, true)
	if it != (Send{Line: "NOOP"}) {
		t.Fatalf("Enter asked %#v, want Send NOOP on a new connection", it)
	}
	if _, _, it = c.Key(enter, true); it != nil {
		t.Fatalf("Enter on an empty input asked %#v", it)
	}
	conn := &fakeConn{closed: make(chan struct{})}
	c, _, _ = c.Update(Reply{Conn: conn, Reply: imapsvc.RawReply{Sent: "C1 NOOP", Lines: []string{"C1 OK done"}}})
	c = typeLine(c, "CAPABILITY")
	if c, _, it = c.Key(enter, true); it != (Send{Line: "CAPABILITY", Conn: conn}) {
		t.Fatalf("second line asked %#v, want it on the open connection", it)
	}
	c, _, _ = c.Update(Reply{Err: "timed out waiting for the server"})
	if s := ansi.Strip(c.View(80, 20)); !strings.Contains(s, "!! timed out waiting for the server") || !strings.Contains(s, "S: C1 OK done") {
		t.Fatalf("transcript:\n%s", s)
	}
	c = typeLine(c, "NOOP")
	if _, _, it = c.Key(enter, true); it != (Send{Line: "NOOP"}) {
		t.Fatalf("after an error: %#v, want a new connection", it)
	}
}

func TestConsoleCloseClosesConn(t *testing.T) {
	c, _, _ := newConsole().Open()
	conn := &fakeConn{closed: make(chan struct{})}
	c, _, _ = c.Update(Reply{Conn: conn, Reply: imapsvc.RawReply{Sent: "C1 NOOP"}})
	_, cmd, it := c.Key(esc, true)
	if it != (Close{}) || cmd == nil {
		t.Fatalf("Esc: intent %#v, cmd %v", it, cmd)
	}
	cmd()
	select {
	case <-conn.closed:
	default:
		t.Fatal("closing the console left its connection open")
	}
}
