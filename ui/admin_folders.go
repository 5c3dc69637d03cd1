package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
)

// folderPaneKeys are the folder tree's bindings plus the folder
// management ones, for routing and help.
type folderPaneKeys struct {
	tree  keymap.FolderKeys
	admin keymap.FolderAdminKeys
}

func (k folderPaneKeys) ShortHelp() []key.Binding {
	return append(k.tree.ShortHelp(), k.admin.ShortHelp()...)
}

func (k folderPaneKeys) FullHelp() [][]key.Binding {
	return append(k.tree.FullHelp(), k.admin.FullHelp()...)
}

// unshownNote says, for a prefilled command line, that a name is shown
// without characters the terminal must not get.
func unshownNote(name imapsvc.FolderName) string {
	if name.Shown() {
		return ""
	}
	return fmt.Sprintf("%q has control characters, not shown; the prefill omits them and a new name is sent as typed", name.String())
}

// folderAdminKey acts on the folder under the cursor.
func (m Model) folderAdminKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys.FolderAdmin
	if key.Matches(msg, k.ShowSubscribed) {
		return m.toggleSubscribedView()
	}
	n, ok := m.folders.Cursor()
	if !ok {
		return m, nil
	}
	name := n.Path
	switch {
	case key.Matches(msg, k.Examine):
		if !n.Selectable() {
			m.status = m.status.setNotice(fmt.Sprintf("%s cannot be opened (\\Noselect)", n.Folder.Display), true)
			return m, nil
		}
		return m.openFolder(name, true)
	case key.Matches(msg, k.Create):
		// NeoMutt and aerc start from the folder under the cursor. The
		// prefill is what the screen shows: a raw name must not reach it.
		prefix := ""
		if n.Folder.Delim != "" {
			prefix = name.String() + n.Folder.Delim
		}
		return m.openCmdlineNoting("create "+quoteIfSpaced(prefix), name)
	case key.Matches(msg, k.Rename):
		shown := name.String()
		return m.openCmdlineNoting("rename "+quoteName(shown)+" "+quoteIfSpaced(shown), name)
	case key.Matches(msg, k.Delete):
		if n.Placeholder {
			m.status = m.status.setNotice(fmt.Sprintf("%s is only a level of the hierarchy, not a folder", name), true)
			return m, nil
		}
		return m.deleteFolder(name)
	case key.Matches(msg, k.Subscribe):
		sub, known := m.folders.Subscribed(name)
		if !known {
			// Until LIST (SUBSCRIBED) or LSUB answers, tern cannot know which way to toggle.
			m.status = m.status.setNotice("the subscriptions are not known (yet): use :subscribe or :unsubscribe", true)
			return m, nil
		}
		return m.subscribe(name, !sub)
	case key.Matches(msg, k.Info):
		return m.statusPanel(name)
	}
	return m, nil
}

// quoteIfSpaced opens a quote for a prefix with spaces, to be completed
// by the user.
func quoteIfSpaced(s string) string {
	if strings.Contains(s, " ") {
		return `"` + s
	}
	return s
}

// openCmdlineNoting opens the command line prefilled with text made from
// name's display form, and says so when that differs from the name.
func (m Model) openCmdlineNoting(text string, name imapsvc.FolderName) (Model, tea.Cmd) {
	m, cmd := m.openCmdline(text)
	m.cmdline.note = unshownNote(name)
	return m, cmd
}

// openCmdline opens the command line with text already typed.
func (m Model) openCmdline(text string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.cmdline, cmd = m.cmdline.open(m.folders.Names(), m.status.sel.PermanentFlags)
	m.cmdline.input.SetValue(text)
	m.cmdline.input.CursorEnd()
	return m, cmd
}
