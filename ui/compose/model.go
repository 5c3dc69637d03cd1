// Package compose is the review screen of a message being written: what
// the editor gave back (headers as parsed, problems, attachments, the
// first lines), its keys, and the path prompt of attach. It does no I/O:
// keys return an Intent and the root builds, sends, stores and runs the
// editor. The interfaces the root sends and stores through are here too
// (send.go).
package compose

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/compose"
	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// Origin is the message a reply or forward was made from; after the send
// Flag (\Answered or $Forwarded) is set on it by UID.
type Origin struct {
	Mailbox imapsvc.Mailbox
	UID     imapsvc.UID
	Flag    string
}

// Resumed is the message in Drafts this draft was resumed from; sending
// removes it by UID.
type Resumed struct {
	Mailbox imapsvc.Mailbox
	UID     imapsvc.UID
}

// Job is what the review is of: the local draft and where it came from.
type Job struct {
	ID      string // the local draft (package drafts)
	Origin  Origin
	Resumed Resumed
}

// Action is what a key asks the root to do.
type Action int

const (
	None      Action = iota
	Send             // build and send Checked, once
	Edit             // open the editor on the draft again
	Attach           // check the file Path and add it
	Complete         // complete the path typed so far (Path)
	Postpone         // APPEND to Drafts
	Discard          // ask, then throw the draft away
	Changed          // the draft changed (detach, To, Cc): save it again
	Addresses        // complete the address being typed (Path)
)

// Intent is an Action with what it needs.
type Intent struct {
	Action Action
	Path   string // Attach, Complete
	Notice string // a message for the message line
}

// Model is the review screen.
type Model struct {
	keys    keymap.ReviewKeys
	cmd     keymap.CmdlineKeys
	styles  *themes.Styles
	job     Job
	draft   compose.Draft
	checked compose.Checked
	errs    []string // problems of the headers; sending is refused while there are any
	busy    string   // "sending…" while a send or postpone is on its way
	failure string   // the last send or postpone error, kept on screen
	failed  bool     // a send failed: quitting offers to postpone
	asking  prompt   // the prompt open on the bottom line, if any
	input   textinput.Model
	width   int
	height  int
}

// prompt is what the bottom-line input asks for.
type prompt int

const (
	noPrompt prompt = iota
	attachPrompt
	toPrompt
	ccPrompt
)

// New is the review of draft d.
func New(keys keymap.ReviewKeys, cmd keymap.CmdlineKeys, st *themes.Styles, job Job, d compose.Draft, parseErr error) Model {
	in := textinput.New()
	in.Prompt = "Attach file: "
	m := Model{keys: keys, cmd: cmd, styles: st, job: job, input: in}
	return m.SetDraft(d, parseErr)
}

// SetDraft replaces the draft (after the editor) and checks it again.
func (m Model) SetDraft(d compose.Draft, parseErr error) Model {
	m.draft = d
	var err error
	m.checked, err = compose.Check(d)
	m.errs = nil
	for _, e := range []error{parseErr, err} {
		m.errs = append(m.errs, lines(e)...)
	}
	return m
}

func lines(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Job is what the review is of.
func (m Model) Job() Job { return m.job }

// Draft is the message as it stands.
func (m Model) Draft() compose.Draft { return m.draft }

// Checked is the message ready to build; valid only when Problems is empty.
func (m Model) Checked() compose.Checked { return m.checked }

// Problems are what keeps the message from being sent.
func (m Model) Problems() []string { return m.errs }

// ForPostpone is the message checked for Drafts, where To may be empty.
func (m Model) ForPostpone() (compose.Checked, error) { return compose.CheckPostpone(m.draft) }

// Busy reports a send or postpone on its way.
func (m Model) Busy() bool { return m.busy != "" }

// Failed reports that the last send failed.
func (m Model) Failed() bool { return m.failed }

// Asking reports a prompt is open (it takes the bottom line).
func (m Model) Asking() bool { return m.asking != noPrompt }

// Start marks a send or postpone as on its way.
func (m Model) Start(what string) Model {
	m.busy, m.failure = what, ""
	return m
}

// Done ends the send or postpone; err is shown and kept.
func (m Model) Done(err error, sending bool) Model {
	m.busy = ""
	if err != nil {
		m.failure = err.Error()
		m.failed = m.failed || sending
	}
	return m
}

// AddAttachment adds a file the root has checked.
func (m Model) AddAttachment(path string) Model {
	d := m.draft
	d.Attachments = append(append([]compose.Attachment(nil), d.Attachments...), compose.Attachment{Path: path})
	return m.SetDraft(d, nil)
}

// Completed puts a completed path into the attach prompt.
func (m Model) Completed(typed, value string) Model {
	if m.asking == attachPrompt && m.input.Value() == typed {
		m.input.SetValue(value)
		m.input.CursorEnd()
	}
	return m
}

// CompletedAddress puts the first match in place of the address being
// typed, if the prompt still holds what was completed.
func (m Model) CompletedAddress(typed string, c Contact) Model {
	if (m.asking == toPrompt || m.asking == ccPrompt) && m.input.Value() == typed {
		m.input.SetValue(ReplaceLast(typed, c))
		m.input.CursorEnd()
	}
	return m
}

// SetSize is the screen area the review draws in.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.input.Width = max(1, w-len(m.input.Prompt)-2)
	return m
}

// Key handles a key; ok is false for keys the review does not use.
func (m Model) Key(msg tea.KeyMsg) (Model, Intent, tea.Cmd) {
	if m.asking != noPrompt {
		return m.promptKey(msg)
	}
	k := m.keys
	switch {
	case m.busy != "":
		return m, Intent{Notice: m.busy + " wait for it to finish"}, nil
	case key.Matches(msg, k.Send):
		if len(m.errs) > 0 {
			return m, Intent{Notice: "not sent: fix the problems first (" + k.Edit.Help().Key + " edits)"}, nil
		}
		return m, Intent{Action: Send}, nil
	case key.Matches(msg, k.Edit):
		return m, Intent{Action: Edit}, nil
	case key.Matches(msg, k.Attach):
		return m.open(attachPrompt, "Attach file: ", "")
	case key.Matches(msg, k.EditTo):
		return m.open(toPrompt, "To: ", m.draft.To)
	case key.Matches(msg, k.EditCc):
		return m.open(ccPrompt, "Cc: ", m.draft.Cc)
	case key.Matches(msg, k.Detach):
		n := len(m.draft.Attachments)
		if n == 0 {
			return m, Intent{Notice: "no attachment to detach"}, nil
		}
		d := m.draft
		gone := d.Attachments[n-1].Path
		d.Attachments = append([]compose.Attachment(nil), d.Attachments[:n-1]...)
		m = m.SetDraft(d, nil)
		return m, Intent{Action: Changed, Notice: "detached " + gone}, nil
	case key.Matches(msg, k.Postpone):
		return m, Intent{Action: Postpone}, nil
	case key.Matches(msg, k.Discard):
		return m, Intent{Action: Discard}, nil
	}
	return m, Intent{}, nil
}

func (m Model) open(p prompt, label, value string) (Model, Intent, tea.Cmd) {
	m.asking = p
	m.input.Prompt = label
	m.input.Width = max(1, m.width-len(label)-2)
	m.input.SetValue(value)
	m.input.CursorEnd()
	return m, Intent{}, m.input.Focus()
}

func (m Model) promptKey(msg tea.KeyMsg) (Model, Intent, tea.Cmd) {
	p := m.asking
	switch {
	case key.Matches(msg, m.cmd.Cancel):
		m.asking = noPrompt
		m.input.Blur()
		if p == attachPrompt {
			return m, Intent{Notice: "nothing attached"}, nil
		}
		return m, Intent{Notice: "unchanged"}, nil
	case key.Matches(msg, m.cmd.Execute):
		m.asking = noPrompt
		m.input.Blur()
		v := strings.TrimSpace(m.input.Value())
		if p != attachPrompt {
			d := m.draft
			if p == toPrompt {
				d.To = v
			} else {
				d.Cc = v
			}
			return m.SetDraft(d, nil), Intent{Action: Changed}, nil
		}
		if v == "" {
			return m, Intent{}, nil
		}
		return m, Intent{Action: Attach, Path: v}, nil
	case key.Matches(msg, m.cmd.Complete):
		if p == attachPrompt {
			return m, Intent{Action: Complete, Path: m.input.Value()}, nil
		}
		return m, Intent{Action: Addresses, Path: m.input.Value()}, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, Intent{}, cmd
}

// PromptView is the attach prompt's line.
func (m Model) PromptView() string { return m.input.View() }

// HelpKeys are the review's keys for the bottom line and "?".
func (m Model) HelpKeys() keymap.ReviewKeys { return m.keys }
