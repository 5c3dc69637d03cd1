package ui

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folders"
	"tern/ui/pane"
	"tern/ui/requests"
)

// handleResult handles answers from the backend and requests from the
// children.
func (m Model) handleResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, cmd, ok := m.handleLiveResult(msg); ok {
		return m, cmd
	}
	if m, cmd, ok := m.handleWarm(msg); ok {
		return m, cmd
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case promptCancelMsg:
		if m.session == nil {
			return m, tea.Quit
		}
		m.phase = phaseReady // back to the folder that was open
		return m.closeKind(layerPrompt), nil
	case passwordMsg:
		m.password = msg.password // until the server takes or refuses it
		return m.reconnect()
	case retryMsg:
		return m.reconnect()
	case connectedMsg:
		return m.connected(msg)
	case foldersMsg:
		m.finish(msg.id, msg.Err)
		if msg.Err != nil {
			m.status = m.status.setNotice("LIST: "+errDetail(msg.Err), true)
			return m, nil
		}
		m.folders, cmd = m.folders.Update(msg.Listed)
		m.countsWanted = msg.List.CountsPending
		return m, cmd
	case countsMsg:
		m.finish(msg.id, msg.Err)
		if msg.Err != nil {
			m.status = m.status.setNotice("STATUS: "+errDetail(msg.Err), true)
		}
		m.folders, cmd = m.folders.Update(msg.Counted)
		return m, cmd
	case folders.OpenMsg:
		return m.openFolder(msg.Name, false)
	case folders.ActionMsg:
		return m.folderAction(msg)
	case folders.ViewMsg:
		return m.viewChanged()
	case folders.NoticeMsg:
		m.status = m.status.setNotice(msg.Text, msg.Err)
		return m, nil
	case selectedMsg:
		return m.selected(msg)
	case uidsMsg, rowsMsg, detailsMsg:
		return m.listResult(msg)
	case loggedOutMsg:
		return m, tea.Quit
	case noticeMsg:
		m.status = m.status.setNotice(msg.text, msg.err)
		return m, nil
	case switchAccountMsg: // Accounts takes it when several are open
		m.status = m.status.setNotice("only "+m.status.account+" is open (tern --account opens one)", true)
		return m, nil
	}
	return m.handleMessageResult(msg)
}

// accountCmd asks Accounts to show the account called name.
func (m Model) accountCmd(name string) (tea.Model, tea.Cmd) {
	return m, pane.Emit(switchAccountMsg{name: name})
}

// reconnect connects with the password last given (after a connection
// error it is not asked again).
func (m Model) reconnect() (tea.Model, tea.Cmd) {
	m.phase = phaseConnecting
	m = m.closeKind(layerPrompt)
	m.status = m.status.guessState(imapsvc.StateConnecting)
	return m, m.connectCmd(m.password, m.reqs.StartLatest(reqConnect))
}

func (m Model) connectCmd(password string, id requests.ID) tea.Cmd {
	b := m.backend
	return call(connectTimeout, func(ctx context.Context) tea.Msg {
		s, err := b.Connect(ctx, password)
		return connectedMsg{id: id, session: s, err: err}
	})
}

// connected opens INBOX, or after a new login the folder that was open,
// the same way (SELECT or EXAMINE), then lists the folders: a LIST with
// STATUS costs Dovecot 0.13 s at 200,000 messages, which the first rows
// should not wait for.
func (m Model) connected(msg connectedMsg) (tea.Model, tea.Cmd) {
	m.finish(msg.id, msg.err) // every answer counts: the service has one session
	if m, cmd, ok := m.offlineConnect(msg); ok {
		return m, cmd
	}
	var auth *imapsvc.AuthError
	if msg.err != nil && !errors.As(msg.err, &auth) {
		// Not the password's fault: keep it and offer to try again.
		m.status = m.status.guessState(imapsvc.StateDisconnected)
		m.phase = phasePrompt
		m.prompt = m.prompt.connFailed(errText(msg.err))
		return m.closeKind(layerPrompt).offerLayer(layer{kind: layerPrompt}, "the login prompt"), nil
	}
	if msg.err == nil {
		m.write = m.write.loggedIn(m.password) // SMTP may log in with it too
	}
	m.password = ""
	if msg.err != nil {
		m.status = m.status.guessState(imapsvc.StateDisconnected)
		m.phase = phasePrompt
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.focus("Could not log in: " + errText(msg.err))
		return m.closeKind(layerPrompt).offerLayer(layer{kind: layerPrompt}, "the login prompt"), cmd
	}
	s := msg.session
	m.session, m.phase = &s, phaseReady
	m.status = m.status.guessState(imapsvc.StateAuthenticated)
	m.status.insecure = m.status.insecure || s.Insecure
	list := m.listFoldersCmd()
	name, ro := imapsvc.FolderName("INBOX"), false
	if m.list.open {
		name, ro = m.list.mb.Name, m.list.readOnly
	}
	m2, sel := m.selectCmd(name, ro, m.list.warm) // cached rows stay, resynced
	m2, tick := m2.startCountsTicker()
	return m2, tea.Batch(tea.Sequence(sel, list, m2.subscribedCmd()), tick)
}

// openFolder sends SELECT (or EXAMINE when readOnly). Only the answer to
// the latest request is used.
func (m Model) openFolder(name imapsvc.FolderName, readOnly bool) (Model, tea.Cmd) {
	m, warm, offline := m.openCached(name)
	if offline {
		return m, warm
	}
	m, sel := m.selectCmd(name, readOnly, false)
	return m, tea.Batch(sel, warm)
}

// selectCmd sends SELECT or EXAMINE; resync marks the one after a
// reconnect.
func (m Model) selectCmd(name imapsvc.FolderName, readOnly, resync bool) (Model, tea.Cmd) {
	id, b, window := m.reqs.StartLatest(reqSelect), m.backend, m.list.height+m.list.margin()
	if m.list.height == 0 {
		window = 50
	}
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		s, err := b.Select(ctx, name, readOnly, window)
		return selectedMsg{id: id, resync: resync, name: name, readOnly: readOnly, sel: s, err: err}
	})
}

func (m Model) selected(msg selectedMsg) (tea.Model, tea.Cmd) {
	if !m.finish(msg.id, msg.err) {
		return m, nil
	}
	if msg.resync && msg.err == nil && m.list.open && msg.name == m.list.mb.Name {
		return m.resynced(msg)
	}
	if msg.err != nil {
		m = m.dropQueued()
		verb := "SELECT"
		if msg.readOnly {
			verb = "EXAMINE"
		}
		m.status = m.status.setNotice(fmt.Sprintf("%s %s: %s", verb, msg.name, errDetail(msg.err)), true)
		return m, nil
	}
	sel := msg.sel
	sel.ReadOnly = sel.ReadOnly || msg.readOnly
	m.status = m.status.setSelection(sel)
	m.status = m.status.guessState(imapsvc.StateSelected)
	m.folders = m.folders.SetActive(sel.Name)
	c, _ := m.folders.Count(sel.Name)
	c.Messages = sel.Exists
	m.folders = m.folders.SetCounts(map[imapsvc.FolderName]imapsvc.Counts{sel.Name: c})
	q, keep := m.landing(sel.Mailbox)
	if !keep {
		m.reader, m.focus = m.reader.Close(), focusRight
		// A message still loading belongs to the old folder.
		m.reqs.Drop(reqMessage)
		m.reqs.Drop(reqReader)
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.reset(sel)
	m.status.quota, m.status.rights = quotaState{}, ""
	m = m.syncWriteHelp()
	m, open := m.openQueued(q, sel.Mailbox)
	return m, tea.Batch(cmd, m.afterSelect(sel.Name), open)
}

// countsCmd asks for folder counts that LIST did not bring, once, after
// the open folder's UIDs so the first screen is not kept waiting.
func (m *Model) countsCmd() tea.Cmd {
	if !m.countsWanted {
		return nil
	}
	m.countsWanted = false
	names := m.folders.Uncounted()
	if len(names) == 0 {
		return nil
	}
	return m.statusCmd(names)
}

// statusCmd asks the counts of the named folders (STATUS, bounded).
func (m *Model) statusCmd(names []imapsvc.FolderName) tea.Cmd {
	id, b := m.reqs.Start(reqCount), m.backend
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		c, err := b.Counts(ctx, names)
		return countsMsg{id: id, Counted: folders.Counted{Counts: c, Err: err}}
	})
}
