package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
)

// actionMsg answers every action on messages. Only the fields of its
// kind are set; mb is the folder it was asked for.
type actionMsg struct {
	id       requests.ID
	mb       imapsvc.Mailbox
	what     string // "STORE", "move", "copy", "delete", "EXPUNGE", "undo"...
	done     string // notice on success
	err      error
	updates  []imapsvc.FlagUpdate
	transfer *imapsvc.Transfer
	expunged []imapsvc.UID
	leave    bool               // the folder was closed or unselected
	reopen   imapsvc.FolderName // open this folder afterwards (after an undo)
	// touched are folders whose counts the action changed besides a
	// transfer's own (an undo's source and destination).
	touched []imapsvc.FolderName
	// acted are the messages acted on; marks are cleared only when the
	// action took the marked set (not a message acted on in the viewer).
	acted []imapsvc.UID
	// replan is set when an expunge or close was refused because the
	// folder's \Deleted messages changed since the user confirmed.
	replan *expungePlanMsg
}

// Requests the overlays send to the root once the user has answered.
type (
	expungeMsg struct {
		mb     imapsvc.Mailbox
		uids   []imapsvc.UID // the set confirmed; with whole, every \Deleted message shown
		whole  bool
		chosen []imapsvc.UID // the marked messages the plan was made for
	}
	closeMsg struct {
		mb       imapsvc.Mailbox
		unselect bool
		deleted  []imapsvc.UID // the \Deleted messages the user was shown
	}
	createMsg struct {
		dest imapsvc.FolderName
		copy bool
		uids []imapsvc.UID
	}
)

// handleActionResult handles the answers and requests of this file's
// kind; ok is false for any other message.
func (m Model) handleActionResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case actionMsg:
		m.finish(msg.id, msg.err)
		mm, cmd := m.actionDone(msg)
		return mm, cmd, true
	case folderChosenMsg:
		why := "move"
		if msg.copy {
			why = "copy"
		}
		mm, cmd := m.transferCmd(msg.uids, msg.dest, msg.copy, why)
		return mm.(Model), cmd, true
	case expungeMsg:
		mm, cmd := m.runBackend("EXPUNGE", msg.mb, func(ctx context.Context, b imapsvc.Backend) actionMsg {
			res, err := b.Expunge(ctx, msg.mb, msg.uids, msg.whole)
			return actionMsg{expunged: res.Expunged, err: err, replan: replanOf(err, msg.mb, false, msg.chosen),
				done: "expunged " + plural(len(res.Expunged), "message")}
		})
		return mm, cmd, true
	case closeMsg:
		verb := "CLOSE"
		if msg.unselect {
			verb = "UNSELECT"
		}
		mm, cmd := m.runBackend(verb, msg.mb, func(ctx context.Context, b imapsvc.Backend) actionMsg {
			var err error
			if msg.unselect {
				err = b.Unselect(ctx, msg.mb)
			} else {
				err = b.CloseFolder(ctx, msg.mb, msg.deleted)
			}
			return actionMsg{leave: true, err: err, replan: replanOf(err, msg.mb, true, nil),
				done: verb + ": " + msg.mb.Name.String() + " is closed"}
		})
		return mm, cmd, true
	case createMsg:
		mm, cmd := m.createThen(msg)
		return mm, cmd, true
	case resolveMsg:
		mm, cmd := m.resolveCmd(msg)
		return mm, cmd, true
	case searchedMsg, sortedMsg, threadedMsg, expungePlanMsg:
		mm, cmd := m.viewResult(msg)
		return mm, cmd, true
	case keysMsg, viewAgainMsg:
		mm, cmd := m.listViewResult(msg)
		return mm, cmd, true
	}
	return m, nil, false
}

// runBackend runs f in a command; what names it in errors.
func (m Model) runBackend(what string, mb imapsvc.Mailbox, f func(context.Context, imapsvc.Backend) actionMsg) (Model, tea.Cmd) {
	id, b := m.reqs.Start(reqAction), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		out := f(ctx, b)
		out.id, out.mb, out.what = id, mb, what
		return out
	})
}

// actionDone applies an answer. The list mostly follows the server's own
// FETCH and EXPUNGE responses (events); the answer's data is applied too,
// since applying it twice changes nothing.
func (m Model) actionDone(msg actionMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		return m.actionFailed(msg)
	}
	open := m.list.open && msg.mb == m.list.mb
	if open {
		for _, u := range msg.updates {
			m, _ = m.handleEvent(imapsvc.FlagsChanged{Mailbox: msg.mb, UID: u.UID, Flags: u.Flags})
		}
		for _, u := range msg.expunged {
			m, _ = m.handleEvent(imapsvc.Expunged{Mailbox: msg.mb, UID: u})
		}
	}
	notice := msg.done
	if t := msg.transfer; t != nil {
		notice = m.transferDone(msg, open)
	}
	m.status = m.status.setNotice(notice, false)
	switch {
	case msg.leave:
		m.list = m.list.leave()
		m.status.hasSel = false
		m.folders = m.folders.SetActive("")
	case msg.reopen != "":
		mm, cmd := m.openFolder(msg.reopen, false)
		return mm, tea.Batch(cmd, mm.recount(msg))
	}
	if open && actedOnMarks(m.list.look.marked, msg.acted) {
		m.list.look.marked, m.list.look.visual = nil, false
		m.list.updateKeys()
	}
	return m, tea.Batch(m.list.fetch(), m.recount(msg))
}

// recount asks STATUS of the folders an action moved mail in or out of,
// as its answer names them, so the folder pane shows them as they are
// now. The folder open afterwards is left out: SELECT and the open
// connection's own events count it.
func (m *Model) recount(msg actionMsg) tea.Cmd {
	names := msg.touched
	if t := msg.transfer; t != nil {
		names = append(names, t.Source.Name, t.Dest)
	}
	if msg.leave {
		names = append(names, msg.mb.Name) // CLOSE expunges
	}
	open := msg.reopen
	if open == "" && m.list.open {
		open = m.list.mb.Name
	}
	var ask []imapsvc.FolderName
	for _, n := range names {
		if n != "" && n != open && !slices.Contains(ask, n) {
			ask = append(ask, n)
		}
	}
	if len(ask) == 0 {
		return nil
	}
	return m.statusCmd(ask)
}

// transferDone applies a copy or move and says what happened.
func (m *Model) transferDone(msg actionMsg, open bool) string {
	t := msg.transfer
	n := plural(len(t.UIDs), "message")
	if !t.Move {
		return fmt.Sprintf("copied %s to %s (%s)", n, t.Dest, copyUIDNote(*t))
	}
	m.acts.undo = &undoRecord{transfer: t}
	if open && t.LeftDeleted {
		for _, u := range t.UIDs {
			if r, ok := m.list.rows[u]; ok {
				r.Flags.Deleted = true
				*m, _ = m.handleEvent(imapsvc.FlagsChanged{Mailbox: msg.mb, UID: u, Flags: r.Flags})
			}
		}
	}
	if open && !t.LeftDeleted {
		for _, u := range t.UIDs {
			*m, _ = m.handleEvent(imapsvc.Expunged{Mailbox: msg.mb, UID: u})
		}
	}
	verb := "moved"
	if msg.what == "delete" {
		verb = "deleted"
		n = fmt.Sprintf("%s (to %s)", n, t.Dest)
	} else {
		n += " to " + t.Dest.String()
	}
	switch {
	case t.LeftDeleted:
		return fmt.Sprintf("copied %s; the server has no MOVE or UIDPLUS, so the originals are marked \\Deleted: :expunge removes them (u clears the mark)", n)
	case len(t.DestUIDs) == 0:
		return fmt.Sprintf("%s %s (the server sent no COPYUID: u cannot undo this)", verb, n)
	}
	return fmt.Sprintf("%s %s (u undoes)", verb, n)
}

// actionFailed shows the server's answer; TRYCREATE offers to create.
func (m Model) actionFailed(msg actionMsg) (Model, tea.Cmd) {
	var tc *imapsvc.TryCreateError
	if errors.As(msg.err, &tc) && msg.transfer != nil {
		t := msg.transfer
		verb := "move"
		if !t.Move {
			verb = "copy"
		}
		return m.offerConfirm(m.admin.confirm.askMsg(fmt.Sprintf("%s does not exist (TRYCREATE). Create it and %s %s there?",
			t.Dest, verb, plural(len(t.UIDs), "message")), createMsg{dest: t.Dest, copy: !t.Move, uids: t.UIDs})), nil
	}
	if msg.replan != nil && msg.replan.mb == m.list.mb {
		return m.expungePlanned(*msg.replan)
	}
	if mm, ok := m.heldFailure(msg.err); ok {
		m = mm
	} else if !isStale(msg.err) {
		m.status = m.status.setNotice(strings.TrimSpace(msg.what+": "+errText(msg.err)), true)
	}
	if msg.reopen != "" { // an undo leaves no folder open, even when it fails
		mm, cmd := m.openFolder(msg.reopen, false)
		return mm, tea.Batch(cmd, mm.recount(msg)) // part of it may have moved
	}
	return m, m.recount(msg)
}

// replanOf turns a refused expunge into the question to ask again.
func replanOf(err error, mb imapsvc.Mailbox, forClose bool, chosen []imapsvc.UID) *expungePlanMsg {
	var pc *imapsvc.PlanChangedError
	if !errors.As(err, &pc) {
		return nil
	}
	return &expungePlanMsg{mb: mb, plan: pc.Plan, forClose: forClose, chosen: chosen, changed: pc.Error()}
}

// createThen creates the folder, lists the folders again, and repeats
// the copy or move.
func (m Model) createThen(msg createMsg) (Model, tea.Cmd) {
	id, b, mb := m.reqs.Start(reqAction), m.backend, m.list.mb
	return m, tea.Sequence(call(requestTimeout, func(ctx context.Context) tea.Msg {
		if err := b.Create(ctx, msg.dest); err != nil {
			return actionMsg{id: id, mb: mb, what: "CREATE " + msg.dest.String(), err: err}
		}
		var t imapsvc.Transfer
		var err error
		if msg.copy {
			t, err = b.Copy(ctx, mb, msg.uids, msg.dest)
		} else {
			t, err = b.Move(ctx, mb, msg.uids, msg.dest)
		}
		return actionMsg{id: id, mb: mb, what: "move", transfer: &t, err: err, acted: msg.uids}
	}), m.listFoldersCmd())
}

// leave empties the list after CLOSE or UNSELECT.
func (m listModel) leave() listModel {
	m.open, m.uids, m.rows, m.look = false, nil, map[imapsvc.UID]imapsvc.Row{}, listLook{}
	m.cursor, m.offset = 0, 0
	m.updateKeys()
	return m
}

// actedOnMarks reports whether an action took the marked messages: it did
// unless it names what it acted on and none of those is marked.
func actedOnMarks(marked map[imapsvc.UID]bool, acted []imapsvc.UID) bool {
	if len(acted) == 0 {
		return true
	}
	for _, u := range acted {
		if marked[u] {
			return true
		}
	}
	return false
}
