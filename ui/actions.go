package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// actionState is the root's part of acting on messages: the overlays that
// ask where and whether, and what "u" can take back.
type actionState struct {
	trash  imapsvc.FolderName // configured Trash name, used when no folder has \Trash
	picker pickerModel
	search searchModel
	undo   *undoRecord
}

// undoRecord is the last move or delete, while tern runs.
type undoRecord struct {
	transfer *imapsvc.Transfer // a move (also "d" to Trash)
	mb       imapsvc.Mailbox   // a "d" that set \Deleted: these UIDs here
	deleted  []imapsvc.UID
}

func newActionState(keys keymap.KeyMap, st *themes.Styles, trash string) actionState {
	return actionState{
		trash:  imapsvc.FolderName(trash),
		picker: newPickerModel(keys.Picker, st),
		search: newSearchModel(keys.Cmdline, st.Cmdline),
	}
}

// listAction handles the list's action keys.
func (m Model) listAction(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	a := m.list.keys.Actions
	switch {
	case key.Matches(msg, a.Mark):
		m.list = m.list.toggleMark()
	case key.Matches(msg, a.MarkAll):
		m.list = m.list.markAll()
	case key.Matches(msg, a.Visual):
		m.list = m.list.toggleVisual()
	case key.Matches(msg, a.Clear):
		m.list = m.list.clearLook()
	case key.Matches(msg, a.Search):
		var cmd tea.Cmd
		m.acts.search, cmd = m.acts.search.open(m.width)
		return m.openLayer(layer{kind: layerSearch}), cmd
	case key.Matches(msg, a.NextHit, a.PrevHit):
		dir := 1
		if key.Matches(msg, a.PrevHit) {
			dir = -1
		}
		var ok bool
		if m.list, ok = m.list.stepHit(dir); !ok {
			m.status = m.status.setNotice("no search hit shown", false)
		}
		return m, m.list.fetch()
	case key.Matches(msg, a.Sort, a.SortReverse):
		k, rev := nextSortKey(m.list.look.spec.Key), m.list.look.spec.Reverse
		if key.Matches(msg, a.SortReverse) {
			k, rev = m.list.look.spec.Key, !rev
			if k == "" {
				k = imapsvc.SortArrival
			}
		}
		return m.sortCmd(k, rev)
	case key.Matches(msg, a.Threads):
		return m.threadCmd()
	case key.Matches(msg, a.Undo):
		return m.undoCmd()
	case key.Matches(msg, a.Copy):
		return m.openPicker(true, m.list.targets())
	default:
		return m.writeAction(msg, m.list.targets())
	}
	m.list.updateKeys()
	return m, m.list.fetch()
}

// writeAction handles the keys that change the folder, for uids; a
// read-only folder, or one whose rights forbid the change, refuses them
// with the reason.
func (m Model) writeAction(msg tea.KeyMsg, uids []imapsvc.UID) (tea.Model, tea.Cmd) {
	a := m.list.keys.Actions
	op := opFlags
	switch {
	case key.Matches(msg, a.Delete), key.Matches(msg, a.Move):
		op = opDelete
	case key.Matches(msg, a.Expunge):
		op = opExpunge
	case key.Matches(msg, a.ToggleRead):
		op = opSeen
	}
	if m, no := m.refused(op); no {
		return m, nil
	}
	if len(uids) == 0 && !key.Matches(msg, a.Expunge) {
		m.status = m.status.setNotice("no message to act on", true)
		return m, nil
	}
	var first imapsvc.Flags
	if len(uids) > 0 {
		first = m.list.rows[uids[0]].Flags
	}
	switch {
	case key.Matches(msg, a.Delete):
		return m.deleteCmd(uids)
	case key.Matches(msg, a.Move):
		return m.openPicker(false, uids)
	case key.Matches(msg, a.Expunge):
		return m.expungeAsk(false)
	case key.Matches(msg, a.ToggleRead):
		return m.storeCmd(uids, toggleOp(first.Seen), []string{`\Seen`})
	case key.Matches(msg, a.ToggleFlag):
		return m.storeCmd(uids, toggleOp(first.Flagged), []string{`\Flagged`})
	case key.Matches(msg, a.ToggleJunk):
		junk := slices.ContainsFunc(first.Keywords, func(k string) bool { return strings.EqualFold(k, "Junk") })
		on, off := "Junk", "NonJunk"
		if junk {
			on, off = off, on
		}
		return m.storeSteps(uids, []storeStep{{imapsvc.StoreRemove, []string{off}}, {imapsvc.StoreAdd, []string{on}}})
	}
	return m, nil
}

// toggleOp removes a flag the first target has, else adds it.
func toggleOp(has bool) imapsvc.StoreOp {
	if has {
		return imapsvc.StoreRemove
	}
	return imapsvc.StoreAdd
}

func nextSortKey(k imapsvc.SortKey) imapsvc.SortKey {
	keys := []imapsvc.SortKey{imapsvc.SortArrival, imapsvc.SortDate, imapsvc.SortFrom, imapsvc.SortSubject, imapsvc.SortSize}
	i := slices.Index(keys, k)
	return keys[(i+1)%len(keys)]
}

func (m Model) openPicker(copy bool, uids []imapsvc.UID) (tea.Model, tea.Cmd) {
	if len(uids) == 0 {
		m.status = m.status.setNotice("no message to act on", true)
		return m, nil
	}
	var names []imapsvc.FolderName
	for _, n := range m.folders.Names() {
		if n != m.list.mb.Name {
			names = append(names, n)
		}
	}
	names = append(names, m.folders.OtherAccounts()...) // offered, then refused: accounts.go
	var cmd tea.Cmd
	m.acts.picker, cmd = m.acts.picker.open(names, copy, uids)
	return m.openLayer(layer{kind: layerPicker}), cmd
}

// trashFolder is the special-use \Trash folder, else the configured one
// if the server has it.
func (m Model) trashFolder() imapsvc.FolderName {
	if t := m.folders.SpecialUse("Trash"); t != "" {
		return t
	}
	if _, ok := m.folders.Lookup(m.acts.trash); ok && m.acts.trash != "" {
		return m.acts.trash
	}
	return ""
}

// deleteCmd moves to Trash, or marks \Deleted in Trash itself or where
// there is no Trash.
func (m Model) deleteCmd(uids []imapsvc.UID) (tea.Model, tea.Cmd) {
	if trash := m.trashFolder(); trash != "" && trash != m.list.mb.Name {
		return m.transferCmd(uids, trash, false, "delete")
	}
	m.acts.undo = &undoRecord{mb: m.list.mb, deleted: uids}
	return m.storeCmd(uids, imapsvc.StoreAdd, []string{`\Deleted`})
}

type storeStep struct {
	op    imapsvc.StoreOp
	flags []string
}

func (m Model) storeCmd(uids []imapsvc.UID, op imapsvc.StoreOp, flags []string) (tea.Model, tea.Cmd) {
	return m.storeSteps(uids, []storeStep{{op, flags}})
}

// storeSteps sends one UID STORE per step for the whole set.
func (m Model) storeSteps(uids []imapsvc.UID, steps []storeStep) (tea.Model, tea.Cmd) {
	id, b, mb := m.reqs.Start(reqAction), m.backend, m.list.mb
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		out := actionMsg{id: id, mb: mb, what: "STORE", acted: uids}
		var parts []string
		for _, st := range steps {
			res, err := b.Store(ctx, mb, uids, st.op, st.flags)
			if err != nil {
				out.err = err
				return out
			}
			out.updates = append(out.updates, res.Updated...)
			parts = append(parts, fmt.Sprintf("%s (%s)", st.op, strings.Join(st.flags, " ")))
		}
		out.done = fmt.Sprintf("UID STORE %s: %s", strings.Join(parts, ", "), plural(len(uids), "message"))
		return out
	})
}

// transferCmd copies or moves uids to dest; why is "delete", "move" or
// "copy", for the notice and the undo.
func (m Model) transferCmd(uids []imapsvc.UID, dest imapsvc.FolderName, copy bool, why string) (tea.Model, tea.Cmd) {
	if no := m.crossAccount(dest, copy); no != "" { // accounts.go
		m.status = m.status.setNotice(no, true)
		return m, nil
	}
	if !copy {
		if m, no := m.refused(opDelete); no {
			return m, nil
		}
	}
	id, b, mb := m.reqs.Start(reqAction), m.backend, m.list.mb
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		var t imapsvc.Transfer
		var err error
		if copy {
			t, err = b.Copy(ctx, mb, uids, dest)
		} else {
			t, err = b.Move(ctx, mb, uids, dest)
		}
		return actionMsg{id: id, mb: mb, what: why, transfer: &t, err: err, acted: uids}
	})
}

// viewerAction runs a list action key on the message open in the viewer,
// as NeoMutt's pager does: marks in the list are left alone. A delete or
// move takes the message away, so the viewer closes first. It reports
// false for keys that are not such actions.
func (m Model) viewerAction(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	a := m.list.keys.Actions
	if !m.readerActive() || !key.Matches(msg, a.Delete, a.Move, a.Copy, a.ToggleRead, a.ToggleFlag, a.ToggleJunk, a.Undo) {
		return m, nil, false
	}
	if key.Matches(msg, a.Undo) {
		mm, cmd := m.undoCmd()
		return mm, cmd, true
	}
	open, _ := m.reader.Message()
	uids := []imapsvc.UID{open.UID}
	if _, ok := m.list.rows[uids[0]]; !ok {
		return m, nil, false
	}
	if key.Matches(msg, a.Delete, a.Move) && m.writeGuard(opDelete) == "" {
		m = m.closeViewer()
	}
	if key.Matches(msg, a.Copy) {
		mm, cmd := m.openPicker(true, uids)
		return mm, cmd, true
	}
	mm, cmd := m.writeAction(msg, uids)
	return mm, cmd, true
}
