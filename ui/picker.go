package ui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// pickerModel chooses the destination folder of a copy or move: typing
// narrows the folder list by fuzzy match (letters in order, as fzf does).
type pickerModel struct {
	keys   keymap.PickerKeys
	styles themes.ListStyles
	input  textinput.Model
	active bool

	folders []imapsvc.FolderName
	matches []imapsvc.FolderName
	cursor  int

	copy bool          // C: copy; m: move
	uids []imapsvc.UID // what will be copied or moved
}

// folderChosenMsg asks the root to copy or move uids to dest.
type folderChosenMsg struct {
	dest imapsvc.FolderName
	copy bool
	uids []imapsvc.UID
}

func newPickerModel(keys keymap.PickerKeys, styles *themes.Styles) pickerModel {
	return pickerModel{keys: keys, styles: styles.List, input: newInput("", styles.Cmdline)}
}

func (m pickerModel) open(folders []imapsvc.FolderName, copy bool, uids []imapsvc.UID) (pickerModel, tea.Cmd) {
	m.active, m.folders, m.copy, m.uids, m.cursor = true, folders, copy, uids, 0
	verb := "Move"
	if copy {
		verb = "Copy"
	}
	m.input.Prompt = verb + " " + plural(len(uids), "message") + " to: "
	m.input.SetValue("")
	m.matches = fuzzyFilter(folders, "")
	return m, m.input.Focus()
}

func (m pickerModel) close() pickerModel {
	m.active = false
	m.input.Blur()
	return m
}

func (m pickerModel) update(msg tea.KeyMsg) (pickerModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		return m.close(), pane.Emit(noticeMsg{text: "cancelled"})
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
		return m, nil
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(max(0, len(m.matches)-1), m.cursor+1)
		return m, nil
	case key.Matches(msg, m.keys.Choose):
		dest := imapsvc.FolderName(strings.TrimSpace(m.input.Value()))
		if len(m.matches) > 0 {
			dest = m.matches[m.cursor]
		}
		if dest == "" {
			return m, nil
		}
		// A name that matches no folder is taken as typed: the server's
		// TRYCREATE then offers to create it.
		return m.close(), pane.Emit(folderChosenMsg{dest: dest, copy: m.copy, uids: m.uids})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.matches, m.cursor = fuzzyFilter(m.folders, m.input.Value()), 0
	return m, cmd
}

// view fills width×height: the input line, then the matches.
func (m pickerModel) view(width, height int) string {
	m.input.Width = max(1, width-len(m.input.Prompt)-1)
	lines := []string{pane.Fit(m.input.View(), width)}
	for i := m.first(height); i < len(m.matches) && len(lines) < height; i++ {
		f := m.matches[i]
		style := m.styles.Normal
		if i == m.cursor {
			style = m.styles.Selected
		}
		lines = append(lines, style.Render(pane.Fit("  "+f.String(), width)))
	}
	if len(m.matches) == 0 {
		lines = append(lines, m.styles.Dim.Render(pane.Fit("  (no folder matches: Enter uses the name as typed)", width)))
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines[:height], "\n")
}

// fuzzyFilter keeps the names whose display form contains the query's
// letters in order, case-insensitively, best first: fewer gaps, then a
// match at a word start, then shorter names.
func fuzzyFilter(names []imapsvc.FolderName, query string) []imapsvc.FolderName {
	type scored struct {
		name  imapsvc.FolderName
		score int
	}
	var out []scored
	q := []rune(strings.ToLower(query))
	for _, n := range names {
		shown := n.String() // what the user sees is what they type
		if s, ok := fuzzyScore([]rune(strings.ToLower(shown)), q); ok {
			out = append(out, scored{n, s*1000 + len(shown)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score < out[j].score })
	res := make([]imapsvc.FolderName, len(out))
	for i, s := range out {
		res[i] = s.name
	}
	return res
}

// fuzzyScore is the number of skipped runes between matched ones (lower
// is better), or false when q is not a subsequence of name.
func fuzzyScore(name, q []rune) (int, bool) {
	if len(q) == 0 {
		return 0, true
	}
	best := -1
	for start := range name { // try every start: "arch" in "Lists/arch" vs "Archive"
		if name[start] != q[0] {
			continue
		}
		gaps, j := 0, 1
		for i := start + 1; i < len(name) && j < len(q); i++ {
			if name[i] == q[j] {
				j++
			} else {
				gaps++
			}
		}
		if j < len(q) {
			continue
		}
		if start > 0 && name[start-1] != '/' && name[start-1] != '.' {
			gaps++ // not at a word start
		}
		if best < 0 || gaps < best {
			best = gaps
		}
	}
	return best, best >= 0
}
