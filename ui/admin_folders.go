package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folders"
)

// unshownNote says, for a prefilled command line, that a name is shown
// without characters the terminal must not get.
func unshownNote(name imapsvc.FolderName) string {
	if name.Shown() {
		return ""
	}
	return fmt.Sprintf("%q has control characters, not shown; the prefill omits them and a new name is sent as typed", name.String())
}

// folderAction does what the folder pane asked for the folder under its
// cursor.
func (m Model) folderAction(msg folders.ActionMsg) (Model, tea.Cmd) {
	n := msg.Folder
	name := n.Path
	switch msg.Action {
	case folders.Examine:
		return m.openFolder(name, true)
	case folders.Create:
		// NeoMutt and aerc start from the folder under the cursor. The
		// prefill is what the screen shows: a raw name must not reach it.
		prefix := ""
		if n.Folder.Delim != "" {
			prefix = name.String() + n.Folder.Delim
		}
		return m.openCmdlineNoting("create "+quoteIfSpaced(prefix), name)
	case folders.Rename:
		shown := name.String()
		return m.openCmdlineNoting("rename "+quoteName(shown)+" "+quoteIfSpaced(shown), name)
	case folders.Delete:
		return m.deleteFolder(name)
	case folders.Subscribe, folders.Unsubscribe:
		return m.subscribe(name, msg.Action == folders.Subscribe)
	case folders.Info:
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
	return m.openLayer(layer{kind: layerCmdline}), cmd
}
