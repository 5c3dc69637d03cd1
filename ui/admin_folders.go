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

// node finds a folder of the tree by its server name.
func (m folderModel) node(name imapsvc.FolderName) *treeNode {
	for _, r := range flattenTree(m.roots, nil) {
		if r.Node.Path == name {
			return r.Node
		}
	}
	return nil
}

// parentOf is the path of name's parent in the tree, or "".
func (m folderModel) parentOf(name imapsvc.FolderName) imapsvc.FolderName {
	n := m.node(name)
	if n == nil || n.Folder.Delim == "" {
		return ""
	}
	if i := strings.LastIndex(string(name), n.Folder.Delim); i > 0 {
		return name[:i]
	}
	return ""
}

// resolve turns a folder name the user typed into the server's name. The
// screen shows names sanitized, so a folder whose name has control or
// bidi characters can only be typed as it is shown: an exact name wins,
// else the one folder shown as typed; anything else is taken as typed
// (a new name, or one the server will refuse).
func (m folderModel) resolve(typed string) imapsvc.FolderName {
	var shownAs imapsvc.FolderName
	found := 0
	for _, r := range flattenTree(m.roots, nil) {
		switch p := r.Node.Path; {
		case string(p) == typed:
			return p
		case p.String() == typed:
			shownAs, found = p, found+1
		}
	}
	if found == 1 {
		return shownAs
	}
	return imapsvc.FolderName(typed)
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
		if m.admin.subs == nil {
			// Until LIST (SUBSCRIBED) or LSUB answers, tern cannot know which way to toggle.
			m.status = m.status.setNotice("the subscriptions are not known (yet): use :subscribe or :unsubscribe", true)
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
	m.cmdline, cmd = m.cmdline.open(m.folders.names(), m.status.sel.PermanentFlags)
	m.cmdline.input.SetValue(text)
	m.cmdline.input.CursorEnd()
	return m.openLayer(layer{kind: layerCmdline}), cmd
}
