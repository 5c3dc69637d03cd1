package folders

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/keymap"
	"tern/ui/pane"
)

// Folder management keys: the pane checks what it can know itself (a
// \Noselect folder cannot be examined, a hierarchy level cannot be
// deleted, which way s toggles) and asks the root to do the rest.

// Action is what the user asked to do with the folder under the cursor.
type Action int

// The actions of the folder management keys.
const (
	Examine Action = iota
	Create         // open the command line with ":create" under the folder
	Rename         // open the command line with ":rename" of the folder
	Delete
	Subscribe
	Unsubscribe
	Info // the STATUS panel
)

type (
	// ActionMsg asks the root to act on a folder.
	ActionMsg struct {
		Action Action
		Folder Node
	}
	// ViewMsg says the pane switched between all and subscribed folders;
	// the root remembers the choice and asks the subscriptions again.
	ViewMsg struct{ SubscribedOnly bool }
)

// paneKeys are the tree's bindings plus the folder management ones.
type paneKeys struct {
	tree  keymap.FolderKeys
	admin keymap.FolderAdminKeys
}

func (k paneKeys) ShortHelp() []key.Binding {
	return append(k.tree.ShortHelp(), k.admin.ShortHelp()...)
}

func (k paneKeys) FullHelp() [][]key.Binding { return append(k.tree.FullHelp(), k.admin.FullHelp()...) }

// HelpKeys are the pane's bindings, for the ? help and the root's routing.
func (m Model) HelpKeys() help.KeyMap {
	return paneKeys{m.keys, m.admin}
}

// adminKey handles a folder management key; ok is false for other keys.
func (m Model) adminKey(km tea.KeyMsg) (Model, tea.Cmd, bool) {
	k := m.admin
	if key.Matches(km, k.ShowSubscribed) {
		m = m.SetSubscribedOnly(!m.subscribedOnly)
		return m, pane.Emit(ViewMsg{SubscribedOnly: m.subscribedOnly}), true
	}
	if !key.Matches(km, k.Examine, k.Create, k.Rename, k.Delete, k.Subscribe, k.Info) {
		return m, nil, false
	}
	n, ok := m.Cursor()
	if !ok {
		return m, nil, true
	}
	act := func(a Action) (Model, tea.Cmd, bool) { return m, pane.Emit(ActionMsg{Action: a, Folder: n}), true }
	switch {
	case key.Matches(km, k.Examine):
		if !n.Selectable() {
			return m, pane.Emit(NoticeMsg{Text: n.Folder.Display + ` cannot be opened (\Noselect)`, Err: true}), true
		}
		return act(Examine)
	case key.Matches(km, k.Create):
		return act(Create)
	case key.Matches(km, k.Rename):
		return act(Rename)
	case key.Matches(km, k.Delete):
		if n.Placeholder {
			return m, pane.Emit(NoticeMsg{Text: n.Path.String() + " is only a level of the hierarchy, not a folder", Err: true}), true
		}
		return act(Delete)
	case key.Matches(km, k.Subscribe):
		sub, known := m.Subscribed(n.Path)
		if !known {
			// Until LIST (SUBSCRIBED) or LSUB answers, tern cannot know which way to toggle.
			return m, pane.Emit(NoticeMsg{Text: "the subscriptions are not known (yet): use :subscribe or :unsubscribe", Err: true}), true
		}
		if sub {
			return act(Unsubscribe)
		}
		return act(Subscribe)
	}
	return act(Info)
}
