package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/suggest"
	"tern/ui/commands"
	"tern/ui/folders"
)

// Several accounts side by side. Each account is a whole Model with its
// own backend (an imapsvc.Service with its own owner goroutine and
// connections), folders, list, requests and overlays; Accounts routes
// between them and shows the active one, whose folder pane shows every
// account as a root.
//
// Routing: every Cmd an account's Model returns is wrapped so that the
// message it produces comes back as an accountMsg naming that account, and
// goes to that account's Model whichever one is active. An answer or
// event of account B is therefore never applied to account A, and each
// Model's own request ids drop its stale answers as before.

// AccountSetup is one account for NewAccounts: its backend and the options
// its Model would get from New.
type AccountSetup struct {
	Backend imapsvc.Backend
	Options Options
}

// Accounts is the root model when several accounts are open. Like Model
// it is a handle on its state.
type Accounts struct{ *accountsState }

type accountsState struct {
	accts    []Model
	names    []string
	active   int
	quitting bool
}

// accountMsg is a message of one account's Model: the answer to one of its
// calls, one of its events, or one of its children's requests.
type accountMsg struct {
	account int
	msg     tea.Msg
}

// switchAccountMsg asks to show another account (":account NAME").
type switchAccountMsg struct{ name string }

// quitAllMsg ends the program once every account has logged out.
type quitAllMsg struct{}

// NewAccounts builds the UI for several accounts; the first is shown
// first. It does no I/O; Init connects every account at once.
func NewAccounts(setups []AccountSetup) Accounts {
	st := &accountsState{}
	for _, s := range setups {
		st.accts = append(st.accts, New(s.Backend, s.Options))
		st.names = append(st.names, s.Options.Account)
	}
	a := Accounts{st}
	a.refreshRoots()
	return a
}

// Init starts every account's Model: each connects (or asks for its
// password) on its own, so one that fails or waits never holds up another.
func (a Accounts) Init() tea.Cmd {
	cmds := make([]tea.Cmd, len(a.accts))
	for i, m := range a.accts {
		cmds[i] = tagCmd(i, m.Init())
	}
	return tea.Batch(cmds...)
}

// View is the active account's screen.
func (a Accounts) View() string { return a.accts[a.active].View() }

// Update routes a message: an account's own to that account, the size to
// every account, keys and the mouse to the one shown.
func (a Accounts) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := a.update(msg)
	na := next.(Accounts)
	na.refreshRoots()
	return na, cmd
}

func (a Accounts) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case accountMsg:
		return a.accountUpdate(msg.account, msg.msg)
	case quitAllMsg:
		return a, tea.Quit
	case tea.WindowSizeMsg:
		cmds := make([]tea.Cmd, len(a.accts))
		for i := range a.accts {
			cmds[i] = a.deliver(i, msg)
		}
		return a, tea.Batch(cmds...)
	case tea.KeyMsg:
		return a.key(msg)
	}
	return a, a.deliver(a.active, msg)
}

// deliver gives msg to account i's Model and tags what it returns.
func (a Accounts) deliver(i int, msg tea.Msg) tea.Cmd {
	next, cmd := a.accts[i].Update(msg)
	a.accts[i] = next.(Model)
	return tagCmd(i, cmd)
}

// accountUpdate handles a message of account i. The few that concern
// more than that account are taken here.
func (a Accounts) accountUpdate(i int, msg tea.Msg) (tea.Model, tea.Cmd) {
	if i < 0 || i >= len(a.accts) {
		return a, nil
	}
	m := a.accts[i]
	switch msg := msg.(type) {
	case switchAccountMsg:
		return a.switchByName(msg.name)
	case folders.SwitchMsg:
		return a.crossTo(msg)
	case quitRequest:
		return a.quitAll()
	case promptCancelMsg:
		if m.session == nil {
			// Without a session one account's Esc used to end tern;
			// here the others go on: the prompt closes and the root
			// keeps saying what is wrong (Enter asks again).
			m = m.closeKind(layerPrompt)
			note, _ := m.rootNote()
			m.status = m.status.setNotice(a.names[i]+": "+note, true)
			a.accts[i] = m
			return a, nil
		}
	}
	gen := m.status.noticeGen
	cmd := a.deliver(i, msg)
	if ev, ok := msg.(eventMsg); ok && i != a.active && a.accts[i].status.noticeGen != gen {
		if _, mail := ev.ev.(imapsvc.NewMail); mail {
			// New mail elsewhere is told where the user looks, too.
			shown := a.accts[a.active]
			shown.status = shown.status.setNotice(a.names[i]+": "+a.accts[i].status.notice, false)
			a.accts[a.active] = shown
		}
	}
	return a, cmd
}

// key handles the account keys, and for an account that is not logged in
// (its prompt closed) the keys of its root; the rest go to the account shown.
func (a Accounts) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	m := a.accts[a.active]
	g := m.keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return a, tea.Quit
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && a.canSwitch(m) {
		// Keys typed faster than read ("}}"), one at a time, as Model
		// splits them.
		var cmds []tea.Cmd
		var cur tea.Model = a
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			cur, cmd = cur.(Accounts).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return cur, tea.Batch(cmds...)
	}
	if a.canSwitch(m) {
		switch {
		case key.Matches(msg, g.NextAccount):
			return a.switchTo((a.active+1)%len(a.accts), false)
		case key.Matches(msg, g.PrevAccount):
			return a.switchTo((a.active+len(a.accts)-1)%len(a.accts), false)
		}
	}
	if m.phase != phaseReady && m.top() == layerNone {
		k := m.keys
		switch {
		case key.Matches(msg, k.Prompt.Retry, k.Folders.Open) && m.prompt.connErr:
			return a, a.deliver(a.active, retryMsg{})
		case key.Matches(msg, k.Folders.Open) && m.phase == phasePrompt:
			next, cmd := runLogin(m, commands.Call{})
			a.accts[a.active] = next.(Model)
			return a, tagCmd(a.active, cmd)
		case key.Matches(msg, k.Folders.Up, k.Folders.Down, k.Folders.Top, k.Folders.Bottom,
			k.Folders.Collapse, k.Folders.Expand, k.Folders.Toggle):
			// The tree still moves, to reach the other accounts.
			var cmd tea.Cmd
			m.focus = focusFolders
			m.folders, cmd = m.folders.Update(msg)
			a.accts[a.active] = m
			return a, tagCmd(a.active, cmd)
		}
	}
	return a, a.deliver(a.active, msg)
}

// canSwitch: the account keys work unless what is in front takes typed
// text (a password, a command line, a search, a question).
func (a Accounts) canSwitch(m Model) bool {
	switch m.top() {
	case layerNone, layerHelp, layerPanel:
		return true
	case layerPrompt:
		return m.prompt.connErr || m.prompt.token
	}
	return false
}

// switchTo shows account i. The folder pane takes the focus when the
// cursor crossed into the account there.
func (a Accounts) switchTo(i int, folderPane bool) (tea.Model, tea.Cmd) {
	a.active = i
	m := a.accts[i]
	if folderPane {
		m.focus = focusFolders
	}
	// The status bar names the account; the message line says what
	// keeps it from working, if anything does.
	if note, isErr := m.rootNote(); note != "" {
		m.status = m.status.setNotice(a.names[i]+": "+note, isErr)
	}
	a.accts[i] = m
	return a, nil
}

// switchByName is :account NAME, with a "did you mean" for a typo.
func (a Accounts) switchByName(name string) (tea.Model, tea.Cmd) {
	for i, n := range a.names {
		if n == name {
			return a.switchTo(i, false)
		}
	}
	m := a.accts[a.active]
	why := fmt.Sprintf("no account named %q", name)
	if near := suggest.Nearest(name, a.names); near != "" {
		why += fmt.Sprintf("; did you mean %q?", near)
	} else {
		why += "; open: " + strings.Join(a.names, ", ")
	}
	m.status = m.status.setNotice(why, true)
	return a, nil
}

// crossTo follows the tree's cursor into another account's root or folder.
func (a Accounts) crossTo(msg folders.SwitchMsg) (tea.Model, tea.Cmd) {
	for i, n := range a.names {
		if n != msg.Account {
			continue
		}
		next, _ := a.switchTo(i, true)
		a = next.(Accounts)
		m := a.accts[i]
		m.folders = m.folders.CursorToAccount(msg.Folder, msg.Offset)
		a.accts[i] = m
		if msg.Open && msg.Folder != "" && m.phase == phaseReady {
			return a, a.deliver(i, folders.OpenMsg{Name: msg.Folder})
		}
		return a, nil
	}
	return a, nil
}

// quitAll logs every account out (each bounded by logoutTimeout, all at
// once) and ends the program; a second quit ends it at once.
func (a Accounts) quitAll() (tea.Model, tea.Cmd) {
	if a.quitting {
		return a, tea.Quit
	}
	a.quitting = true
	var backends []imapsvc.Backend
	for _, m := range a.accts {
		if m.session != nil && !m.quitting {
			backends = append(backends, m.backend)
		}
	}
	return a, func() tea.Msg {
		var wg sync.WaitGroup
		for _, b := range backends {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), logoutTimeout)
				defer cancel()
				_ = b.Logout(ctx)
			}()
		}
		wg.Wait()
		return quitAllMsg{}
	}
}
