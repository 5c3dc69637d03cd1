package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/sanitize"
)

// saveTimeout bounds one save; a large part on a slow link takes a while.
const saveTimeout = 30 * time.Minute

// defaultSaveDir is where attachments go unless the user types another
// path: the XDG download directory most desktops create.
const defaultSaveDir = "~/Downloads"

// saveState is the save in progress, for the progress bar.
type saveState struct {
	id          int
	name        string
	done, total int64
}

type (
	savedMsg struct {
		id      int
		saved   []saveJob
		bytes   int64
		exist   []saveJob // refused: the file exists
		err     error
		errPart string
	}
	openedMsg struct {
		name string
		err  error
	}
)

func partFile(p imapsvc.PartInfo) string {
	if p.Name != "" {
		return sanitize.Filename(p.Name)
	}
	return "part-" + p.Section
}

// askSave asks where to save one part, prefilled with ~/Downloads/name.
func (m Model) askSave(p imapsvc.PartInfo) (Model, tea.Cmd) {
	job := saveJob{part: p, file: partFile(p)}
	var cmd tea.Cmd
	m.ask, cmd = m.ask.open(askSavePath, "Save to file: ", joinPath(defaultSaveDir, job.file), []saveJob{job}, m.width)
	return m, cmd
}

// askSaveAll asks for the directory to save every attachment into.
func (m Model) askSaveAll() (Model, tea.Cmd) {
	var jobs []saveJob
	seen := map[string]bool{}
	for _, p := range attachments(m.reader.msg.Parts) {
		f := partFile(p)
		if seen[f] { // two parts with one name: keep both
			f = p.Section + "-" + f
		}
		seen[f] = true
		jobs = append(jobs, saveJob{part: p, file: f})
	}
	if len(jobs) == 0 {
		m.status = m.status.setNotice("this message has no attachments", false)
		return m, nil
	}
	var cmd tea.Cmd
	m.ask, cmd = m.ask.open(askSaveDir, fmt.Sprintf("Save %d attachments to directory: ", len(jobs)), defaultSaveDir+"/", jobs, m.width)
	return m, cmd
}

// startSave saves the jobs one after the other in a command; progress
// arrives as SaveProgress events.
func (m Model) startSave(jobs []saveJob, overwrite bool) (Model, tea.Cmd) {
	m.reader.saveSeq++
	id, b, mb, uid := m.reader.saveSeq, m.backend, m.reader.msg.Mailbox, m.reader.msg.UID
	m.reader.save = saveState{id: id, name: jobs[0].file}
	m.pending.other++
	m.status = m.status.setNotice("saving "+jobs[0].file+"…", false)
	return m, tea.Batch(m.startSpinner(), call(saveTimeout, func(ctx context.Context) tea.Msg {
		out := savedMsg{id: id}
		for _, j := range jobs {
			path, err := expandHome(j.path)
			if err == nil {
				j.path = path
				var n int64
				n, err = b.SavePart(ctx, mb, uid, j.part, path, overwrite, id)
				out.bytes += n
			}
			switch {
			case errors.Is(err, fs.ErrExist):
				out.exist = append(out.exist, j)
			case err != nil:
				out.err, out.errPart = err, j.file
				return out
			default:
				out.saved = append(out.saved, j)
			}
		}
		return out
	}))
}

// saveResult handles the end of a save or an open; it reports false for
// messages that are not its own.
func (m Model) saveResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case savedMsg:
		m.pending.other--
		m.reader.save = saveState{}
		switch {
		case msg.err != nil:
			m.status = m.status.setNotice(fmt.Sprintf("saving %s: %s", msg.errPart, errText(msg.err)), true)
		case len(msg.exist) > 0:
			var names []string
			for _, j := range msg.exist {
				names = append(names, j.path)
			}
			prompt := fmt.Sprintf("%s exists. Overwrite? [y/N] ", strings.Join(names, ", "))
			if len(names) > 1 {
				prompt = fmt.Sprintf("%d files exist (%s). Overwrite? [y/N] ", len(names), strings.Join(names, ", "))
			}
			var cmd tea.Cmd
			m.ask, cmd = m.ask.open(askOverwrite, prompt, "", msg.exist, m.width)
			return m, cmd, true
		case len(msg.saved) == 1:
			m.status = m.status.setNotice(fmt.Sprintf("saved %s (%s)", msg.saved[0].path, formatSize(msg.bytes)), false)
		default:
			m.status = m.status.setNotice(fmt.Sprintf("saved %d files (%s)", len(msg.saved), formatSize(msg.bytes)), false)
		}
		return m, nil, true
	case openedMsg:
		m.pending.other--
		if msg.err != nil {
			m.status = m.status.setNotice(fmt.Sprintf("opening %s: %s", msg.name, errText(msg.err)), true)
		} else {
			m.status = m.status.setNotice("opened "+msg.name, false)
		}
		return m, nil, true
	}
	return m, nil, false
}

// saveProgress shows a SaveProgress event as a bar on the message line.
func (m Model) saveProgress(ev imapsvc.SaveProgress) Model {
	s := &m.reader.save
	if ev.ID != s.id || s.id == 0 {
		return m
	}
	s.done, s.total = ev.Done, ev.Total
	m.status = m.status.setNotice(progressLine(s.name, s.done, s.total, 20), false)
	return m
}

// progressLine draws "saving name [#####-----] 50% 1.2M/2.4M".
func progressLine(name string, done, total int64, width int) string {
	if total <= 0 {
		return fmt.Sprintf("saving %s %s", name, formatSize(done))
	}
	frac := min(1, float64(done)/float64(total))
	full := int(frac * float64(width))
	return fmt.Sprintf("saving %s [%s%s] %3.0f%% %s/%s", name, strings.Repeat("#", full),
		strings.Repeat("-", width-full), frac*100, formatSize(done), formatSize(total))
}

// openPart saves the part into a new temporary directory and starts the
// user's opener on it ($OPENER, else the system's: see systemOpener), without
// a shell.
func (m Model) openPart(p imapsvc.PartInfo) (Model, tea.Cmd) {
	m.pending.other++
	name, b, mb, uid := partFile(p), m.backend, m.reader.msg.Mailbox, m.reader.msg.UID
	m.status = m.status.setNotice("opening "+name+"…", false)
	return m, tea.Batch(m.startSpinner(), call(saveTimeout, func(ctx context.Context) tea.Msg {
		dir, err := os.MkdirTemp("", "tern-open-")
		if err != nil {
			return openedMsg{name: name, err: err}
		}
		path := filepath.Join(dir, name)
		if _, err := b.SavePart(ctx, mb, uid, p, path, false, 0); err != nil {
			return openedMsg{name: name, err: err}
		}
		return openedMsg{name: name, err: startOpener(path)}
	}))
}

// startOpener runs the opener on path and does not wait for it (a viewer
// may stay open for long); its output is discarded so it cannot draw over
// the screen.
func startOpener(path string) error {
	args := strings.Fields(os.Getenv("OPENER"))
	if len(args) == 0 {
		args = []string{systemOpener(runtime.GOOS)}
	}
	cmd := exec.Command(args[0], append(args[1:], path)...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reaps the process; its exit status is its own business
	return nil
}

// expandHome expands a leading "~/".
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, p[1:]), nil
}

// joinPath joins a typed directory and a file name, keeping "~/" for
// expandHome.
func joinPath(dir, file string) string {
	return strings.TrimRight(dir, "/") + "/" + file
}
