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
	"tern/ui/commands"
	"tern/ui/console"
	"tern/ui/folders"
	"tern/ui/requests"
)

// adminState is the UI side of folder management, the information
// panels, quota, ACL and the protocol console (issue 5).
type adminState struct {
	statePath string                        // "" keeps the all/subscribed choice for this run only
	rights    map[imapsvc.FolderName]string // MYRIGHTS by folder, where known
	quota     []imapsvc.Quota               // roots of the open folder

	panel   panelModel
	confirm confirmModel
	console console.Model
}

func newAdminState(keys keymap.KeyMap, st *themes.Styles, statePath string) adminState {
	return adminState{
		statePath: statePath,
		rights:    map[imapsvc.FolderName]string{},
		panel:     panelModel{keys: keys.Panel, styles: st},
		confirm:   confirmModel{keys: keys.Confirm, styles: st.Status},
		console:   console.New(keys.Console, st),
	}
}

// Results of issue 5's backend calls.
type (
	adminDoneMsg struct {
		id     requests.ID
		op     string
		name   imapsvc.FolderName
		focus  imapsvc.FolderName // folder to put the cursor on afterwards
		reopen imapsvc.FolderName // folder to open afterwards (the renamed open one)
		err    error
	}
	subsMsg struct {
		id requests.ID
		folders.SubsListed
	}
	panelMsg struct {
		id    requests.ID
		title string
		lines []string
		err   error
	}
	rightsMsg struct {
		id     requests.ID
		folder imapsvc.FolderName
		rights string
		err    error
	}
	quotaMsg struct {
		id     requests.ID
		folder imapsvc.FolderName
		quotas []imapsvc.Quota
	}
	deleteAskMsg struct {
		id   requests.ID
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
	case subsMsg:
		m.finish(msg.id, msg.Err)
		if msg.Err != nil {
			m.status = m.status.setNotice("LIST (SUBSCRIBED): "+errDetail(msg.Err), true)
		}
		m.folders, _ = m.folders.Update(msg.SubsListed)
		return m, nil, true
	case panelMsg:
		m.finish(msg.id, msg.err)
		if msg.err != nil {
			m.status = m.status.setNotice(msg.title+": "+errDetail(msg.err), true)
			return m, nil, true
		}
		return m.offerLayer(layer{kind: layerPanel, panel: m.admin.panel.show(msg.title, msg.lines)}, msg.title), nil, true
	case rightsMsg:
		m.finish(msg.id, msg.err)
		if msg.err != nil {
			m.status = m.status.setNotice("MYRIGHTS: "+errDetail(msg.err), true)
			return m, nil, true
		}
		m.admin.rights[msg.folder] = msg.rights
		if m.list.open && msg.folder == m.list.mb.Name {
			m.status.rights = ""
			if lacksWrite(msg.rights) {
				m.status.rights = msg.rights // some writes are forbidden: say so
			}
		}
		return m.syncWriteHelp(), nil, true
	case quotaMsg:
		m.finish(msg.id, nil)
		if m.list.open && msg.folder == m.list.mb.Name {
			m.admin.quota = msg.quotas
			m.status.quota = quotaBar(msg.quotas)
		}
		return m, nil, true
	case deleteAskMsg:
		m.finish(msg.id, msg.err)
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
	m.finish(msg.id, msg.err)
	if msg.err != nil {
		m.status = m.status.setNotice(errText(msg.err), true)
		return m, nil
	}
	m.status = m.status.setNotice(fmt.Sprintf("%s %s: done", msg.op, msg.name), false)
	m.folders = m.folders.FocusAfterList(msg.focus)
	if msg.op == "DELETE" {
		m.folders = m.folders.Gone(msg.name)
	}
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

// listFoldersCmd lists the folders (LIST, with STATUS where the server can).
func (m Model) listFoldersCmd() tea.Cmd {
	id, b := m.reqs.Start(reqFolders), m.backend
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		l, err := b.ListFolders(ctx)
		return foldersMsg{id: id, Listed: folders.Listed{List: l, Err: err}}
	})
}

// afterSelect asks MYRIGHTS (for the write guard) and the quota root (for
// the status bar) of the folder just opened, where advertised.
func (m Model) afterSelect(name imapsvc.FolderName) tea.Cmd {
	b := m.backend
	var cmds []tea.Cmd
	if m.hasCap("ACL") {
		id := m.reqs.Start(reqRights)
		cmds = append(cmds, call(requestTimeout, func(ctx context.Context) tea.Msg {
			r, err := b.MyRights(ctx, name)
			return rightsMsg{id: id, folder: name, rights: r, err: err}
		}))
	}
	if m.hasCap("QUOTA") {
		id := m.reqs.Start(reqRights)
		cmds = append(cmds, call(requestTimeout, func(ctx context.Context) tea.Msg {
			q, _ := b.QuotaRoots(ctx, []imapsvc.FolderName{name}) // no quota is no bar
			return quotaMsg{id: id, folder: name, quotas: q}
		}))
	}
	return tea.Batch(cmds...)
}

// backendOp runs one folder operation and reports it as adminDoneMsg.
func (m Model) backendOp(done adminDoneMsg, f func(ctx context.Context, b imapsvc.Backend) error) (Model, tea.Cmd) {
	id, b := m.reqs.Start(reqFolderOp), m.backend
	done.id = id
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		done.err = f(ctx, b)
		return done
	})
}

// quoteName quotes a folder name for a command line when it has spaces,
// by the command line's own rule.
func quoteName(name string) string { return commands.Quote(name) }

// lacksWrite reports rights that forbid some write to messages, reading
// RFC 2086's letters as RFC 4314 does (hasRight).
func lacksWrite(rights string) bool {
	return strings.IndexFunc("swtei", func(r rune) bool { return !hasRight(rights, byte(r)) }) >= 0
}
