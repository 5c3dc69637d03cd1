package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/commands"
)

// The ":" commands that act on messages apply to the marked messages, or
// the one under the cursor, like the keys. runCommand has checked that a
// folder is open and that it may be written.

func runStore(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	if m.list.disp().Len() == 0 {
		return m.commandRefused("no message to act on")
	}
	targets, arg, err := m.argTargets(c.Text, false)
	var op imapsvc.StoreOp
	var flags []string
	if err == nil {
		op, flags, err = parseStore(arg)
	}
	if err != nil {
		return m.commandRefused("store: " + err.Error())
	}
	return m.storeCmd(targets, op, flags)
}

// runTransfer is :copy and :move.
func runTransfer(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	if m.list.disp().Len() == 0 {
		return m.commandRefused("no message to act on")
	}
	targets, dest, err := m.argTargets(c.Raw, true)
	if err != nil {
		return m.commandRefused(c.Name + ": " + err.Error())
	}
	if dest == c.Raw { // no sequence set: the name as the table parsed it
		dest = c.Args[0]
	}
	return m.transferCmd(targets, m.folders.Resolve(dest), c.Name == "copy", c.Name)
}

func runSort(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	k, rev, err := parseSort(c.Text)
	if err != nil {
		return m.commandRefused("sort: " + err.Error())
	}
	return m.sortCmd(k, rev)
}

func (m Model) commandRefused(why string) (tea.Model, tea.Cmd) {
	m.status = m.status.setNotice(why, true)
	return m, nil
}

// parseStore reads "+flags \Seen $label1", "-FLAGS (Junk)" or "flags ...".
func parseStore(arg string) (imapsvc.StoreOp, []string, error) {
	form, rest, _ := strings.Cut(strings.TrimSpace(arg), " ")
	var op imapsvc.StoreOp
	switch strings.TrimSuffix(strings.ToLower(form), ".silent") {
	case "+flags":
		op = imapsvc.StoreAdd
	case "-flags":
		op = imapsvc.StoreRemove
	case "flags":
		op = imapsvc.StoreReplace
	default:
		return 0, nil, fmt.Errorf("use +flags, -flags or flags, then the flags: :store +flags \\Seen $label1")
	}
	flags := strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(rest))
	if len(flags) == 0 && op != imapsvc.StoreReplace {
		return 0, nil, fmt.Errorf("%s needs at least one flag", form)
	}
	return op, flags, nil
}

// parseSort reads "date", "from reverse", "reverse subject".
func parseSort(arg string) (imapsvc.SortKey, bool, error) {
	var k imapsvc.SortKey
	rev := false
	for _, w := range strings.Fields(strings.ToLower(arg)) {
		switch w {
		case "reverse", "desc", "descending":
			rev = true
		case "asc", "ascending":
		case "arrival", "date", "from", "subject", "size":
			k = imapsvc.SortKey(w)
		default:
			return "", false, fmt.Errorf("unknown key %q: use arrival, date, from, subject or size, and reverse", w)
		}
	}
	if k == "" {
		return "", false, fmt.Errorf("which key? arrival, date, from, subject or size")
	}
	return k, rev, nil
}
