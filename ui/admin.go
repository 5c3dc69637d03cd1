package ui

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/folders"
)

// adminState is the UI side of folder management, the information
// panels, quota, ACL and the protocol console (issue 5).
type adminState struct {
	statePath string                        // "" keeps the all/subscribed choice for this run only
	rights    map[imapsvc.FolderName]string // MYRIGHTS by folder, where known
	quota     []imapsvc.Quota               // roots of the open folder

	panel   panelModel
	confirm confirmModel
	console consoleModel
}

func newAdminState(keys keymap.KeyMap, st *themes.Styles, statePath string) adminState {
	return adminState{
		statePath: statePath,
		rights:    map[imapsvc.FolderName]string{},
		panel:     panelModel{keys: keys.Panel, styles: st},
		confirm:   confirmModel{keys: keys.Confirm, styles: st.Status},
		console:   newConsoleModel(keys.Console, st),
	}
}

// Results of issue 5's backend calls.
type (
	adminDoneMsg struct {
		op     string
		name   imapsvc.FolderName
		focus  imapsvc.FolderName // folder to put the cursor on afterwards
		reopen imapsvc.FolderName // folder to open afterwards (the renamed open one)
		err    error
	}
	panelMsg struct {
		title string
		lines []string
		err   error
	}
	rightsMsg struct {
		folder imapsvc.FolderName
		rights string
	}
	quotaMsg struct {
		folder imapsvc.FolderName
		quotas []imapsvc.Quota
	}
	deleteAskMsg struct {
		name imapsvc.FolderName
		st   imapsvc.FolderStatus
		err  error
	}
	stateLoadedMsg struct {
		st  config.State
		err error
	}
	stateSavedMsg struct{ err error }
)

// hasCap reports a capability of the session.
func (m Model) hasCap(c string) bool {
	if m.session == nil {
		return false
	}
	for _, x := range m.session.Caps {
		if strings.EqualFold(x, c) {
			return true
		}
	}
	return false
}

// handleAdminResult handles the answers above; ok is false for any other
// message.
func (m Model) handleAdminResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case adminDoneMsg:
		mm, cmd := m.adminDone(msg)
		return mm, cmd, true
	case folders.SubsListed:
		if msg.Err != nil {
			m.status = m.status.setNotice("LIST (SUBSCRIBED): "+errDetail(msg.Err), true)
		}
		m.folders, _ = m.folders.Update(msg)
		return m, nil, true
	case panelMsg:
		m.pending.other--
		if msg.err != nil {
			m.status = m.status.setNotice(msg.title+": "+errDetail(msg.err), true)
			return m, nil, true
		}
		m.admin.panel = m.admin.panel.show(msg.title, msg.lines)
		return m, nil, true
	case rightsMsg:
		m.admin.rights[msg.folder] = msg.rights
		if m.list.open && msg.folder == m.list.mb.Name {
			m.status.rights = ""
			if lacksWrite(msg.rights) {
				m.status.rights = msg.rights // some writes are forbidden: say so
			}
		}
		return m.syncWriteHelp(), nil, true
	case quotaMsg:
		if m.list.open && msg.folder == m.list.mb.Name {
			m.admin.quota = msg.quotas
			m.status.quota = quotaBar(msg.quotas)
		}
		return m, nil, true
	case deleteAskMsg:
		m.pending.other--
		return m.askDelete(msg), nil, true
	case stateLoadedMsg:
		if msg.err != nil {
			m.status = m.status.setNotice("state file: "+msg.err.Error(), true)
			return m, nil, true
		}
		m.folders = m.folders.SetSubscribedOnly(msg.st.SubscribedOnly)
		return m, nil, true
	case stateSavedMsg:
		if msg.err != nil {
			m.status = m.status.setNotice("state file: "+msg.err.Error(), true)
		} else {
			m.status = m.status.setNotice("showing "+m.viewName()+" (kept in "+m.admin.statePath+")", false)
		}
		return m, nil, true
	}
	return m.handleConsoleResult(msg)
}

// adminDone reports a finished CREATE/DELETE/RENAME/SUBSCRIBE/SETACL and
// lists the folders again.
func (m Model) adminDone(msg adminDoneMsg) (Model, tea.Cmd) {
	m.pending.other--
	if msg.err != nil {
		m.status = m.status.setNotice(errText(msg.err), true)
		return m, nil
	}
	m.status = m.status.setNotice(fmt.Sprintf("%s %s: done", msg.op, msg.name), false)
	m.folders = m.folders.FocusAfterList(msg.focus)
	if msg.op == "DELETE" {
		m.folders = m.folders.Gone(msg.name)
	}
	m.pending.other++ // the LIST below
	cmds := []tea.Cmd{m.listFoldersCmd(), m.subscribedCmd()}
	if msg.reopen != "" {
		mm, cmd := m.openFolder(msg.reopen, m.list.readOnly)
		m, cmds = mm, append(cmds, cmd)
	} else if msg.op == "DELETE" && m.list.open && m.list.mb.Name == msg.name {
		mm, cmd := m.openFolder("INBOX", false)
		m, cmds = mm, append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) listFoldersCmd() tea.Cmd {
	b := m.backend // the caller counts it in pending.other, as folders.Listed uncounts it
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, err := b.ListFolders(ctx)
		return folders.Listed{List: l, Err: err}
	})
}

// afterSelect asks MYRIGHTS (for the write guard) and the quota root (for
// the status bar) of the folder just opened, where advertised.
func (m Model) afterSelect(name imapsvc.FolderName) tea.Cmd {
	b := m.backend
	var cmds []tea.Cmd
	if m.hasCap("ACL") {
		cmds = append(cmds, call(requestTimeout, func(ctx context.Context) tea.Msg {
			r, err := b.MyRights(ctx, name)
			if err != nil {
				return noticeMsg{text: "MYRIGHTS: " + errDetail(err), err: true}
			}
			return rightsMsg{folder: name, rights: r}
		}))
	}
	if m.hasCap("QUOTA") {
		cmds = append(cmds, call(requestTimeout, func(ctx context.Context) tea.Msg {
			q, _ := b.QuotaRoots(ctx, []imapsvc.FolderName{name}) // no quota is no bar
			return quotaMsg{folder: name, quotas: q}
		}))
	}
	return tea.Batch(cmds...)
}

// backendOp runs one folder operation and reports it as adminDoneMsg.
func (m Model) backendOp(done adminDoneMsg, f func(ctx context.Context, b imapsvc.Backend) error) (Model, tea.Cmd) {
	m.pending.other++
	b := m.backend
	return m, tea.Batch(m.startSpinner(), call(requestTimeout, func(ctx context.Context) tea.Msg {
		done.err = f(ctx, b)
		return done
	}))
}

// quoteName quotes a folder name for a command line when it has spaces.
func quoteName(name string) string {
	if strings.ContainsAny(name, " \"") {
		return fmt.Sprintf("%q", name)
	}
	return name
}

// lacksWrite reports rights that forbid some write to messages, reading
// RFC 2086's letters as RFC 4314 does (hasRight).
func lacksWrite(rights string) bool {
	return strings.IndexFunc("swtei", func(r rune) bool { return !hasRight(rights, byte(r)) }) >= 0
}
