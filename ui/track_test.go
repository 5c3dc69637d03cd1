package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
)

// statusBar is the screen's status bar line.
func statusBar(m Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-2]
}

// TestSpinnerAfterDisconnect: the connection drops while a panel is asked
// for, so nothing is in flight any more; the panel's answer still comes.
// A call started afterwards must turn the spinner: with counters, the
// late answer took the count below zero and hid the next call.
func TestSpinnerAfterDisconnect(t *testing.T) {
	frame := ansi.Strip(spinner.Dot.Frames[0])
	m := start(t, quiet(3), testOptions())
	m, first := m.serverPanel()
	m = drive(t, m, eventMsg{imapsvc.StateChanged{State: imapsvc.StateDisconnected}}).(Model)
	m = drive(t, m, runCmd(first)...).(Model)
	if strings.Contains(statusBar(m), frame) {
		t.Fatalf("spinner with nothing in flight: %q", statusBar(m))
	}
	m, second := m.serverPanel()
	if !strings.Contains(statusBar(m), frame) {
		t.Fatalf("no spinner while a call is in flight: %q", statusBar(m))
	}
	m = drive(t, m, runCmd(second)...).(Model)
	if strings.Contains(statusBar(m), frame) {
		t.Fatalf("spinner after the answer: %q", statusBar(m))
	}
}

// TestActivityFromTracker: the status bar names what is in flight, and
// a superseded SELECT no longer counts.
func TestActivityFromTracker(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m, first := m.openFolder("Sent", false)
	m, second := m.openFolder("INBOX", false)
	if got := m.activity(); got != "opening folder" || m.reqs.InFlight(reqSelect) != 1 {
		t.Fatalf("activity %q with %d selects in flight", got, m.reqs.InFlight(reqSelect))
	}
	m = drive(t, m, runCmd(first)...).(Model) // stale: dropped
	if s := screen(m); strings.Contains(s, "Sent [READ-WRITE]") || !m.busy() {
		t.Fatalf("the superseded answer was used or ended the wait:\n%s", s)
	}
	m = drive(t, m, runCmd(second)...).(Model)
	if m.busy() || !strings.Contains(screen(m), "INBOX [READ-WRITE]") {
		t.Fatalf("busy %v after the answer:\n%s", m.busy(), screen(m))
	}
}
