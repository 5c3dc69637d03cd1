package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/muesli/termenv"

	"tern/internal/keypress"
	"tern/internal/teawait"
)

// End-to-end writing on the session main builds: the real service, the
// real sender and appender of main_write.go, the demo's IMAP and SMTP
// servers, and an editor script as $EDITOR.

// sceneEditor is an $EDITOR that writes a new message to To and the
// subject in the file subjectFile names; on a draft that already has a
// To it adds a line, so that a resumed draft counts as edited.
func sceneEditor(t *testing.T, to string) (editor, subjectFile string) {
	t.Helper()
	dir := t.TempDir()
	subjectFile = filepath.Join(dir, "subject")
	editor = filepath.Join(dir, "editor.sh")
	script := `#!/bin/sh
f="$1"
if grep -q '^To: .' "$f"; then
	echo "edited again" >> "$f"
	exit 0
fi
from=$(grep '^From:' "$f")
printf '%s\nTo: ` + to + `\nSubject: %s\n\nwritten by the test editor\n' "$from" "$(cat '` + subjectFile + `')" > "$f"
`
	if err := os.WriteFile(editor, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return editor, subjectFile
}

// writeEnv points $EDITOR at editor and the drafts at a temp directory,
// for prepare to read.
func writeEnv(t *testing.T, editor string) string {
	t.Helper()
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	return filepath.Join(state, "tern", "drafts")
}

// mustPrepare prepares the session f asks for, closed when the test ends.
func mustPrepare(t *testing.T, f flags) *session {
	t.Helper()
	// Its own header cache: tests name their accounts alike, and one
	// test's cached folder must not be another's first frame.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s, err := prepare(f, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s
}

// startSession prepares the session f asks for and runs its model on a
// 120x40 test terminal.
func startSession(t *testing.T, f flags) (*session, *teatest.TestModel) {
	t.Helper()
	s := mustPrepare(t, f)
	tm := teatest.NewTestModel(t, s.model(), teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	return s, tm
}

func keyMsg(s string) tea.Msg { return keypress.Named(s) }

func typeLine(tm *teatest.TestModel, line string) {
	tm.Send(keyMsg(":"))
	for _, m := range keypress.Typed(line) {
		tm.Send(m)
	}
	tm.Send(keyMsg("enter"))
}

// waitText waits until the program's output shows all of want.
func waitText(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teawait.Shows(t, tm, want...)
}

// waitMatch waits until the screen output, ANSI stripped, has matched
// every pattern.
func waitMatch(t *testing.T, tm *teatest.TestModel, patterns ...string) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		text := []byte(ansi.Strip(string(seen)))
		for _, p := range patterns {
			if !regexp.MustCompile(p).Match(text) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// waitServer polls cond (which reads the server on its own connection)
// until it holds.
func waitServer(t *testing.T, tm *teatest.TestModel, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never true: %s", what)
		}
		// Wait on the program's output, not a sleep: the UI redraws
		// (spinner, status) while work is in flight.
		teatest.WaitFor(t, tm.Output(), func([]byte) bool { return true },
			teatest.WithDuration(time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
}

// serverMsg is a message as another client sees it.
type serverMsg struct {
	uid     imap.UID
	subject string
	flags   []imap.Flag
}

func (m serverMsg) has(f imap.Flag) bool { return slices.Contains(m.flags, f) }

// folderMessages lists a folder over a connection of its own.
func folderMessages(t *testing.T, addr, user, pw, folder string) []serverMsg {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(user, pw).Wait(); err != nil {
		t.Fatal(err)
	}
	return listMessages(t, c, folder)
}

// listMessages lists folder, read-only, on c.
func listMessages(t *testing.T, c *imapclient.Client, folder string) []serverMsg {
	t.Helper()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	got, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true, Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out []serverMsg
	for _, m := range got {
		sm := serverMsg{uid: m.UID, flags: m.Flags}
		if m.Envelope != nil {
			sm.subject = m.Envelope.Subject
		}
		out = append(out, sm)
	}
	return out
}

func withSubject(ms []serverMsg, subject string) []serverMsg {
	var out []serverMsg
	for _, m := range ms {
		if m.subject == subject {
			out = append(out, m)
		}
	}
	return out
}

// TestDemoWriteEndToEnd: in `tern --demo`, c opens $EDITOR, y sends
// through the demo's SMTP server: the message arrives in INBOX, and a
// copy with \Seen is in Sent. p postpones one into Drafts with \Draft;
// e on it in Drafts resumes it, and sending it removes it from Drafts.
func TestDemoWriteEndToEnd(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	editor, subjectFile := sceneEditor(t, "alex@example.com")
	draftsDir := writeEnv(t, editor)
	s, tm := startSession(t, flags{demo: true})
	srv := s.demo
	list := func(folder, subject string) []serverMsg {
		return withSubject(folderMessages(t, srv.Addr, srv.Username, srv.Password, folder), subject)
	}
	setSubject := func(subj string) {
		if err := os.WriteFile(subjectFile, []byte(subj), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	waitText(t, tm, "INBOX [READ-WRITE]")

	count := func(folder string) int { return len(folderMessages(t, srv.Addr, srv.Username, srv.Password, folder)) }
	sentBefore, draftsBefore := count("Sent"), count("Drafts")

	// Compose and send.
	setSubject("hello from the end-to-end test")
	tm.Send(keyMsg("c"))
	waitText(t, tm, "Review", "hello from the end-to-end test", "written by the test editor")
	tm.Send(keyMsg("y"))
	// The status says sent, and the folder pane counts the copy.
	waitMatch(t, tm, `sent`, fmt.Sprintf(`Sent +%d[^0-9/]`, sentBefore+1))
	waitServer(t, tm, "the message arrives in INBOX", func() bool { return len(list("INBOX", "hello from the end-to-end test")) == 1 })
	waitServer(t, tm, "a copy is in Sent", func() bool { return len(list("Sent", "hello from the end-to-end test")) == 1 })
	if c := list("Sent", "hello from the end-to-end test")[0]; !c.has(imap.FlagSeen) {
		t.Errorf("the Sent copy has flags %v, want \\Seen", c.flags)
	}

	// Postpone one to Drafts.
	setSubject("postponed in the test")
	tm.Send(keyMsg("c"))
	waitText(t, tm, "Review", "postponed in the test")
	tm.Send(keyMsg("p"))
	waitMatch(t, tm, "postponed to Drafts", fmt.Sprintf(`Drafts +[0-9]+/%d[^0-9]`, draftsBefore+1))
	inDrafts := list("Drafts", "postponed in the test")
	if len(inDrafts) != 1 || !inDrafts[0].has(imap.FlagDraft) {
		t.Fatalf("Drafts holds %+v, want one message with \\Draft", inDrafts)
	}
	if n := len(list("INBOX", "postponed in the test")); n != 0 {
		t.Fatalf("postponing sent the message (%d in INBOX)", n)
	}

	// Resume it from Drafts and send it: it leaves Drafts, by its UID.
	othersBefore := len(folderMessages(t, srv.Addr, srv.Username, srv.Password, "Drafts")) - 1
	typeLine(tm, "select Drafts")
	waitText(t, tm, "Drafts [READ-WRITE]", "postponed in the test")
	tm.Send(keyMsg("e"))
	waitText(t, tm, "Review: draft from Drafts", "edited again")
	tm.Send(keyMsg("y"))
	waitServer(t, tm, "the resumed draft arrives in INBOX", func() bool { return len(list("INBOX", "postponed in the test")) == 1 })
	waitServer(t, tm, "the resumed draft leaves Drafts", func() bool { return len(list("Drafts", "postponed in the test")) == 0 })
	if n := len(folderMessages(t, srv.Addr, srv.Username, srv.Password, "Drafts")); n != othersBefore {
		t.Errorf("Drafts holds %d messages after the send, want the %d others untouched", n, othersBefore)
	}
	ents, _ := os.ReadDir(draftsDir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".draft") {
			t.Errorf("local draft left after the sends: %s", e.Name())
		}
	}
}
