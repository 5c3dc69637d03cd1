// Package keymap holds every key binding of tern, one struct of
// key.Binding per context. Views implement help.KeyMap from the same
// bindings that handle the keys, so the help can never drift, and users
// override bindings by action name (see Apply).
package keymap

import "github.com/charmbracelet/bubbles/key"

// KeyMap is all bindings, by context.
type KeyMap struct {
	Global  GlobalKeys
	List    ListKeys
	Folders FolderKeys
	Viewer  ViewerKeys
	Parts   PartsKeys // the viewer's parts list
	Cmdline CmdlineKeys
	Prompt  PromptKeys
	// Issue 5: folder management, panels, confirmations, console.
	FolderAdmin FolderAdminKeys
	Panel       PanelKeys
	Confirm     ConfirmKeys
	Console     ConsoleKeys
	Picker      PickerKeys
	// Issue 14: writing mail (write.go).
	Write  WriteKeys
	Review ReviewKeys
}

// GlobalKeys work wherever no pane or overlay handles the key first.
type GlobalKeys struct {
	Quit       key.Binding
	ForceQuit  key.Binding
	Help       key.Binding
	FocusNext  key.Binding
	FocusPrev  key.Binding
	Command    key.Binding
	Console    key.Binding // protocol console
	ServerInfo key.Binding // CAPABILITY, NAMESPACE, ID, quota
	// Several accounts open side by side: the next and previous one.
	NextAccount key.Binding
	PrevAccount key.Binding
}

// Moves are the cursor movements shared by the list, the folder tree and
// the viewer.
type Moves struct {
	Up       key.Binding
	Down     key.Binding
	Top      key.Binding
	Bottom   key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	HalfUp   key.Binding
	HalfDown key.Binding
}

// ListKeys drive the message list.
type ListKeys struct {
	Moves
	Open key.Binding
	Actions
}

// Actions act on the marked messages, or the one under the cursor.
type Actions struct {
	Mark        key.Binding
	MarkAll     key.Binding
	Visual      key.Binding
	Delete      key.Binding
	Move        key.Binding
	Copy        key.Binding
	Undo        key.Binding
	Expunge     key.Binding
	ToggleRead  key.Binding
	ToggleFlag  key.Binding
	ToggleJunk  key.Binding
	Search      key.Binding
	NextHit     key.Binding
	PrevHit     key.Binding
	Clear       key.Binding
	Sort        key.Binding
	SortReverse key.Binding
	Threads     key.Binding
}

// PickerKeys drive the fuzzy folder picker of copy and move.
type PickerKeys struct {
	Up     key.Binding
	Down   key.Binding
	Choose key.Binding
	Cancel key.Binding
}

// FolderKeys drive the folder tree.
type FolderKeys struct {
	Moves
	Open     key.Binding
	Collapse key.Binding
	Expand   key.Binding
	Toggle   key.Binding
}

// ViewerKeys drive the message viewer.
type ViewerKeys struct {
	Moves
	Back key.Binding
	// Reading (issue 3): views of the open message and its parts.
	ToggleHTML key.Binding
	Headers    key.Binding
	Raw        key.Binding
	Info       key.Binding
	Parts      key.Binding
	Save       key.Binding
	SaveAll    key.Binding
	Open       key.Binding
	NextPage   key.Binding
	PrevPage   key.Binding
	// Stepping through the list's current view without leaving the viewer.
	NextMessage key.Binding
	PrevMessage key.Binding
	NextUnread  key.Binding
	// OpenLink starts ":open " on the command line for a link number.
	OpenLink key.Binding
}

// CmdlineKeys drive the ":" command line.
type CmdlineKeys struct {
	Complete key.Binding
	Execute  key.Binding
	Cancel   key.Binding
}

// PromptKeys drive the password prompt.
type PromptKeys struct {
	Submit key.Binding
	Cancel key.Binding
	Retry  key.Binding // after a connection error, besides Submit
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

func defaultMoves(what string) Moves {
	return Moves{
		Up:       bind("↑/k", "up", "up", "k"),
		Down:     bind("↓/j", "down", "down", "j"),
		Top:      bind("g", what+" top", "g", "home"),
		Bottom:   bind("G", what+" bottom", "G", "end"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
		HalfUp:   bind("ctrl+u", "half page up", "ctrl+u"),
		HalfDown: bind("ctrl+d", "half page down", "ctrl+d"),
	}
}

// DefaultKeyMap returns tern's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Global: GlobalKeys{
			Quit:       bind("q", "quit", "q"),
			ForceQuit:  bind("ctrl+c", "quit now", "ctrl+c"),
			Help:       bind("?", "help", "?"),
			FocusNext:  bind("tab", "next pane", "tab"),
			FocusPrev:  bind("shift+tab", "previous pane", "shift+tab"),
			Command:    bind(":", "command", ":"),
			Console:    bind("`", "protocol console", "`"),
			ServerInfo: bind("I", "server info", "I"),

			NextAccount: bind("}", "next account", "}"),
			PrevAccount: bind("{", "previous account", "{"),
		},
		List: ListKeys{
			Moves: defaultMoves("to"),
			Open:  bind("enter", "open message", "enter"),
			Actions: Actions{
				Mark:        bind("t", "mark", "t"),
				MarkAll:     bind("A", "mark all", "A"),
				Visual:      bind("v", "mark range", "v"),
				Delete:      bind("d", "delete", "d"),
				Move:        bind("m", "move", "m"),
				Copy:        bind("C", "copy", "C"),
				Undo:        bind("u", "undo move/delete", "u"),
				Expunge:     bind("$", "expunge", "$"),
				ToggleRead:  bind("U", "read/unread", "U"),
				ToggleFlag:  bind("F", "flag", "F"),
				ToggleJunk:  bind("J", "junk/not junk", "J"),
				Search:      bind("/", "search", "/"),
				NextHit:     bind("n", "next hit", "n"),
				PrevHit:     bind("N", "previous hit", "N"),
				Clear:       bind("esc", "clear search/marks", "esc"),
				Sort:        bind("o", "sort by", "o"),
				SortReverse: bind("O", "reverse sort", "O"),
				Threads:     bind("T", "threads", "T"),
			},
		},
		Folders: FolderKeys{
			Moves:    defaultMoves("to"),
			Open:     bind("enter", "open folder", "enter"),
			Collapse: bind("h/←", "collapse", "h", "left"),
			Expand:   bind("l/→", "expand", "l", "right"),
			Toggle:   bind("space", "toggle", " "),
		},
		Viewer: ViewerKeys{
			Moves: defaultMoves("to"),
			Back:  bind("esc/q", "back", "esc", "q"),

			ToggleHTML: bind("H", "HTML/plain", "H"),
			Headers:    bind("h", "full headers", "h"),
			Raw:        bind("R", "raw source", "R"),
			Info:       bind("i", "message info", "i"),
			Parts:      bind("v", "parts", "v"),
			Save:       bind("s", "save part", "s"),
			SaveAll:    bind("S", "save all", "S"),
			Open:       bind("o", "open part", "o"),
			NextPage:   bind("]", "next raw page", "]"),
			PrevPage:   bind("[", "previous raw page", "["),
			// J/K (aerc) would clash with J (junk); n is Thunderbird's next unread.
			NextMessage: bind("ctrl+n", "next message", "ctrl+n"),
			PrevMessage: bind("ctrl+p", "previous message", "ctrl+p"),
			NextUnread:  bind("n", "next unread", "n"),
			OpenLink:    bind("L", "open link N", "L"),
		},
		Parts: defaultPartsKeys(),
		Cmdline: CmdlineKeys{
			Complete: bind("tab", "complete", "tab"),
			Execute:  bind("enter", "run", "enter"),
			Cancel:   bind("esc", "cancel", "esc", "ctrl+c"),
		},
		Prompt: PromptKeys{
			Submit: bind("enter", "connect", "enter"),
			Cancel: bind("esc", "quit", "esc", "ctrl+c"),
			Retry:  bind("r", "try again", "r"),
		},
		FolderAdmin: defaultFolderAdminKeys(),
		Panel:       defaultPanelKeys(),
		Confirm:     defaultConfirmKeys(),
		Console:     defaultConsoleKeys(),
		Picker: PickerKeys{
			Up:     bind("↑/ctrl+p", "up", "up", "ctrl+p"),
			Down:   bind("↓/ctrl+n", "down", "down", "ctrl+n"),
			Choose: bind("enter", "choose", "enter"),
			Cancel: bind("esc", "cancel", "esc", "ctrl+c"),
		},
		Write:  defaultWriteKeys(),
		Review: defaultReviewKeys(),
	}
}
