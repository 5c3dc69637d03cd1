package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// runActionCommand carries out the ":" commands that act on messages;
// ok is false for other commands. They apply to the marked messages, or
// the one under the cursor, like the keys.
func (m Model) runActionCommand(c command) (tea.Model, tea.Cmd, bool) {
	switch c.Verb {
	case verbStore, verbExpunge, verbClose, verbUnselect, verbCopy, verbMove, verbSearch, verbSort, verbThread:
	default:
		return m, nil, false
	}
	if !m.list.open {
		m.status = m.status.setNotice("no folder open", true)
		return m, nil, true
	}
	if op, write := map[verb]writeOp{verbStore: opFlags, verbExpunge: opExpunge, verbMove: opDelete}[c.Verb]; write {
		if m, no := m.refused(op); no {
			return m, nil, true
		}
	}
	needTargets := c.Verb == verbStore || c.Verb == verbCopy || c.Verb == verbMove
	if needTargets && len(m.list.disp()) == 0 {
		m.status = m.status.setNotice("no message to act on", true)
		return m, nil, true
	}
	var mm tea.Model = m
	var cmd tea.Cmd
	switch c.Verb {
	case verbStore:
		targets, arg, err := m.argTargets(c.Arg, false)
		var op imapsvc.StoreOp
		var flags []string
		if err == nil {
			op, flags, err = parseStore(arg)
		}
		if err != nil {
			m.status = m.status.setNotice("store: "+err.Error(), true)
			return m, nil, true
		}
		mm, cmd = m.storeCmd(targets, op, flags)
	case verbExpunge:
		mm, cmd = m.expungeAsk(false)
	case verbClose:
		mm, cmd = m.expungeAsk(true)
	case verbUnselect:
		mm, cmd = m, emit(closeMsg{mb: m.list.mb, unselect: true})
	case verbCopy, verbMove:
		why := "move"
		if c.Verb == verbCopy {
			why = "copy"
		}
		targets, dest, err := m.argTargets(c.Arg, true)
		if err != nil {
			m.status = m.status.setNotice(why+": "+err.Error(), true)
			return m, nil, true
		}
		mm, cmd = m.transferCmd(targets, m.folders.resolve(dest), c.Verb == verbCopy, why)
	case verbSearch:
		mm, cmd = m.searchCmd(c.Arg)
	case verbSort:
		k, rev, err := parseSort(c.Arg)
		if err != nil {
			m.status = m.status.setNotice("sort: "+err.Error(), true)
			return m, nil, true
		}
		mm, cmd = m.sortCmd(k, rev)
	case verbThread:
		mm, cmd = m.threadCmd()
	}
	return mm, cmd, true
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
