package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/themes"
)

// askKind is what an answer to the bottom-line question will do.
type askKind int

const (
	askSavePath  askKind = iota + 1 // save one part: the file path
	askSaveDir                      // save all attachments: the directory
	askOverwrite                    // some files exist: overwrite them?
)

// askModel is a one-line question on the bottom line, with an answer
// prefilled (a path) or typed (y to overwrite). Enter answers, Esc cancels;
// the keys are the command line's.
type askModel struct {
	active bool
	kind   askKind
	input  textinput.Model
	jobs   []saveJob // what is asked about
}

func newAskModel(st themes.CmdlineStyles) askModel {
	return askModel{input: newInput("", st)}
}

func (a askModel) open(kind askKind, prompt, value string, jobs []saveJob, width int) (askModel, tea.Cmd) {
	a.active, a.kind, a.jobs = true, kind, jobs
	a.input.Prompt, a.input.Width = prompt, max(1, width-len(prompt)-2)
	a.input.SetValue(value)
	a.input.CursorEnd()
	return a, a.input.Focus()
}

func (a askModel) close() askModel {
	a.active, a.jobs = false, nil
	a.input.Blur()
	return a
}

// askKey handles a key while a question is open.
func (m Model) askKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys.Cmdline
	switch {
	case key.Matches(msg, k.Cancel):
		m.ask = m.ask.close()
		m = m.closeTop()
		m.status = m.status.setNotice("nothing saved", false)
		return m, nil
	case key.Matches(msg, k.Execute):
		answer, kind, jobs := strings.TrimSpace(m.ask.input.Value()), m.ask.kind, m.ask.jobs
		m.ask = m.ask.close()
		return m.closeTop().answered(kind, answer, jobs)
	}
	var cmd tea.Cmd
	m.ask.input, cmd = m.ask.input.Update(msg)
	return m, cmd
}

// answered acts on an answer.
func (m Model) answered(kind askKind, answer string, jobs []saveJob) (tea.Model, tea.Cmd) {
	switch kind {
	case askSavePath:
		if answer == "" {
			return m, nil
		}
		jobs[0].path = answer
		return m.startSave(jobs, false)
	case askSaveDir:
		if answer == "" {
			return m, nil
		}
		for i := range jobs {
			jobs[i].path = joinPath(answer, jobs[i].file)
		}
		return m.startSave(jobs, false)
	case askOverwrite:
		if strings.EqualFold(answer, "y") || strings.EqualFold(answer, "yes") {
			return m.startSave(jobs, true)
		}
		m.status = m.status.setNotice("not overwritten", false)
	}
	return m, nil
}

// saveJob is one part to save and where.
type saveJob struct {
	mb   imapsvc.Mailbox // the message the part is of
	uid  imapsvc.UID
	part imapsvc.PartInfo
	file string // sanitized file name
	path string // as typed, "~/" not yet expanded
}
