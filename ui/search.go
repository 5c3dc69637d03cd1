package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// searchModel is the "/" prompt. What is typed becomes IMAP SEARCH keys
// (promptKeys) and runs as ":search KEYS", server-side.
type searchModel struct {
	keys   keymap.CmdlineKeys
	input  textinput.Model
	active bool
}

func newSearchModel(keys keymap.CmdlineKeys, styles themes.CmdlineStyles) searchModel {
	return searchModel{keys: keys, input: newInput("/", styles)}
}

func (m searchModel) open(width int) (searchModel, tea.Cmd) {
	m.active = true
	m.input.Width = max(1, width-2)
	m.input.SetValue("")
	return m, m.input.Focus()
}

func (m searchModel) update(msg tea.KeyMsg) (searchModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.active = false
		m.input.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Execute):
		m.active = false
		m.input.Blur()
		keys, err := promptKeys(m.input.Value())
		if err != nil {
			return m, pane.Emit(noticeMsg{text: "search: " + err.Error(), err: true})
		}
		return m, pane.Emit(commandMsg{line: "search " + keys})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

func (m searchModel) view() string { return m.input.View() }

// promptKeys turns what was typed at "/" into IMAP SEARCH keys. Typed IMAP
// keys ("FROM alice UNSEEN", upper case) pass as they are; otherwise
// field:value words become keys and other words search the whole text:
//
//	from:alice to:bob subject:report body:x text:x since:2026-01-02
//	before:2026-02-01 is:unread|read|flagged|unflagged|deleted|answered
//	tag:$label1 (a keyword)
func promptKeys(typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", fmt.Errorf("nothing to search for")
	}
	if first, _, _ := strings.Cut(typed, " "); first == strings.ToUpper(first) && imapsvc.ParseSearch(typed) == nil {
		return typed, nil
	}
	words, err := splitQuoted(typed)
	if err != nil {
		return "", err
	}
	var out []string
	for _, w := range words {
		field, value, ok := strings.Cut(w, ":")
		k, known := promptFields[strings.ToLower(field)]
		switch {
		case !ok || !known:
			out = append(out, "TEXT "+quote(w))
		case field == "is" || strings.ToLower(field) == "is":
			f, ok := isKeys[strings.ToLower(value)]
			if !ok {
				return "", fmt.Errorf("is:%s: use is:unread, read, flagged, unflagged, deleted or answered", value)
			}
			out = append(out, f)
		case k == "SINCE" || k == "BEFORE":
			out = append(out, k+" "+value)
		default:
			out = append(out, k+" "+quote(value))
		}
	}
	keys := strings.Join(out, " ")
	return keys, imapsvc.ParseSearch(keys)
}

var promptFields = map[string]string{
	"from": "FROM", "to": "TO", "cc": "CC", "subject": "SUBJECT", "body": "BODY", "text": "TEXT",
	"since": "SINCE", "before": "BEFORE", "is": "", "tag": "KEYWORD", "keyword": "KEYWORD",
}

var isKeys = map[string]string{
	"unread": "UNSEEN", "read": "SEEN", "flagged": "FLAGGED", "unflagged": "UNFLAGGED",
	"deleted": "DELETED", "answered": "ANSWERED",
}

// quote makes an IMAP quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// splitQuoted splits on spaces, keeping "double quoted" parts together
// (quotes removed): subject:"weekly report".
func splitQuoted(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '"':
			in = !in
		case r == ' ' && !in:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if in {
		return nil, fmt.Errorf("unterminated quote")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
