package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/commands"
	"tern/ui/pane"
)

// The ":" commands, one entry each. Parsing, the usage message, Tab
// completion, the command page of the help and docs/commands.md are read
// from this table; runCommand checks the phase, the open folder and the
// entry's write right before the entry's run function is called, so a
// run function only does its work.
//
// The table type lives in ui/commands; its run functions stay here
// because they act on the Model (folder resolution in the tree, guards
// on the open folder's rights, the backend and the request counters).

// runFunc carries out a parsed command.
type runFunc func(m Model, c commands.Call) (tea.Model, tea.Cmd)

type commandSpec = commands.Spec[runFunc]

// writes is the Write of a change to the open folder's messages.
func writes(op writeOp) *commands.Write {
	return &commands.Write{Right: op.right, What: op.what, On: commands.OpenFolder}
}

func commandTable() commands.Table[runFunc] {
	const (
		name, optName, names, text = commands.Name, commands.OptName, commands.Names, commands.Text
		folders                    = commands.Folders
	)
	named := func(right byte, what string) *commands.Write {
		return &commands.Write{Right: right, What: what, On: commands.NamedFolder}
	}
	return commands.Table[runFunc]{
		{Names: []string{"select"}, Args: name, Synopsis: "NAME", Complete: folders,
			Help: "open a folder read-write (SELECT)", Doc: "SELECT: open read-write",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.openFolder(m.folders.Resolve(c.Args[0]), false)
			}},
		{Names: []string{"examine"}, Args: name, Synopsis: "NAME", Complete: folders,
			Help: "open a folder read-only (EXAMINE)", Doc: "EXAMINE: open read-only; nothing changes, messages read stay unseen",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.openFolder(m.folders.Resolve(c.Args[0]), true)
			}},
		{Names: []string{"create"}, Args: name, Synopsis: "NAME", Complete: folders,
			Help: "create a folder (a separator makes a subfolder)", Doc: "CREATE, with every missing parent (`A/B/C`)",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.createFolder(imapsvc.FolderName(c.Args[0])) // a new name is taken as typed
			}},
		{Names: []string{"delete"}, Args: name, Synopsis: "NAME", Complete: folders, Write: named('x', "delete it"),
			Help: "delete a folder and its messages, after asking", Doc: "DELETE, after a confirmation naming the message count",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.deleteFolder(m.commandFolder(c)) }},
		{Names: []string{"rename"}, Args: names, Min: 2, Max: 2, Synopsis: "OLD NEW", Note: "quote names with spaces",
			Complete: folders, Write: named('x', "rename it"),
			Help: "rename a folder, also under another parent", Doc: "RENAME, also under another parent",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.renameFolder(m.commandFolder(c), imapsvc.FolderName(c.Args[1]), false)
			}},
		{Names: []string{"subscribe"}, Args: name, Synopsis: "NAME", Complete: folders,
			Help: "subscribe to a folder", Doc: "SUBSCRIBE",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.subscribe(m.commandFolder(c), true) }},
		{Names: []string{"unsubscribe"}, Args: name, Synopsis: "NAME", Complete: folders,
			Help: "unsubscribe from a folder", Doc: "UNSUBSCRIBE",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.subscribe(m.commandFolder(c), false) }},
		{Names: []string{"lsub"},
			Help: "show only subscribed folders, or all (toggle)",
			Doc:  "toggle all / subscribed folders (`LIST (SUBSCRIBED)`, or LSUB on the side connection)",
			Run:  func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.toggleSubscribedView() }},
		{Names: []string{"status"}, Args: optName, Synopsis: "[NAME]", Complete: folders,
			Help: "counts of a folder (STATUS), or the open one",
			Doc:  "STATUS without selecting (default: the open folder); RECENT comes from the side connection",
			Run:  func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.statusPanel(m.commandFolder(c)) }},
		{Names: []string{"acl"}, Args: optName, Synopsis: "[NAME]", Complete: folders,
			Help: "ACL and your rights on a folder, or the open one", Doc: "GETACL and MYRIGHTS, each right explained",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.aclPanel(m.commandFolder(c)) }},
		{Names: []string{"setacl"}, Args: names, Min: 3, Max: 3, Synopsis: "NAME ID RIGHTS", Note: "RIGHTS may start with + or -",
			Complete: folders, Write: named('a', "change its ACL"),
			Help: "set, add (+) or remove (-) a user's rights", Doc: "SETACL; RIGHTS may start with `+` or `-`",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.setACL(m.commandFolder(c), c.Args[1], c.Args[2])
			}},
		{Names: []string{"deleteacl"}, Args: names, Min: 2, Max: 2, Synopsis: "NAME ID",
			Complete: folders, Write: named('a', "change its ACL"),
			Help: "remove a user from a folder's ACL", Doc: "DELETEACL: remove ID from the ACL",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.setACL(m.commandFolder(c), c.Args[1], "")
			}},
		{Names: []string{"fetch"}, Args: text, Synopsis: "[SET] ITEMS", Missing: "items, e.g. :fetch body.peek[header] or :fetch 1:* flags",
			Help: "FETCH items of the chosen messages or a SET",
			Doc: "UID FETCH ITEMS for the sequence set SET (`1`, `1:*`, `2,4:6`), else the open message, " +
				"else the marked ones (or the one under the cursor), decoded",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.fetchItems(c.Text) }},
		{Names: []string{"store"}, Args: text, Synopsis: "[SET] [+|-]FLAGS FLAG…", Open: true, Write: writes(opFlags), Complete: commands.StoreFlags,
			Help: "change flags of the chosen messages",
			Doc: "UID STORE to the sequence set SET (`1:2`, `1:*`), else the marked messages or the one under the cursor: " +
				"`+flags` adds flags or keywords (`:store +flags \\Seen $label1`), `-flags` removes them, " +
				"`flags` replaces all; Tab offers the forms, then the flags and keywords the server keeps (PERMANENTFLAGS)",
			Run: runStore},
		{Names: []string{"copy"}, Args: name, Synopsis: "[SET] NAME", Open: true, Complete: folders,
			Help: "copy the chosen messages to a folder", Doc: "UID COPY of SET (else the marked messages) to NAME", Run: runTransfer},
		{Names: []string{"move"}, Args: name, Synopsis: "[SET] NAME", Open: true, Write: writes(opDelete), Complete: folders,
			Help: "move the chosen messages to a folder", Doc: "UID MOVE (or the safe fallback: COPY, then STORE and UID EXPUNGE) of SET (else the marked messages) to NAME",
			Run: runTransfer},
		{Names: []string{"expunge"}, Open: true, Write: writes(opExpunge),
			Help: "expunge \\Deleted messages, after asking",
			Doc:  "UID EXPUNGE of the marked `\\Deleted` messages (EXPUNGE without UIDPLUS), after a question",
			Run:  func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.expungeAsk(false) }},
		{Names: []string{"close"}, Open: true,
			Help: "close, expunging \\Deleted after asking", Doc: "CLOSE: leave the folder; asks first when it would expunge",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.expungeAsk(true) }},
		{Names: []string{"unselect"}, Open: true,
			Help: "close the folder without expunging", Doc: "UNSELECT: leave the folder without expunging",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
				return m, pane.Emit(closeMsg{mb: m.list.mb, unselect: true})
			}},
		{Names: []string{"search"}, Args: text, Synopsis: "KEYS", Open: true,
			Help: "show messages matching IMAP search keys",
			Doc:  "UID SEARCH with IMAP keys as typed (`:search FROM alice SINCE 1-Nov-2026 UNSEEN`)",
			Run:  func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.searchCmd(c.Text) }},
		{Names: []string{"sort"}, Args: text, Synopsis: "KEY [reverse]", Open: true,
			Complete: commands.Words, Words: []string{"arrival", "date", "from", "subject", "size", "reverse"},
			Help: "sort by arrival, date, from, subject or size", Doc: "SORT by arrival, date, from, subject or size",
			Run: runSort},
		{Names: []string{"thread"}, Open: true,
			Help: "show the folder as threads", Doc: "THREAD=REFERENCES on/off",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.threadCmd() }},
		{Names: []string{"open"}, Args: text, Synopsis: "N", Missing: "a link number",
			Help: "open link N of the message shown in $BROWSER",
			Doc:  "open link N (the list `[N] URL` at the end of the message) with `$BROWSER`, else the system opener; only http, https and mailto",
			Run:  runOpenLink},
		{Names: []string{"compose"}, Help: "write a new message in $EDITOR", Doc: "write a new message: `$VISUAL`/`$EDITOR`, then the review screen", Run: runCompose},
		{Names: []string{"reply"}, Args: optName, Synopsis: "[-a]", Complete: commands.Words, Words: []string{"-a"},
			Help: "reply to the chosen message; -a to all", Doc: "reply to the open message or the one under the cursor; `-a` to all (without your own addresses)", Run: runReply},
		{Names: []string{"forward"}, Args: optName, Synopsis: "[-a]", Complete: commands.Words, Words: []string{"-a"},
			Help: "forward the chosen message; -a as an attachment", Doc: "forward inline, or with `-a` as an attached `message/rfc822`", Run: runForward},
		{Names: []string{"capability"},
			Help: "list the server's capabilities", Doc: "CAPABILITY: list what the server supports", Run: runCapability},
		{Names: []string{"info"},
			Help: "what tern knows of the server and the session", Doc: "CAPABILITY with meanings, NAMESPACE, ID",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.serverPanel() }},
		{Names: []string{"quota"},
			Help: "your quota (GETQUOTAROOT)", Doc: "GETQUOTAROOT of every folder: all quota roots",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.quotaPanel() }},
		{Names: []string{"console"},
			Help: "the protocol console (commands and answers)",
			Run:  func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.openConsole() }},
		{Names: []string{"account"}, Args: name, Synopsis: "NAME", Offline: true,
			Help: "show another account (several open side by side)", Doc: "switch to the account NAME of the config; Tab completes the names",
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.accountCmd(c.Args[0]) }},
		{Names: []string{"login"}, Offline: true,
			Help: "log in again, e.g. after a lost connection", Run: runLogin},
		{Names: []string{"logout", "quit", "q"}, Offline: true,
			Help: "log out and quit", Doc: "LOGOUT and exit",
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.quit() }},
	}
}

// runCommand carries out a ":" command line. Every refusal, an unknown
// command included, is a notice on the message line.
func (m Model) runCommand(line string) (tea.Model, tea.Cmd) {
	return m.runCommandIn(commandTable(), line)
}

// runCommandIn runs line by table: the phase, the open folder and the
// entry's write right are checked here, once for every command.
func (m Model) runCommandIn(table commands.Table[runFunc], line string) (tea.Model, tea.Cmd) {
	spec, c, err := table.Parse(line)
	refuse := m.commandRefused
	switch {
	case err != nil:
		return refuse(err.Error())
	case m.phase != phaseReady && !spec.Offline:
		return refuse("not connected yet")
	case spec.Open && !m.list.open:
		return refuse("no folder open")
	}
	if w := spec.Write; w != nil {
		why := m.writeGuard(writeOp{what: w.What, right: w.Right})
		if w.On == commands.NamedFolder {
			why = m.rightsGuard(m.commandFolder(c), w.Right, w.What)
		}
		if why != "" {
			return refuse(why)
		}
	}
	if spec.Run == nil { // a table entry without a run function is a bug, not a quit
		return refuse(":" + c.Name + " is not implemented")
	}
	return spec.Run(m, c)
}

// commandFolder is the folder a command's first argument names, looked up
// as the screen shows it, or the open folder when there is none.
func (m Model) commandFolder(c commands.Call) imapsvc.FolderName {
	if len(c.Args) > 0 {
		return m.folders.Resolve(c.Args[0])
	}
	if m.list.open {
		return m.list.mb.Name
	}
	return ""
}

// commandHelp is the command page of the help, one binding a command.
func commandHelp() []key.Binding {
	var out []key.Binding
	for _, s := range commandTable() {
		name := ":" + s.Names[0]
		if s.Synopsis != "" {
			name += " " + s.Synopsis
		}
		out = append(out, key.NewBinding(key.WithKeys(s.Names[0]), key.WithHelp(name, s.Help)))
	}
	return out
}

// completions returns the full command lines Tab may cycle through.
func completions(line string, folders, flags []string) []string {
	return accountCompletions(line, folders, flags, nil)
}

// accountCompletions are completions with the names :account offers.
func accountCompletions(line string, folders, flags, accounts []string) []string {
	if name, prefix, ok := strings.Cut(strings.TrimLeft(line, " "), " "); ok && name == "account" {
		var out []string
		for _, a := range accounts { // names as the config spells them
			if strings.HasPrefix(strings.ToLower(a), strings.ToLower(strings.TrimSpace(prefix))) {
				out = append(out, "account "+a)
			}
		}
		return out
	}
	return commandTable().Complete(line, folders, flags)
}

func runCapability(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
	id, b := m.reqs.Start(reqCaps), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		caps, err := b.Capability(ctx)
		return capsMsg{id: id, caps: caps, err: err}
	})
}

// runLogin logs in again; the open folder is opened again once connected.
func runLogin(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
	m.phase = phasePrompt
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.focus("")
	return m.openLayer(layer{kind: layerPrompt}), cmd
}
