package keymap

import "github.com/charmbracelet/bubbles/key"

// Bindings of folder management, the information panels, confirmations
// and the protocol console (issue 5).

// FolderAdminKeys act on the folder under the cursor in the folder pane.
type FolderAdminKeys struct {
	Examine        key.Binding
	Create         key.Binding
	Delete         key.Binding
	Rename         key.Binding
	Subscribe      key.Binding
	Info           key.Binding
	ShowSubscribed key.Binding
}

// PanelKeys drive an information panel (STATUS, server, quota, ACL).
type PanelKeys struct {
	Moves
	Close key.Binding
}

// ConfirmKeys answer a yes/no question.
type ConfirmKeys struct {
	Yes key.Binding
	No  key.Binding
}

// ConsoleKeys drive the protocol console.
type ConsoleKeys struct {
	Send   key.Binding
	Close  key.Binding
	Scroll key.Binding // back through the trace
	Latest key.Binding
}

func defaultFolderAdminKeys() FolderAdminKeys {
	return FolderAdminKeys{
		Examine:        bind("e", "examine (read-only)", "e"),
		Create:         bind("a", "create folder", "a"),
		Delete:         bind("D", "delete folder", "D"),
		Rename:         bind("R", "rename folder", "R"),
		Subscribe:      bind("s", "subscribe/unsubscribe", "s"),
		Info:           bind("i", "folder info (STATUS, ACL)", "i"),
		ShowSubscribed: bind("S", "all/subscribed folders", "S"),
	}
}

func defaultPanelKeys() PanelKeys {
	return PanelKeys{Moves: defaultMoves("to"), Close: bind("esc/q", "close", "esc", "q")}
}

func defaultConfirmKeys() ConfirmKeys {
	return ConfirmKeys{Yes: bind("y", "yes", "y", "Y"), No: bind("n/esc", "no", "n", "N", "esc")}
}

func defaultConsoleKeys() ConsoleKeys {
	return ConsoleKeys{
		Send:   bind("enter", "send", "enter"),
		Close:  bind("esc", "close console", "esc", "ctrl+c"),
		Scroll: bind("pgup", "scroll back", "pgup"),
		Latest: bind("pgdn", "scroll forward", "pgdown"),
	}
}

// ShortHelp implements help.KeyMap.
func (k FolderAdminKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Create, k.Delete, k.Rename, k.Info}
}

// FullHelp implements help.KeyMap.
func (k FolderAdminKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Examine, k.Create, k.Delete, k.Rename, k.Subscribe, k.Info, k.ShowSubscribed}}
}

// ShortHelp implements help.KeyMap.
func (k PanelKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Close}
}

// FullHelp implements help.KeyMap.
func (k PanelKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Moves.all(), {k.Close}}
}

// ShortHelp implements help.KeyMap.
func (k ConfirmKeys) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp implements help.KeyMap.
func (k ConfirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp implements help.KeyMap.
func (k ConsoleKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Send, k.Scroll, k.Latest, k.Close}
}

// FullHelp implements help.KeyMap.
func (k ConsoleKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// adminActions names the bindings above for user overrides.
func (k *KeyMap) adminActions(a map[string]*key.Binding) {
	f := &k.FolderAdmin
	for name, b := range map[string]*key.Binding{
		"folders.examine": &f.Examine, "folders.create": &f.Create, "folders.delete": &f.Delete,
		"folders.rename": &f.Rename, "folders.subscribe": &f.Subscribe, "folders.info": &f.Info,
		"folders.show_subscribed": &f.ShowSubscribed,
		"global.console":          &k.Global.Console, "global.server_info": &k.Global.ServerInfo,
		"panel.close": &k.Panel.Close, "confirm.yes": &k.Confirm.Yes, "confirm.no": &k.Confirm.No,
		"console.send": &k.Console.Send, "console.close": &k.Console.Close,
		"console.scroll": &k.Console.Scroll, "console.latest": &k.Console.Latest,
	} {
		a[name] = b
	}
}
