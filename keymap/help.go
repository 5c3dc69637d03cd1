package keymap

import "github.com/charmbracelet/bubbles/key"

// Each context implements help.KeyMap. Disabled bindings are skipped by the
// help model, so help shows only what works now.

func (m Moves) all() []key.Binding {
	return []key.Binding{m.Up, m.Down, m.Top, m.Bottom, m.PageUp, m.PageDown, m.HalfUp, m.HalfDown}
}

// ShortHelp implements help.KeyMap.
func (k GlobalKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Command, k.FocusNext, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.FocusNext, k.FocusPrev, k.Command, k.Help, k.Quit, k.ForceQuit, k.Console, k.ServerInfo, k.NextAccount, k.PrevAccount}}
}

// ShortHelp implements help.KeyMap.
func (k ListKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open}
}

// FullHelp implements help.KeyMap.
func (k ListKeys) FullHelp() [][]key.Binding {
	return append([][]key.Binding{k.Moves.all(), {k.Open}}, k.Actions.Groups()...)
}

// Groups are the action bindings in the columns help shows them in.
func (a Actions) Groups() [][]key.Binding {
	return [][]key.Binding{
		{a.Mark, a.MarkAll, a.Visual, a.Clear, a.Undo, a.Expunge},
		{a.Delete, a.Move, a.Copy, a.ToggleRead, a.ToggleFlag, a.ToggleJunk},
		{a.Search, a.NextHit, a.PrevHit, a.Sort, a.SortReverse, a.Threads},
	}
}

// ShortHelp implements help.KeyMap.
func (k PickerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k PickerKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp implements help.KeyMap.
func (k FolderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Toggle}
}

// FullHelp implements help.KeyMap.
func (k FolderKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Moves.all(), {k.Open, k.Collapse, k.Expand, k.Toggle}}
}

// ShortHelp implements help.KeyMap.
func (k ViewerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Back}
}

// FullHelp implements help.KeyMap.
func (k ViewerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Moves.all(), {k.Back, k.NextMessage, k.PrevMessage, k.NextUnread}, k.reading()}
}

// ShortHelp implements help.KeyMap.
func (k CmdlineKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Complete, k.Execute, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k CmdlineKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp()}
}

// ShortHelp implements help.KeyMap.
func (k PromptKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k PromptKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp()}
}

// reading are the bindings of the message views (issue 3).
func (k ViewerKeys) reading() []key.Binding {
	return []key.Binding{k.ToggleHTML, k.Headers, k.Raw, k.Info, k.Parts, k.Save, k.SaveAll, k.Open, k.OpenLink, k.NextPage, k.PrevPage}
}
