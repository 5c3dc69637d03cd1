package ui

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/notify"
)

var inbox7 = imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}

func newRow(uid imapsvc.UID, subject string) imapsvc.Row {
	return imapsvc.Row{UID: uid, Date: testNow, From: "Newcomer", Subject: subject}
}

// TestNewMailKeepsCursor: new rows go on top; the cursor stays on the
// message it was on; a row delivered twice is listed once; the counts
// follow.
func TestNewMailKeepsCursor(t *testing.T) {
	f := quiet(10)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("j", "j")...).(Model)
	before, _ := m.list.selected()
	m = drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{newRow(100, "First"), newRow(101, "Second")}}}).(Model)
	m = drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{newRow(101, "Second")}}}).(Model)
	if after, _ := m.list.selected(); after != before {
		t.Fatalf("cursor moved from UID %d to %d", before, after)
	}
	if n := len(m.list.uids); n != 12 || m.list.uids[n-1] != 101 || m.list.uids[n-2] != 100 {
		t.Fatalf("uids = %v", m.list.uids)
	}
	out := screen(m)
	for _, want := range []string{"2 new messages in INBOX; newest: Newcomer — Second", "12 exists", "3 unseen"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	if c := count(m, "INBOX"); c.Messages != 12 || c.Unseen != 3 {
		t.Errorf("folder counts = %+v", c)
	}
	// Reading one elsewhere: the status bar and the pane both follow.
	m = drive(t, m, eventMsg{imapsvc.FlagsChanged{Mailbox: inbox7, UID: 101, Flags: imapsvc.Flags{Seen: true}}}).(Model)
	if c := count(m, "INBOX"); c.Unseen != 2 || !strings.Contains(screen(m), "2 unseen") {
		t.Errorf("after \\Seen elsewhere: folder counts %+v", c)
	}
	// Mail for another folder or an old UIDVALIDITY is not listed.
	m = drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: imapsvc.Mailbox{Name: "INBOX", UIDValidity: 6}, Rows: []imapsvc.Row{newRow(200, "Old")}}}).(Model)
	if m.list.index(200) >= 0 {
		t.Error("stale NewMail listed")
	}
}

// TestNewMailSurvivesOlderUIDList: a UID list asked for before a message
// arrived must not drop it; one asked for after drops what it lacks.
func TestNewMailSurvivesOlderUIDList(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m = drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{newRow(100, "Fresh")}}}).(Model)
	old := uidsMsg{id: m.reqs.StartLatest(reqUIDs), mb: inbox7, list: imapsvc.UIDList{Mailbox: inbox7, UIDs: []imapsvc.UID{2, 4, 6}}}
	m = drive(t, m, old).(Model)
	if !slices.Equal(m.list.uids, []imapsvc.UID{2, 4, 6, 100}) {
		t.Fatalf("after an older UID list: %v", m.list.uids)
	}
	// The next list is newer than the arrival: it is the truth.
	m = drive(t, m, uidsMsg{id: m.reqs.StartLatest(reqUIDs), mb: inbox7, list: imapsvc.UIDList{Mailbox: inbox7, UIDs: []imapsvc.UID{2, 6}}}).(Model)
	if !slices.Equal(m.list.uids, []imapsvc.UID{2, 6}) {
		t.Fatalf("after a newer UID list: %v", m.list.uids)
	}
}

// TestReconnectResyncInPlace: after Reconnected the folder is selected
// again; the cursor stays on its message, expunged rows go, new rows
// come, and changed flags are fetched again.
func TestReconnectResyncInPlace(t *testing.T) {
	f := quiet(10)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("j", "j", "j")...).(Model)
	cur, _ := m.list.selected()
	m = drive(t, m, eventMsg{imapsvc.StateChanged{State: imapsvc.StateDisconnected}}).(Model)

	f.mu.Lock()
	b := f.boxes["INBOX"]
	b.rows = slices.DeleteFunc(b.rows, func(r imapsvc.Row) bool { return r.UID == 20 || r.UID == 2 })
	b.rows[0].Flags.Flagged = true // UID 4
	b.rows = append(b.rows, newRow(30, "While away"))
	f.mu.Unlock()

	m = drive(t, m, eventMsg{imapsvc.Reconnected{}}).(Model)
	want := []imapsvc.UID{4, 6, 8, 10, 12, 14, 16, 18, 30}
	if !slices.Equal(m.list.uids, want) {
		t.Fatalf("uids = %v, want %v", m.list.uids, want)
	}
	if got, _ := m.list.selected(); got != cur {
		t.Errorf("cursor on UID %d, was on %d", got, cur)
	}
	if r := m.list.rows[4]; !r.Flags.Flagged || m.list.stale[4] {
		t.Errorf("UID 4 not refreshed: %+v stale=%v", r, m.list.stale[4])
	}
	if !strings.Contains(screen(m), "While away") || !strings.Contains(screen(m), "reconnected") {
		t.Errorf("screen:\n%s", screen(m))
	}
}

// TestGoldenReconnecting: the status bar says when the next try is; a
// key that needs the server says nothing was sent.
func TestGoldenReconnecting(t *testing.T) {
	f := quiet(5)
	m := start(t, f, testOptions())
	at := time.Date(2025, 6, 15, 12, 0, 42, 0, time.Local)
	m = drive(t, m,
		eventMsg{imapsvc.StateChanged{State: imapsvc.StateDisconnected, Err: imapsvc.ErrClosed}},
		eventMsg{imapsvc.Reconnecting{Attempt: 3, At: at, Err: imapsvc.ErrClosed}}).(Model)
	out := screen(m)
	if !strings.Contains(out, "disconnected, retry 3 at 12:00:42") || !strings.Contains(out, "reconnecting at 12:00:42 (try 3)") {
		t.Fatalf("screen:\n%s", out)
	}
	golden.RequireEqual(t, []byte(out))
	f.mu.Lock()
	f.selectErr["Sent"] = imapsvc.ErrNotConnected
	f.mu.Unlock()
	m = drive(t, m, append(keys(":"), append(typed("select Sent"), press("enter"))...)...).(Model)
	if !strings.Contains(screen(m), "not connected: nothing was sent") {
		t.Fatalf("refusal not shown:\n%s", screen(m))
	}
}

// TestNewMailNotifies: the bell rings and new_mail_cmd runs with the
// newest message in its environment.
func TestNewMailNotifies(t *testing.T) {
	var bell bytes.Buffer
	opts := testOptions()
	opts.Notify = notify.Notifier{Bell: true, Out: &bell}
	m := start(t, quiet(3), opts)
	drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{newRow(100, "Ring")}}})
	if bell.String() != "\a" {
		t.Fatalf("bell = %q", bell.String())
	}
	opts.Notify = notify.Notifier{Command: "exit 4"}
	m = start(t, quiet(3), opts)
	m = drive(t, m, eventMsg{imapsvc.NewMail{Mailbox: inbox7, Rows: []imapsvc.Row{newRow(100, "Ring")}}}).(Model)
	if !strings.Contains(screen(m), "new_mail_cmd: exit status 4") {
		t.Fatalf("a failing command is not reported:\n%s", screen(m))
	}
}

// TestCountsRefresh: the periodic refresh asks STATUS for every folder
// but the open one (no LIST-STATUS here) and the pane shows the answer.
func TestCountsRefresh(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	if m.ticking {
		t.Fatal("a ticker runs with status_interval off")
	}
	// (drive would wait for the tick itself: the tick is not run here.)
	m.statusEvery = time.Minute
	m, tick := m.startCountsTicker()
	if !m.ticking || tick == nil {
		t.Fatal("the refresh ticker did not start")
	}
	if _, again := m.startCountsTicker(); again != nil {
		t.Fatal("a second ticker started")
	}
	f.mu.Lock()
	f.counts = map[imapsvc.FolderName]imapsvc.Counts{"Sent": {Messages: 9, Unseen: 4}}
	f.mu.Unlock()
	next, cmd := m.Update(countsTickMsg{})
	if cmd == nil {
		t.Fatal("tick did not re-arm")
	}
	m = drive(t, next, runCmd(next.(Model).refreshCmd())...).(Model)
	calls := f.callLog()
	last := calls[len(calls)-1]
	if !strings.HasPrefix(last, "STATUS") || strings.Contains(last, "INBOX") {
		t.Errorf("refresh asked %q", last)
	}
	if c := count(m, "Sent"); c.Unseen != 4 {
		t.Errorf("Sent counts = %+v", c)
	}
}

// TestResyncWithCondStore: flags that changed while away come with the
// selection; nothing else is fetched again.
func TestResyncWithCondStore(t *testing.T) {
	m := start(t, quiet(5), testOptions())
	sel := imapsvc.Selection{Mailbox: inbox7, FlagsCurrent: true,
		Changed: []imapsvc.Row{{UID: 4, Flags: imapsvc.Flags{Seen: true, Flagged: true}}}}
	l, _ := m.list.resync(sel)
	if !l.rows[4].Flags.Flagged {
		t.Errorf("row 4 = %+v, want flagged", l.rows[4])
	}
	for u, stale := range l.stale {
		if stale {
			t.Errorf("UID %d marked stale although the flags are current", u)
		}
	}
}

// TestListFetchKeepsConnectionLostNotice: a window of rows the list asks
// for while the connection is down fails with "not connected", which
// must not replace the notice saying why the connection was lost (the
// status bar already says when the next try is, and the list fetches
// again once the folder is back).
func TestListFetchKeepsConnectionLostNotice(t *testing.T) {
	f := quiet(2000)
	m := start(t, f, testOptions())
	m = drive(t, m,
		eventMsg{imapsvc.StateChanged{State: imapsvc.StateDisconnected, Err: errors.New("the server announced 4294967295 messages")}}).(Model)
	f.mu.Lock()
	f.rowsErr = imapsvc.ErrNotConnected
	f.mu.Unlock()
	calls := len(f.callLog())
	m = drive(t, m, press("G")).(Model)
	fetched := false
	for _, c := range f.callLog()[calls:] {
		fetched = fetched || strings.HasPrefix(c, "ROWS")
	}
	if !fetched {
		t.Fatalf("G asked for no rows (calls %q): the check below would prove nothing", f.callLog()[calls:])
	}
	if out := screen(m); !strings.Contains(out, "connection lost: the server announced 4294967295 messages") ||
		strings.Contains(out, "nothing was sent") {
		t.Fatalf("screen:\n%s", out)
	}
}
