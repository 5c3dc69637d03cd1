package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"tern/config"
	"tern/ui/folders"
)

// The all/subscribed choice: the folder pane filters, the root asks the
// server and keeps the choice in the state file.

// subscribedCmd asks the subscribed folders: LIST (SUBSCRIBED), or LSUB on
// the side connection where LIST-EXTENDED is missing.
func (m Model) subscribedCmd() tea.Cmd {
	id, b := m.reqs.Start(reqFolders), m.backend
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		s, err := b.Subscribed(ctx)
		return subsMsg{id: id, SubsListed: folders.SubsListed{Names: s.Names, Err: err}}
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
	path, st := m.admin.statePath, config.State{SubscribedOnly: m.folders.SubscribedOnly()}
	if path == "" {
		return nil
	}
	return func() tea.Msg { return stateSavedMsg{err: config.SaveState(path, st)} }
}

// toggleSubscribedView switches between all and subscribed folders and
// remembers the choice.
func (m Model) toggleSubscribedView() (Model, tea.Cmd) {
	m.folders = m.folders.SetSubscribedOnly(!m.folders.SubscribedOnly())
	return m.viewChanged()
}

// viewChanged says which folders are shown, remembers the choice and asks
// the subscriptions again.
func (m Model) viewChanged() (Model, tea.Cmd) {
	m.status = m.status.setNotice("showing "+m.viewName(), false)
	return m, tea.Batch(m.saveStateCmd(), m.subscribedCmd())
}

func (m Model) viewName() string {
	if m.folders.SubscribedOnly() {
		return "subscribed folders only"
	}
	return "all folders"
}
