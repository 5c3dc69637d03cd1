package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/ui/requests"
)

// TestStaleResultsDropped feeds answers that no longer match what the
// model is showing; none of them may change it.
func TestStaleResultsDropped(t *testing.T) {
	inbox := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}
	oldInbox := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 6}
	sent := imapsvc.Mailbox{Name: "Sent", UIDValidity: 9}
	bogus := imapsvc.Row{UID: 4, Subject: "STALE"}
	tests := []struct {
		name string
		msg  func(m Model) tea.Msg
	}{
		{"select answer of an older request", func(m Model) tea.Msg {
			return selectedMsg{id: staleID(m, reqSelect), name: "Sent", sel: imapsvc.Selection{Mailbox: sent, Newest: []imapsvc.Row{bogus}}}
		}},
		{"rows for another folder", func(m Model) tea.Msg {
			return rowsMsg{mb: sent, id: m.reqs.StartLatest(reqRows), list: imapsvc.RowList{Mailbox: sent, Rows: []imapsvc.Row{bogus}}}
		}},
		{"rows for an old UIDVALIDITY", func(m Model) tea.Msg {
			return rowsMsg{mb: oldInbox, id: m.reqs.StartLatest(reqRows), list: imapsvc.RowList{Rows: []imapsvc.Row{bogus}}}
		}},
		{"rows with a request id not in flight", func(m Model) tea.Msg {
			return rowsMsg{mb: inbox, id: staleID(m, reqRows), list: imapsvc.RowList{Rows: []imapsvc.Row{bogus}}}
		}},
		{"details with an old id", func(m Model) tea.Msg {
			return detailsMsg{mb: inbox, id: staleID(m, reqDetails), list: imapsvc.DetailList{Rows: []imapsvc.Row{{UID: 4, Size: 1, HasDetails: true}}}}
		}},
		{"uids for another folder", func(m Model) tea.Msg {
			return uidsMsg{mb: sent, id: m.reqs.StartLatest(reqUIDs), list: imapsvc.UIDList{Mailbox: sent, UIDs: []imapsvc.UID{1}}}
		}},
		{"message answer after the viewer moved on", func(m Model) tea.Msg {
			return messageMsg{id: staleID(m, reqMessage), mb: inbox, uid: 4, msg: imapsvc.Message{Subject: "STALE", Text: "STALE"}}
		}},
		{"message of another folder", func(m Model) tea.Msg {
			return messageMsg{id: m.reqs.StartLatest(reqMessage), mb: sent, uid: 4, msg: imapsvc.Message{Subject: "STALE", Text: "STALE"}}
		}},
		{"stale error from the service", func(m Model) tea.Msg {
			return rowsMsg{mb: inbox, id: m.reqs.StartLatest(reqRows), err: fmt.Errorf("wrapped: %w", imapsvc.ErrStale)}
		}},
		{"event for another folder", func(m Model) tea.Msg {
			return eventMsg{imapsvc.FlagsChanged{Mailbox: sent, UID: 4, Flags: imapsvc.Flags{Flagged: true}}}
		}},
		{"expunge for an old UIDVALIDITY", func(m Model) tea.Msg {
			return eventMsg{imapsvc.Expunged{Mailbox: oldInbox, UID: 4}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := start(t, quiet(3), testOptions())
			m = drive(t, m, keys("enter", "esc")...).(Model) // a message was opened
			before := screen(m)
			after := screen(drive(t, m, tt.msg(m)))
			if after != before {
				t.Errorf("screen changed:\n%s", after)
			}
		})
	}
}

// staleID is the ID of a call of kind k that a newer one has superseded;
// nothing is left in flight.
func staleID(m Model, k requests.Kind) requests.ID {
	old := m.reqs.StartLatest(k)
	m.reqs.Finish(m.reqs.StartLatest(k))
	return old
}

// TestSeenFlagOnOpen: opening a message read-write marks its row seen and
// lowers the unseen count; read-only leaves both alone.
func TestSeenFlagOnOpen(t *testing.T) {
	for _, ro := range []bool{false, true} {
		f := quiet(3)
		m := start(t, f, testOptions())
		if ro {
			m = drive(t, m, append([]tea.Msg{press(":")}, append(typed("examine INBOX"), press("enter"))...)...).(Model)
		}
		m = drive(t, m, keys("enter")...).(Model)
		seen := m.list.rows[6].Flags.Seen
		if seen == ro || (m.status.unseen == 0) == ro {
			t.Errorf("readOnly=%v: row seen %v, unseen %d", ro, seen, m.status.unseen)
		}
		if want := fmt.Sprintf("FETCH 6 seen=%v", !ro); f.callLog()[len(f.callLog())-1] != want {
			t.Errorf("last call %q want %q", f.callLog()[len(f.callLog())-1], want)
		}
	}
}

func TestFolderCollapseExpand(t *testing.T) {
	m := start(t, quiet(1), testOptions())
	m = drive(t, m, keys("tab", "j")...).(Model) // on Archive
	n := paneRows(m)
	m = drive(t, m, keys("h")...).(Model)
	if paneRows(m) != n-1 {
		t.Fatalf("collapse: %d rows, want %d", paneRows(m), n-1)
	}
	m = drive(t, m, keys("space")...).(Model)
	if paneRows(m) != n {
		t.Fatalf("toggle: %d rows, want %d", paneRows(m), n)
	}
	m = drive(t, m, keys("j", "h")...).(Model) // on 2024: h goes to the parent
	if got, _ := m.folders.Cursor(); got.Path != "Archive" {
		t.Fatalf("h on a leaf went to %q", got.Path)
	}
}

func TestCountsPending(t *testing.T) {
	f := quiet(2)
	f.pending = true
	f.counts = map[imapsvc.FolderName]imapsvc.Counts{"Sent": {Messages: 3, Unseen: 2}}
	m := start(t, f, testOptions())
	if got := count(m, "Sent"); got.Messages != 3 || got.Unseen != 2 {
		t.Errorf("Sent counts %+v", got)
	}
	if m.busy() {
		t.Errorf("still busy: %s", m.activity())
	}
}

// TestRowsErrorShownOnce: a failed Rows request is reported and its UIDs
// are not asked for again in a loop; the rest of the UI keeps working.
func TestRowsErrorShownOnce(t *testing.T) {
	f := quiet(200)
	f.rowsErr = &imapsvc.ServerError{Op: "UID FETCH", Text: "[UNAVAILABLE] try later"}
	m := start(t, f, testOptions())
	m = drive(t, m, keys("G")...).(Model)
	out := screen(m)
	if !strings.Contains(out, "UID FETCH: [UNAVAILABLE] try later") || !strings.Contains(out, "unavailable)") {
		t.Errorf("error not shown:\n%s", out)
	}
	rows := 0
	for _, c := range f.callLog() {
		if strings.HasPrefix(c, "ROWS") {
			rows++
		}
	}
	if rows != 1 {
		t.Errorf("%d Rows requests, want 1", rows)
	}
	m = drive(t, m, keys("g", "enter")...).(Model)
	if !m.reader.Shown() || !strings.Contains(screen(m), "Body of message 200") {
		t.Errorf("viewer does not work after the error:\n%s", screen(m))
	}
}

// paneRows counts the folder pane's rows on the screen.
func paneRows(m Model) int {
	return len(strings.Split(strings.TrimRight(ansi.Strip(m.folders.View(false)), " \n"), "\n"))
}

// count is a folder's counts in the folder pane.
func count(m Model, name imapsvc.FolderName) imapsvc.Counts {
	c, _ := m.folders.Count(name)
	return c
}
