package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func cmdKeys(line string) []tea.Msg {
	return append(append([]tea.Msg{press(":")}, typed(line)...), press("enter"))
}

// TestLaterSuccessClearsError: an error stays on the message line until
// something the user asks for afterwards succeeds; then the line shows
// the help again instead of the old error.
func TestLaterSuccessClearsError(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m = drive(t, m, cmdKeys("select Nope")...).(Model)
	if !strings.Contains(screen(m), "Mailbox doesn't exist: Nope") {
		t.Fatalf("error not shown:\n%s", screen(m))
	}
	m = drive(t, m, keys("enter")...).(Model) // opening a message succeeds
	if s := screen(m); strings.Contains(s, "doesn't exist") || !strings.Contains(s, "Body of message 3") {
		t.Fatalf("the old error stayed after a success:\n%s", s)
	}
}

// TestNewerErrorStays: a success clears only errors older than the call
// that succeeded; an error reported while it ran is newer news and stays.
func TestNewerErrorStays(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m, sel := m.openFolder("Sent", false)
	m = drive(t, m, noticeMsg{text: "ALERT: maintenance at noon", err: true}).(Model)
	m = drive(t, m, runCmd(sel)...).(Model)
	if s := screen(m); !strings.Contains(s, "Sent [READ-WRITE]") || !strings.Contains(s, "ALERT: maintenance at noon") {
		t.Fatalf("the newer error went away:\n%s", s)
	}
}
