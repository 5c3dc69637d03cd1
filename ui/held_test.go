package ui

import (
	"context"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// cutFake is the fake backend whose moves are cut off after the server
// applied part of them, as the service reports it.
type cutFake struct {
	*fakeBackend
	held     imapsvc.Held
	after    imapsvc.Held
	resolved []imapsvc.Held
}

func (c *cutFake) Move(ctx context.Context, mb imapsvc.Mailbox, uids []imapsvc.UID, dest imapsvc.FolderName) (imapsvc.Transfer, error) {
	c.held.Source, c.held.Dest, c.held.UIDs = mb, dest, uids
	return imapsvc.Transfer{Source: mb, Dest: dest, UIDs: uids, Move: true},
		&imapsvc.InterruptedError{Op: "UID EXPUNGE", Err: io.ErrUnexpectedEOF, Held: c.held}
}

func (c *cutFake) Resolve(ctx context.Context, h imapsvc.Held) (imapsvc.Held, error) {
	c.resolved = append(c.resolved, h)
	return c.after, nil
}

func startCut(t *testing.T, c *cutFake) Model {
	t.Helper()
	m := New(c, testOptions())
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, runCmd(m.Init())...)
	return drive(t, m, msgs...).(Model)
}

// TestCutMoveAsksToFinish: a delete cut off after STORE says that the
// copies are in Trash and the originals marked \Deleted, and y finishes it.
func TestCutMoveAsksToFinish(t *testing.T) {
	c := &cutFake{fakeBackend: quiet(5)}
	m := startCut(t, c)
	uid := m.list.targets()[0]
	c.held = imapsvc.Held{Copied: []imapsvc.UID{uid}, Copies: []imapsvc.UID{1000}, Marked: []imapsvc.UID{uid},
		UIDPlus: true, NewInDest: -1}
	c.after = imapsvc.Held{Source: imapsvc.Mailbox{Name: "INBOX"}, Dest: "Trash", UIDs: []imapsvc.UID{uid},
		Gone: []imapsvc.UID{uid}, NewInDest: -1}
	m = drive(t, m, keys("d")...).(Model)
	q := m.question().question
	want := `Cut off during UID EXPUNGE: copies of 1 are in Trash; 1 is still in INBOX, marked \Deleted: ` +
		`y to finish the move (expunge the 1 original from INBOX), n to leave as is`
	if !m.question().active() || q != want {
		t.Fatalf("question = %q\nwant       %q", q, want)
	}
	m = drive(t, m, keys("y")...).(Model)
	if len(c.resolved) != 1 || c.resolved[0].Dest != "Trash" {
		t.Fatalf("resolved %+v", c.resolved)
	}
	if s := screen(m); !strings.Contains(s, "done: the move went through") {
		t.Fatalf("after y the screen says:\n%s", s)
	}
}

// TestCutMoveNothingToDo: when the look finds nothing was moved, the
// message line says so and nothing is asked; n to a question sends nothing.
func TestCutMoveNothingToDo(t *testing.T) {
	c := &cutFake{fakeBackend: quiet(5)}
	m := startCut(t, c)
	uid := m.list.targets()[0]
	c.held = imapsvc.Held{Kept: []imapsvc.UID{uid}, NewInDest: -1}
	m = drive(t, m, keys("d")...).(Model)
	if m.question().active() || !strings.Contains(screen(m), "nothing was moved") {
		t.Fatalf("confirm %v, screen:\n%s", m.question().active(), screen(m))
	}

	c.held = imapsvc.Held{Copied: []imapsvc.UID{uid}, Copies: []imapsvc.UID{1000}, Kept: []imapsvc.UID{uid}, NewInDest: -1}
	m = drive(t, m, keys("d")...).(Model)
	if q := m.question().question; !strings.Contains(q, `y to mark the 1 original \Deleted in INBOX`) {
		t.Fatalf("without UIDPLUS, question = %q", q)
	}
	m = drive(t, m, keys("n")...).(Model)
	if len(c.resolved) != 0 || !strings.Contains(screen(m), "nothing was changed") {
		t.Fatalf("n resolved %+v", c.resolved)
	}
}

// TestUndoRefusesNewUIDValidity: a d that only set \Deleted is not undone
// after the folder came back with a new UIDVALIDITY: its UIDs may now
// name other messages.
func TestUndoRefusesNewUIDValidity(t *testing.T) {
	f := quiet(5)
	var folders []imapsvc.Folder
	for _, fo := range f.folders {
		if fo.SpecialUse != "Trash" {
			folders = append(folders, fo)
		}
	}
	f.folders = folders // no Trash: d marks \Deleted
	m := start(t, f, testOptions())
	m = drive(t, m, keys("d")...).(Model)
	if got := lastCall(f, "STORE"); !strings.Contains(got, `+FLAGS \Deleted`) {
		t.Fatalf("d sent %q (calls %v)", got, f.callLog())
	}
	f.mu.Lock()
	f.boxes["INBOX"].uidValidity++ // recreated by another client
	f.mu.Unlock()
	m = drive(t, m, typed(":select INBOX")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	n := len(f.callLog())
	m = drive(t, m, keys("u")...).(Model)
	if s := screen(m); !strings.Contains(s, "cannot undo: INBOX has a new UIDVALIDITY") {
		t.Fatalf("u after a new UIDVALIDITY:\n%s", s)
	}
	if calls := f.callLog()[n:]; len(calls) != 0 {
		t.Fatalf("u sent %v", calls)
	}
}

// TestLateCutIsAsked: when the request had timed out before the look
// finished, the look comes as an event and asks the same question.
func TestLateCutIsAsked(t *testing.T) {
	m := startCut(t, &cutFake{fakeBackend: quiet(5)})
	held := imapsvc.Held{Source: imapsvc.Mailbox{Name: "INBOX"}, Dest: "Archive", UIDs: []imapsvc.UID{3},
		Copied: []imapsvc.UID{3}, Copies: []imapsvc.UID{9}, Kept: []imapsvc.UID{3}, NewInDest: -1}
	ie := &imapsvc.InterruptedError{Op: "UID COPY", Err: io.ErrUnexpectedEOF, Held: held}
	m = drive(t, m, eventMsg{imapsvc.LateInterrupted{Err: ie}}).(Model)
	if q := m.question().question; !m.question().active() || !strings.HasPrefix(q, "Cut off during UID COPY: ") ||
		!strings.Contains(q, `y to mark the 1 original \Deleted in INBOX`) {
		t.Fatalf("confirm %v, question %q", m.question().active(), q)
	}
}
