package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
)

// rowsAsked presses keys on m and returns the model and the answer to the
// Rows request they sent, not yet delivered; it fails t if none was sent.
func rowsAsked(t *testing.T, m Model, keys ...string) (Model, rowsMsg) {
	t.Helper()
	var rows []rowsMsg
	for _, k := range keys {
		next, cmd := m.Update(press(k))
		m = next.(Model)
		for _, msg := range runCmd(cmd) {
			if r, ok := msg.(rowsMsg); ok {
				rows = append(rows, r)
				continue
			}
			m = drive(t, m, msg).(Model)
		}
	}
	if len(rows) != 1 {
		t.Fatalf("%d Rows requests sent", len(rows))
	}
	return m, rows[0]
}

// TestListRowsSpinner: the spinner turns while the list's Rows request is
// in flight and stops with its answer, as for every other call.
func TestListRowsSpinner(t *testing.T) {
	frame := ansi.Strip(spinner.Dot.Frames[0])
	m := start(t, quiet(200), testOptions())
	if strings.Contains(statusBar(m), frame) {
		t.Fatalf("spinner with nothing in flight: %q", statusBar(m))
	}
	m, rows := rowsAsked(t, m, "G")
	if !strings.Contains(statusBar(m), frame) {
		t.Fatalf("no spinner while rows are fetched: %q", statusBar(m))
	}
	m = drive(t, m, rows).(Model)
	if strings.Contains(statusBar(m), frame) {
		t.Fatalf("spinner after the rows came: %q", statusBar(m))
	}
	if !strings.Contains(screen(m), "Message number 1 ") {
		t.Fatalf("the rows are not shown:\n%s", screen(m))
	}
}

// TestListStaleRowsDropped: an answer to a Rows request that no longer
// counts changes nothing, neither the rows nor the message line: one
// asked before the folder was opened again (an older request), one for
// another folder, one for the folder's old UIDVALIDITY.
func TestListStaleRowsDropped(t *testing.T) {
	sent := imapsvc.Mailbox{Name: "Sent", UIDValidity: 9}
	oldInbox := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 6}
	tests := []struct {
		name  string
		stale func(t *testing.T, m Model, r rowsMsg) (Model, rowsMsg)
	}{
		{"older request", func(t *testing.T, m Model, r rowsMsg) (Model, rowsMsg) {
			next, cmd := m.openFolder("INBOX", false) // the same folder again: a new request
			return drive(t, next, runCmd(cmd)...).(Model), r
		}},
		{"another folder", func(t *testing.T, m Model, r rowsMsg) (Model, rowsMsg) {
			r.mb = sent
			return m, r
		}},
		{"old UIDVALIDITY", func(t *testing.T, m Model, r rowsMsg) (Model, rowsMsg) {
			r.mb = oldInbox
			return m, r
		}},
	}
	for _, tt := range tests {
		for _, failed := range []bool{false, true} {
			name := tt.name
			if failed {
				name += ", failed"
			}
			t.Run(name, func(t *testing.T) {
				m := start(t, quiet(200), testOptions())
				m, r := rowsAsked(t, m, "G")
				m, r = tt.stale(t, m, r)
				if len(r.list.Rows) == 0 {
					t.Fatal("the answer holds no rows")
				}
				for i := range r.list.Rows {
					r.list.Rows[i].Subject = "STALE"
				}
				if failed {
					r.list.Rows, r.err = nil, &imapsvc.ServerError{Op: "UID FETCH", Text: "STALE failure"}
				}
				// The list and the message line; the spinner stops, as the
				// request is answered.
				before, notice := ansi.Strip(m.list.view()), m.status.notice
				next, _ := m.Update(r)
				m = next.(Model)
				if after := ansi.Strip(m.list.view()); after != before || m.status.notice != notice {
					t.Errorf("changed: notice %q, list:\n%s", m.status.notice, after)
				}
				for u, row := range m.list.rows {
					if row.Subject == "STALE" {
						t.Fatalf("stale row %d kept", u)
					}
				}
				// The list still fetches what it shows.
				m = drive(t, m, keys("G")...).(Model)
				if s := screen(m); strings.Contains(s, "STALE") || !strings.Contains(s, "Message number 1 ") {
					t.Fatalf("after G:\n%s", s)
				}
			})
		}
	}
}
