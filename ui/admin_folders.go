package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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

// node finds a folder of the tree by its server name.
func (m folderModel) node(name string) *treeNode {
	for _, r := range flattenTree(m.roots, nil) {
		if r.Node.Path == name {
			return r.Node
		}
	}
	return nil
}

// parentOf is the path of name's parent in the tree, or "".
func (m folderModel) parentOf(name string) string {
	n := m.node(name)
	if n == nil || n.Folder.Delim == "" {
		return ""
	}
	if i := strings.LastIndex(name, n.Folder.Delim); i > 0 {
		return name[:i]
	}
	return ""
}

// folderAdminKey acts on the folder under the cursor.
func (m Model) folderAdminKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys.FolderAdmin
	if key.Matches(msg, k.ShowSubscribed) {
		return m.toggleSubscribedView()
	}
	if len(m.folders.rows) == 0 {
		return m, nil
	}
	n := m.folders.rows[m.folders.cursor].Node
	name := n.Path
	switch {
	case key.Matches(msg, k.Examine):
		if !n.selectable() {
			m.status = m.status.setNotice(fmt.Sprintf("%s cannot be opened (\\Noselect)", n.Folder.Display), true)
			return m, nil
		}
		return m.openFolder(name, true)
	case key.Matches(msg, k.Create):
		// NeoMutt and aerc start from the folder under the cursor.
		prefix := ""
		if n.Folder.Delim != "" {
			prefix = name + n.Folder.Delim
		}
		return m.openCmdline("create " + quoteIfSpaced(prefix))
	case key.Matches(msg, k.Rename):
		return m.openCmdline("rename " + quoteName(name) + " " + quoteIfSpaced(name))
	case key.Matches(msg, k.Delete):
		if n.Placeholder {
			m.status = m.status.setNotice(name+" is only a level of the hierarchy, not a folder", true)
			return m, nil
		}
		return m.deleteFolder(name)
	case key.Matches(msg, k.Subscribe):
		if !m.hasCap("LIST-EXTENDED") {
			// Without LIST (SUBSCRIBED) tern cannot know which way to toggle.
			m.status = m.status.setNotice("this server cannot tell which folders are subscribed (no LIST-EXTENDED): use :subscribe or :unsubscribe", true)
			return m, nil
		}
		return m.subscribe(name, m.folders.unsubscribed[name])
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

// openCmdline opens the command line with text already typed.
func (m Model) openCmdline(text string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.cmdline, cmd = m.cmdline.open(m.folders.names(), m.status.sel.PermanentFlags)
	m.cmdline.input.SetValue(text)
	m.cmdline.input.CursorEnd()
	return m, cmd
}
