package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folders"
)

// refreshRoots gives the shown account's folder pane every account's root:
// the others' rows as they last were, and each one's state.
func (a Accounts) refreshRoots() {
	roots := make([]folders.Root, len(a.accts))
	for i, m := range a.accts {
		note, isErr := m.rootNote()
		roots[i] = m.folders.AsRoot(a.names[i], note, isErr)
	}
	m := a.accts[a.active]
	m.folders = m.folders.WithRoots(roots, a.active)
	a.accts[a.active] = m
}

// rootNote is what an account's root says beside its name: why it has
// no folders, or its connection state when that is not plain "up".
func (m Model) rootNote() (string, bool) {
	switch {
	// The key comes first: a narrow pane or message line cuts the end.
	case m.phase == phasePrompt && m.prompt.connErr:
		return "✗ " + m.keys.Prompt.Retry.Help().Key + ": retry · " + m.prompt.err, true
	case m.phase == phasePrompt && m.prompt.err != "":
		return "✗ enter: log in · " + m.prompt.err, true
	case m.phase == phasePrompt:
		return "password needed · enter: log in", false
	case m.phase == phaseConnecting:
		return "connecting…", false
	case m.status.state == imapsvc.StateDisconnected:
		return m.status.stateText(), true
	}
	return "", false
}

// crossAccount says why a copy or move to dest is refused when dest names
// a folder of another open account ("home:INBOX"), else "". tern has no
// safe way to move between servers (it would be APPEND, then a delete
// here), so it does neither.
func (m Model) crossAccount(dest imapsvc.FolderName, copy bool) string {
	acct, folder, ok := strings.Cut(dest.String(), ":")
	if !ok || acct == m.status.account || !slices.Contains(m.cmdline.accounts, acct) {
		return ""
	}
	if _, here := m.folders.Lookup(dest); here {
		return "" // a folder of this account whose name has a colon
	}
	verb := "move"
	if copy {
		verb = "copy"
	}
	return fmt.Sprintf("cannot %s between accounts: %s is in %s, the messages are in %s",
		verb, folder, acct, m.status.account)
}

// quitRequest is tea.Quit from one account's Model: tern ends only after
// every account has logged out.
type quitRequest struct{}

// tagCmd wraps cmd so that its message comes back as account i's.
func tagCmd(i int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return tagMsg(i, cmd()) }
}

// tagMsg tags a message of account i. Batches and sequences stay what
// they are, their commands tagged, so the runtime still runs them.
func tagMsg(i int, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.QuitMsg:
		return accountMsg{account: i, msg: quitRequest{}}
	case tea.BatchMsg:
		out := make(tea.BatchMsg, len(msg))
		for j, c := range msg {
			out[j] = tagCmd(i, c)
		}
		return out
	}
	// Bubble Tea's own messages (batches, sequences, window size, exec)
	// are the runtime's, not an account's.
	v, cmdType := reflect.ValueOf(msg), reflect.TypeFor[tea.Cmd]()
	if v.Type().PkgPath() != reflect.TypeFor[tea.QuitMsg]().PkgPath() {
		return accountMsg{account: i, msg: msg}
	}
	if v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		// tea.Sequence's message type is not exported.
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for j := range v.Len() {
			c, _ := v.Index(j).Interface().(tea.Cmd)
			if t := tagCmd(i, c); t != nil {
				out.Index(j).Set(reflect.ValueOf(t))
			}
		}
		return out.Interface()
	}
	return msg
}
