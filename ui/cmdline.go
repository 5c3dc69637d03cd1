package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/commands"
	"tern/ui/pane"
)

// cmdlineModel is the ":" command line at the bottom of the screen.
type cmdlineModel struct {
	keys   keymap.CmdlineKeys
	input  textinput.Model
	active bool

	folders []string // display forms, for completion
	flags   []string // flags and keywords :store may offer
	// accounts are the names :account offers (Options.Accounts).
	accounts []string
	hint     string   // shown while :store is typed: PERMANENTFLAGS, \*
	cands    []string // completion candidates while cycling with Tab
	cand     int
	// note explains a prefill; it stands in for the status bar while
	// the line is open, since the message line is the command line then.
	note  string
	width int
}

func newCmdlineModel(keys keymap.CmdlineKeys, styles themes.CmdlineStyles) cmdlineModel {
	return cmdlineModel{keys: keys, input: newInput(":", styles)}
}

func (m cmdlineModel) setWidth(w int) cmdlineModel {
	m.input.Width = max(1, w-2)
	m.width = w
	return m
}

// open opens the command line; perm is the open folder's PERMANENTFLAGS,
// for :store.
func (m cmdlineModel) open(folders []imapsvc.FolderName, perm []string) (cmdlineModel, tea.Cmd) {
	m.active, m.folders, m.flags, m.hint, m.cands, m.note = true, shownNames(folders), storeFlags(perm), storeHint(perm), nil, ""
	m.input.SetValue("")
	return m, m.input.Focus()
}

func (m cmdlineModel) close() cmdlineModel {
	m.active, m.cands, m.note = false, nil, ""
	m.input.Blur()
	m.input.SetValue("")
	return m
}

func (m cmdlineModel) update(msg tea.Msg) (cmdlineModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, m.keys.Cancel):
			return m.close(), nil
		case key.Matches(km, m.keys.Execute):
			line := m.input.Value()
			return m.close(), pane.Emit(commandMsg{line: line})
		case key.Matches(km, m.keys.Complete):
			return m.complete(), nil
		}
		m.cands = nil // typing ends a completion cycle
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// complete fills in the next candidate; repeated Tabs cycle through all
// candidates for what was typed before the first Tab.
func (m cmdlineModel) complete() cmdlineModel {
	if m.cands == nil {
		m.cands, m.cand = accountCompletions(m.input.Value(), m.folders, m.flags, m.accounts), -1
		if len(m.cands) == 0 {
			m.cands = nil
			return m
		}
	}
	m.cand = (m.cand + 1) % len(m.cands)
	m.input.SetValue(m.cands[m.cand])
	m.input.CursorEnd()
	return m
}

// view is the input line; while :store is typed, the PERMANENTFLAGS hint
// follows what was typed, as far as the width allows.
func (m cmdlineModel) view() string {
	v := m.input.View()
	name, _, found := strings.Cut(strings.TrimLeft(m.input.Value(), " :"), " ")
	spec, err := commandTable().Lookup(name)
	if !found || err != nil || spec.Complete != commands.StoreFlags || m.hint == "" {
		return v
	}
	// The input pads itself to its width: keep what is typed and the
	// cursor cell, and put the hint in the padding.
	used := ansi.StringWidth(m.input.Prompt) + ansi.StringWidth(m.input.Value()) + 1
	room := m.width - used - 2
	if room < 10 {
		return v
	}
	return ansi.Truncate(v, used, "") + "  " + m.input.PlaceholderStyle.Render(ansi.Truncate(m.hint, room, "…"))
}

// newInput is the one-line text input every prompt of tern uses: the
// theme's prompt and text styles and a steady cursor.
func newInput(prompt string, styles themes.CmdlineStyles) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.PromptStyle, in.TextStyle = styles.Prompt, styles.Text
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// shownNames are the folders as the screen shows them: completion writes
// into the command line, which is on screen. resolve maps them back.
func shownNames(folders []imapsvc.FolderName) []string {
	out := make([]string, len(folders))
	for i, f := range folders {
		out[i] = f.String()
	}
	return out
}
