package ui

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/commands"
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
	folder := func(name string, args commands.Shape, synopsis, help string, run runFunc) commandSpec {
		return commandSpec{Names: []string{name}, Args: args, Synopsis: synopsis, Help: help, Complete: commands.Folders, Run: run}
	}
	return commands.Table[runFunc]{
		folder("select", commands.Name, "NAME", "open a folder read-write (SELECT)", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.openFolder(m.folders.resolve(c.Args[0]), false)
		}),
		folder("examine", commands.Name, "NAME", "open a folder read-only (EXAMINE)", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.openFolder(m.folders.resolve(c.Args[0]), true)
		}),
		folder("create", commands.Name, "NAME", "create a folder (a separator makes a subfolder)", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.createFolder(imapsvc.FolderName(c.Args[0])) // a new name is taken as typed
		}),
		with(folder("delete", commands.Name, "NAME", "delete a folder and its messages, after asking", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.deleteFolder(m.commandFolder(c))
		}), func(s *commandSpec) {
			s.Write = &commands.Write{Right: 'x', What: "delete it", On: commands.NamedFolder}
		}),
		with(folder("rename", commands.Names, "OLD NEW", "rename a folder, also under another parent", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.renameFolder(m.commandFolder(c), imapsvc.FolderName(c.Args[1]), false)
		}), func(s *commandSpec) {
			s.Min, s.Max, s.Note = 2, 2, "quote names with spaces"
			s.Write = &commands.Write{Right: 'x', What: "rename it", On: commands.NamedFolder}
		}),
		folder("subscribe", commands.Name, "NAME", "subscribe to a folder", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.subscribe(m.commandFolder(c), true)
		}),
		folder("unsubscribe", commands.Name, "NAME", "unsubscribe from a folder", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.subscribe(m.commandFolder(c), false)
		}),
		{Names: []string{"lsub"}, Help: "show only subscribed folders, or all (toggle)", Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
			return m.toggleSubscribedView()
		}},
		folder("status", commands.OptName, "[NAME]", "counts of a folder (STATUS), or the open one", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.statusPanel(m.commandFolder(c))
		}),
		folder("acl", commands.OptName, "[NAME]", "ACL and your rights on a folder, or the open one", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.aclPanel(m.commandFolder(c))
		}),
		with(folder("setacl", commands.Names, "NAME ID RIGHTS", "set, add (+) or remove (-) a user's rights", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.setACL(m.commandFolder(c), c.Args[1], c.Args[2])
		}), func(s *commandSpec) {
			s.Min, s.Max, s.Note = 3, 3, "RIGHTS may start with + or -"
			s.Write = &commands.Write{Right: 'a', What: "change its ACL", On: commands.NamedFolder}
		}),
		with(folder("deleteacl", commands.Names, "NAME ID", "remove a user from a folder's ACL", func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
			return m.setACL(m.commandFolder(c), c.Args[1], "")
		}), func(s *commandSpec) {
			s.Min, s.Max = 2, 2
			s.Write = &commands.Write{Right: 'a', What: "change its ACL", On: commands.NamedFolder}
		}),
		{Names: []string{"fetch"}, Args: commands.Text, Synopsis: "[SET] ITEMS", Missing: "items, e.g. :fetch body.peek[header] or :fetch 1:* flags",
			Help: "FETCH items of the chosen messages or a SET", Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) {
				return m.fetchItems(c.Text)
			}},
		{Names: []string{"store"}, Args: commands.Text, Synopsis: "[+|-]FLAGS FLAG…", Help: "change flags of the chosen messages",
			Open: true, Write: writes(opFlags), Complete: commands.StoreFlags, Run: runStore},
		with(folder("copy", commands.Name, "NAME", "copy the chosen messages to a folder", runTransfer), func(s *commandSpec) { s.Open = true }),
		with(folder("move", commands.Name, "NAME", "move the chosen messages to a folder", runTransfer), func(s *commandSpec) {
			s.Open, s.Write = true, writes(opDelete)
		}),
		{Names: []string{"expunge"}, Help: "expunge \\Deleted messages, after asking", Open: true, Write: writes(opExpunge),
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.expungeAsk(false) }},
		{Names: []string{"close"}, Help: "close, expunging \\Deleted after asking", Open: true,
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.expungeAsk(true) }},
		{Names: []string{"unselect"}, Help: "close the folder without expunging", Open: true,
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
				return m, emit(closeMsg{mb: m.list.mb, unselect: true})
			}},
		{Names: []string{"search"}, Args: commands.Text, Synopsis: "KEYS", Help: "show messages matching IMAP search keys", Open: true,
			Run: func(m Model, c commands.Call) (tea.Model, tea.Cmd) { return m.searchCmd(c.Text) }},
		{Names: []string{"sort"}, Args: commands.Text, Synopsis: "KEY [reverse]", Help: "sort by arrival, date, from, subject or size", Open: true,
			Complete: commands.Words, Words: []string{"arrival", "date", "from", "subject", "size", "reverse"}, Run: runSort},
		{Names: []string{"thread"}, Help: "show the folder as threads", Open: true,
			Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.threadCmd() }},
		{Names: []string{"capability"}, Help: "list the server's capabilities", Run: runCapability},
		{Names: []string{"info"}, Help: "what tern knows of the server and the session", Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
			return m.serverPanel()
		}},
		{Names: []string{"quota"}, Help: "your quota (GETQUOTAROOT)", Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
			return m.quotaPanel()
		}},
		{Names: []string{"console"}, Help: "the protocol console (commands and answers)", Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
			return m.openConsole()
		}},
		{Names: []string{"login"}, Help: "log in again, e.g. after a lost connection", Offline: true, Run: runLogin},
		{Names: []string{"logout", "quit", "q"}, Help: "log out and quit", Offline: true, Run: func(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
			return m.quit()
		}},
	}
}

func with(s commandSpec, f func(*commandSpec)) commandSpec {
	f(&s)
	return s
}

// runCommand carries out a ":" command line. Every refusal, an unknown
// command included, is a notice on the message line.
func (m Model) runCommand(line string) (tea.Model, tea.Cmd) {
	return m.runCommandIn(commandTable(), line)
}

func (m Model) runCommandIn(table commands.Table[runFunc], line string) (tea.Model, tea.Cmd) {
	spec, c, err := table.Parse(line)
	refuse := func(why string) (tea.Model, tea.Cmd) {
		m.status = m.status.setNotice(why, true)
		return m, nil
	}
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
		return m.folders.resolve(c.Args[0])
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
	return commandTable().Complete(line, folders, flags)
}

func runCapability(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
	m.pending.other++
	b := m.backend
	return m, tea.Batch(m.startSpinner(), call(requestTimeout, func(ctx context.Context) tea.Msg {
		caps, err := b.Capability(ctx)
		return capsMsg{caps: caps, err: err}
	}))
}

// runLogin logs in again; the open folder is opened again once connected.
func runLogin(m Model, _ commands.Call) (tea.Model, tea.Cmd) {
	m.phase = phasePrompt
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.focus("")
	return m, cmd
}
