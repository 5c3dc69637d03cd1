package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/imapsvc"
)

// The all/subscribed folder views and the state file that remembers the
// choice.

// gotFolderList keeps the full LIST answer and shows all folders or the
// subscribed ones.
func (m Model) gotFolderList(folders []imapsvc.Folder) Model {
	m.admin.all = folders
	m = m.showFolders()
	if f := m.admin.focusAfterList; f != "" {
		m.folders, m.admin.focusAfterList = m.folders.cursorTo(f), ""
	}
	return m
}

// showFolders filters the folder tree: in the subscribed view only
// subscribed folders (and INBOX) are shown; in the all-folders view the
// unsubscribed ones are marked.
func (m Model) showFolders() Model {
	if m.admin.all == nil {
		return m
	}
	m.folders.unsubscribed = map[imapsvc.FolderName]bool{}
	shown := m.admin.all
	if m.admin.subs != nil {
		shown = nil
		for _, f := range m.admin.all {
			sub := m.admin.subs[f.Name] || f.Name.IsInbox()
			if !sub && !f.NoSelect {
				m.folders.unsubscribed[f.Name] = true
			}
			if sub || !m.admin.subscribedOnly {
				shown = append(shown, f)
			}
		}
	}
	m.folders = m.folders.setFolders(shown)
	return m
}

// subscribedCmd asks the subscribed folders: LIST (SUBSCRIBED), or LSUB on
// the side connection where LIST-EXTENDED is missing.
func (m Model) subscribedCmd() tea.Cmd {
	id, b := m.reqs.Start(reqFolders), m.backend
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		s, err := b.Subscribed(ctx)
		return subsMsg{id: id, names: s.Names, err: err}
	})
}

func (m Model) loadStateCmd() tea.Cmd {
	path := m.admin.statePath
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		st, err := config.LoadState(path)
		return stateLoadedMsg{st: st, err: err}
	}
}

func (m Model) saveStateCmd() tea.Cmd {
	path, st := m.admin.statePath, config.State{SubscribedOnly: m.admin.subscribedOnly}
	if path == "" {
		return nil
	}
	return func() tea.Msg { return stateSavedMsg{err: config.SaveState(path, st)} }
}

// toggleSubscribedView switches between all and subscribed folders and
// remembers the choice.
func (m Model) toggleSubscribedView() (Model, tea.Cmd) {
	m.admin.subscribedOnly = !m.admin.subscribedOnly
	m.status = m.status.setNotice("showing "+m.viewName(), false)
	return m.showFolders(), tea.Batch(m.saveStateCmd(), m.subscribedCmd())
}

func (m Model) viewName() string {
	if m.admin.subscribedOnly {
		return "subscribed folders only"
	}
	return "all folders"
}
