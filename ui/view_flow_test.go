package ui

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/internal/memtest"
)

// memInbox starts the embedded server (no SORT, no THREAD) with n plain
// messages and tern on it, with INBOX on screen.
func memInbox(t *testing.T, n int) (*memtest.Server, *teatest.TestModel) {
	t.Helper()
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= n; i++ {
		srv.Append(t, "INBOX", plainMessage(i))
	}
	tm := memFlow(t, srv, testOptions())
	waitScreen(t, tm, "Plain message 1", "INBOX [READ-WRITE]")
	return srv, tm
}

// waitRow waits for message i's row in the list: its From and Subject
// columns apart by spaces, unlike the new-mail notice ("From — Subject").
func waitRow(t *testing.T, tm *teatest.TestModel, i int) {
	t.Helper()
	row := regexp.MustCompile(fmt.Sprintf(`Sender %d +Plain message %d `, i, i))
	var last []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		last = append(last, b...)
		return row.Match(last)
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestFlowBottomOfViewThenNewMail is issue 10's crash: a view other than
// arrival order, G, new mail, Enter opened row -1. Now Enter opens the
// message the cursor was on.
func TestFlowBottomOfViewThenNewMail(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(tm *teatest.TestModel)
	}{
		{"sort", func(tm *teatest.TestModel) { send(tm, "o"); waitScreen(t, tm, "sorted by arrival") }},
		{"threads", func(tm *teatest.TestModel) { send(tm, "T"); waitScreen(t, tm, "the server has no THREAD") }},
		{"search then Esc", func(tm *teatest.TestModel) {
			send(tm, "o")
			waitScreen(t, tm, "sorted by arrival")
			send(tm, "/")
			sendText(tm, "plain")
			send(tm, "enter")
			waitScreen(t, tm, "8 messages match")
			send(tm, "esc")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, tm := memInbox(t, 8)
			tc.setup(tm)
			send(tm, "G")
			bottom := "Hello number 1." // threads and arrival order: the oldest is last
			if tc.name != "threads" {
				bottom = "Hello number 8." // sorted by arrival: the newest is last
			}
			srv.Append(t, "INBOX", plainMessage(9))
			srv.Append(t, "INBOX", plainMessage(10))
			waitScreen(t, tm, "10 exists")
			send(tm, "enter")
			waitScreen(t, tm, bottom)
			send(tm, "q", "q")
			tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
		})
	}
}

// TestFlowCursorStaysOnItsMessage: sorted, five rows down, two messages
// arrive: the cursor is on the same message, so d would delete that one.
func TestFlowCursorStaysOnItsMessage(t *testing.T) {
	srv, tm := memInbox(t, 8)
	send(tm, "o")
	waitScreen(t, tm, "sorted by arrival")
	send(tm, "g", "j", "j", "j", "j", "j") // row 5: Plain message 6
	srv.Append(t, "INBOX", plainMessage(9))
	srv.Append(t, "INBOX", plainMessage(10))
	waitScreen(t, tm, "10 exists")
	send(tm, "enter")
	waitScreen(t, tm, "Hello number 6.")
	send(tm, "q", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(Model)
	if u, _ := fm.list.selected(); u != 6 {
		t.Fatalf("cursor on UID %d, want 6", u)
	}
}

// TestFlowNewMailShowsInViews: new mail shows in a sorted and a threaded
// view, sorted and threaded here (the embedded server has neither).
func TestFlowNewMailShowsInViews(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []string // a key, then the note to wait for
	}{
		{"sorted by arrival", []string{"o", "sorted by arrival"}},
		{"sorted by date", []string{"o", "sorted by arrival", "o", "sorted by date"}},
		{"threads", []string{"T", "threads by References"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, tm := memInbox(t, 5)
			for i := 0; i < len(tc.steps); i += 2 {
				send(tm, tc.steps[i])
				waitScreen(t, tm, tc.steps[i+1])
			}
			srv.Append(t, "INBOX", plainMessage(6))
			waitRow(t, tm, 6)
			send(tm, "q")
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(Model)
			if fm.list.index(6) < 0 {
				t.Fatalf("UID 6 not shown: %v", fm.list.disp().Rows())
			}
		})
	}
}
