package console

import (
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

func TestGoldenConsole(t *testing.T) {
	st := themes.Default()
	c := New(keymap.DefaultKeyMap().Console, &st)
	c.trace = []string{"T1 CAPABILITY", "* CAPABILITY IMAP4rev1 IDLE", "T1 OK done", "T2 LOGIN alice <redacted>", "T2 OK Logged in"}
	c, _ = consoleReply(c, imapsvc.RawReply{Tag: "C2", Sent: "C2 NOOP", Lines: []string{"C2 OK NOOP completed"}, Status: "OK"})
	golden.RequireEqual(t, []byte(ansi.Strip(c.View(80, 20))))
}

func consoleReply(c Model, r imapsvc.RawReply) (Model, tea.Cmd) {
	c, cmd, _ := c.Update(Reply{Reply: r})
	return c, cmd
}

// TestConsoleOwnDone: the DONE the console sends to end IDLE is the
// client's line, not the server's.
func TestConsoleOwnDone(t *testing.T) {
	st := themes.Default()
	c := New(keymap.DefaultKeyMap().Console, &st)
	c, _ = consoleReply(c, imapsvc.RawReply{Tag: "C3", Sent: "C3 IDLE", Done: 1,
		Lines: []string{"+ idling", "C3 OK Idle completed"}, Status: "OK"})
	want := []string{"C: C3 IDLE", "S: + idling", "C: DONE", "S: C3 OK Idle completed"}
	if got := c.lines[len(c.lines)-4:]; !slices.Equal(got, want) {
		t.Fatalf("transcript = %q, want %q", got, want)
	}
}

// TestConsoleTraceOrder: a command the tap saw after its own answer is put
// back before it; well-ordered traces are left alone.
func TestConsoleTraceOrder(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{
			in:   []string{"T4 OK Select completed", "T5 OK Noop completed", "T5 NOOP"},
			want: []string{"T4 OK Select completed", "T5 NOOP", "T5 OK Noop completed"},
		},
		{
			in:   []string{"T1 OK done", "* STATUS INBOX (MESSAGES 3)", "T2 OK Status completed", "T2 STATUS INBOX (MESSAGES)"},
			want: []string{"T1 OK done", "T2 STATUS INBOX (MESSAGES)", "* STATUS INBOX (MESSAGES 3)", "T2 OK Status completed"},
		},
		{
			in:   []string{"T2 NOOP", "* 4 EXISTS", "T2 OK done", "T3 IDLE", "+ idling", "DONE", "T3 OK Idle done"},
			want: []string{"T2 NOOP", "* 4 EXISTS", "T2 OK done", "T3 IDLE", "+ idling", "DONE", "T3 OK Idle done"},
		},
	} {
		got := orderTrace(slices.Clone(tc.in), 0)
		if !slices.Equal(got, tc.want) {
			t.Errorf("orderTrace(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
