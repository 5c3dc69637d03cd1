package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/internal/memtest"
)

// Where things are in runFlow's 100×30 terminal, counted as a terminal
// counts (0-based cells): the folder pane is 25 cells wide, its first
// folder on line 1 under the border; the list's column header is on line
// 1 and its first row on line 2.
const (
	flowFolderX = 5
	flowListX   = 50
)

func flowFolderY(i int) int { return 1 + i }
func flowRowY(i int) int    { return 2 + i }

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

func wheelAt(x, y int, down bool) tea.MouseMsg {
	b := tea.MouseButtonWheelUp
	if down {
		b = tea.MouseButtonWheelDown
	}
	return tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress}
}

// mouseServer has INBOX with n plain messages and the folders Alpha and
// Beta; Beta holds one message, "Plain message 77".
func mouseServer(t *testing.T, n int) *memtest.Server {
	srv := memtest.Start(t, memtest.Options{})
	srv.Create(t, "Alpha")
	srv.Create(t, "Beta")
	srv.Append(t, "Beta", plainMessage(77))
	for i := 1; i <= n; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	return srv
}

func quitFlow(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	send(tm, "q", "q", "q")
	return finalModel(t, tm)
}

// TestMouseFlowClickFolderOpensIt: a click on a folder's row opens it.
func TestMouseFlowClickFolderOpensIt(t *testing.T) {
	tm := memFlow(t, mouseServer(t, 3), testOptions())
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 3", "Beta")
	tm.Send(click(flowFolderX, flowFolderY(2))) // INBOX, Alpha, Beta
	waitScreen(t, tm, "Beta [READ-WRITE]", "Plain message 77")
	if fm := quitFlow(t, tm); fm.folders.Active() != "Beta" {
		t.Fatalf("open folder %q, want Beta", fm.folders.Active())
	}
}

// TestMouseFlowClickRowThenEnter: a click puts the cursor on a row, so
// Enter opens that message, not the first.
func TestMouseFlowClickRowThenEnter(t *testing.T) {
	tm := memFlow(t, mouseServer(t, 5), testOptions())
	waitRow(t, tm, 1)
	tm.Send(click(flowListX, flowRowY(2))) // newest first: 5, 4, 3
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 3.")
	quitFlow(t, tm)
}

// TestMouseFlowDoubleClickOpens: two clicks on one row open its message.
// The test clock stands still, so the two are always close enough.
func TestMouseFlowDoubleClickOpens(t *testing.T) {
	tm := memFlow(t, mouseServer(t, 5), testOptions())
	waitRow(t, tm, 1)
	tm.Send(click(flowListX, flowRowY(3)))
	tm.Send(click(flowListX, flowRowY(3)))
	waitScreen(t, tm, "Hello number 2.")
	quitFlow(t, tm)
}

// TestMouseFlowWheelScrollsList: the wheel scrolls the list three rows a
// notch, and the cursor comes along when its row leaves the screen.
func TestMouseFlowWheelScrollsList(t *testing.T) {
	tm := memFlow(t, mouseServer(t, 40), testOptions())
	waitRow(t, tm, 16) // 25 rows: 40 down to 16
	tm.Send(wheelAt(flowListX, flowRowY(5), true))
	tm.Send(wheelAt(flowListX, flowRowY(5), true))
	waitRow(t, tm, 10) // rows 6 to 30: 34 down to 10
	send(tm, "enter")  // the cursor was dragged from the top row to row 6
	waitScreen(t, tm, "Hello number 34.")
	send(tm, "q")
	waitRow(t, tm, 10) // the list again
	tm.Send(wheelAt(flowListX, flowRowY(5), false))
	waitRow(t, tm, 37) // rows 3 to 27: 37 down to 13
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 34.") // still on screen: the cursor stays
	fm := quitFlow(t, tm)
	if fm.list.offset != 3 {
		t.Fatalf("list offset %d after two notches down and one up, want 3", fm.list.offset)
	}
}

// longMessage has a body of n numbered lines.
func longMessage(n int) []byte {
	var b strings.Builder
	b.WriteString("From: Long <l@example.org>\r\nTo: alice@example.org\r\nSubject: Long letter\r\n" +
		"Date: Sat, 01 Nov 2025 10:00:00 +0000\r\nMessage-ID: <long@example.org>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Body line %03d\r\n", i)
	}
	return []byte(b.String())
}

// TestMouseFlowWheelScrollsViewer: over the open message the wheel
// scrolls its text; over the folder pane it leaves the text alone.
func TestMouseFlowWheelScrollsViewer(t *testing.T) {
	srv := mouseServer(t, 0)
	srv.Append(t, "INBOX", longMessage(100))
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "Long letter")
	send(tm, "enter")
	waitScreen(t, tm, "Body line 001", "Body line 010")
	for range 10 {
		tm.Send(wheelAt(flowListX, 10, true))
	}
	waitScreen(t, tm, "Body line 031", "Body line 050")
	tm.Send(wheelAt(flowFolderX, 10, true)) // the folder pane: not the text
	tm.Send(wheelAt(flowListX, 10, false))
	fm := quitFlow(t, tm)
	if off := fm.reader.Offset(); off != 27 {
		t.Fatalf("viewer offset %d after ten notches down and one up, want 27", off)
	}
}

// TestMouseFlowOffIgnoresClicks: with NoMouse (mouse = false) clicks and
// the wheel do nothing: Enter opens the first row, not the clicked one.
func TestMouseFlowOffIgnoresClicks(t *testing.T) {
	opts := testOptions()
	opts.NoMouse = true
	tm := memFlow(t, mouseServer(t, 5), opts)
	waitRow(t, tm, 1)
	tm.Send(click(flowFolderX, flowFolderY(2)))
	tm.Send(click(flowListX, flowRowY(3)))
	tm.Send(wheelAt(flowListX, flowRowY(3), true))
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 5.")
	if fm := quitFlow(t, tm); fm.folders.Active() != "INBOX" {
		t.Fatalf("open folder %q, want INBOX", fm.folders.Active())
	}
}

// TestMouseFlowOverlayTakesTheMouse: while help is open, a click on a
// folder or a row does nothing.
func TestMouseFlowOverlayTakesTheMouse(t *testing.T) {
	tm := memFlow(t, mouseServer(t, 5), testOptions())
	waitRow(t, tm, 1)
	send(tm, "?")
	tm.Send(click(flowFolderX, flowFolderY(2)))
	tm.Send(click(flowListX, flowRowY(3)))
	send(tm, "q", "enter") // help closes; the list still has the focus
	waitScreen(t, tm, "Hello number 5.")
	if fm := quitFlow(t, tm); fm.folders.Active() != "INBOX" {
		t.Fatalf("open folder %q, want INBOX", fm.folders.Active())
	}
}

// TestMouseFlowWheelScrollsFolders: the wheel over the folder tree
// scrolls it, and the folder cursor comes along; nothing opens.
func TestMouseFlowWheelScrollsFolders(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= 40; i++ {
		srv.Create(t, fmt.Sprintf("Box%02d", i))
	}
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Box25") // 26 lines: INBOX, Box01 to Box25
	for range 4 {
		tm.Send(wheelAt(flowFolderX, 10, true))
	}
	waitScreen(t, tm, "Box37") // rows 12 to 37
	send(tm, "tab", "enter")   // the cursor left the top with the rows: Box12
	waitScreen(t, tm, "Box12 [READ-WRITE]")
	quitFlow(t, tm)
}
