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
	"tern/ui/pane"
	"tern/ui/reader"
	"tern/ui/requests"
)

// saveTimeout bounds one save; a large part on a slow link takes a while.
const saveTimeout = 30 * time.Minute

// defaultSaveDir is where attachments go unless the user types another
// path: the XDG download directory most desktops create.
const defaultSaveDir = "~/Downloads"

type (
	savedMsg struct {
		req     requests.ID
		id      int // the save's id in SaveProgress events
		saved   []saveJob
		bytes   int64
		exist   []saveJob // refused: the file exists
		err     error
		errPart string
	}
	openedMsg struct {
		id   requests.ID
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
func (m Model) askSave(mb imapsvc.Mailbox, uid imapsvc.UID, p imapsvc.PartInfo) (Model, tea.Cmd) {
	job := saveJob{mb: mb, uid: uid, part: p, file: partFile(p)}
	var cmd tea.Cmd
	m.ask, cmd = m.ask.open(askSavePath, "Save to file: ", joinPath(defaultSaveDir, job.file), []saveJob{job}, m.width)
	return m.openLayer(layer{kind: layerAsk}), cmd
}

// askSaveAll asks for the directory to save the attachments into.
func (m Model) askSaveAll(s reader.Save) (Model, tea.Cmd) {
	var jobs []saveJob
	seen := map[string]bool{}
	for _, p := range s.Parts {
		f := partFile(p)
		if seen[f] { // two parts with one name: keep both
			f = p.Section + "-" + f
		}
		seen[f] = true
		jobs = append(jobs, saveJob{mb: s.Mailbox, uid: s.UID, part: p, file: f})
	}
	if len(jobs) == 0 {
		m.status = m.status.setNotice("this message has no attachments", false)
		return m, nil
	}
	var cmd tea.Cmd
	m.ask, cmd = m.ask.open(askSaveDir, fmt.Sprintf("Save %d attachments to directory: ", len(jobs)), defaultSaveDir+"/", jobs, m.width)
	return m.openLayer(layer{kind: layerAsk}), cmd
}

// startSave saves the jobs one after the other in a command; progress
// arrives as SaveProgress events.
func (m Model) startSave(jobs []saveJob, overwrite bool) (Model, tea.Cmd) {
	req := m.reqs.Start(reqSave)
	id, b, mb, uid := int(req.Num()), m.backend, jobs[0].mb, jobs[0].uid
	m.reader = m.reader.StartSave(id, jobs[0].file)
	m.status = m.status.setNotice("saving "+jobs[0].file+"…", false)
	return m, call(saveTimeout, func(ctx context.Context) tea.Msg {
		out := savedMsg{req: req, id: id}
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
	})
}

// saveResult handles the end of a save or an open; it reports false for
// messages that are not its own.
func (m Model) saveResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case savedMsg:
		m.finish(msg.req, msg.err)
		m.reader = m.reader.SaveDone()
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
			return m.offerLayer(layer{kind: layerAsk}, "a question"), cmd, true
		case len(msg.saved) == 1:
			m.status = m.status.setNotice(fmt.Sprintf("saved %s (%s)", msg.saved[0].path, pane.FormatSize(msg.bytes)), false)
		default:
			m.status = m.status.setNotice(fmt.Sprintf("saved %d files (%s)", len(msg.saved), pane.FormatSize(msg.bytes)), false)
		}
		return m, nil, true
	case openedMsg:
		m.finish(msg.id, msg.err)
		if msg.err != nil {
			m.status = m.status.setNotice(fmt.Sprintf("opening %s: %s", msg.name, errText(msg.err)), true)
		} else {
			m.status = m.status.setNotice("opened "+msg.name, false)
		}
		return m, nil, true
	}
	return m, nil, false
}

// openPart saves the part into a new temporary directory and starts the
// user's opener on it ($OPENER, else the system's: see systemOpener),
// without a shell.
func (m Model) openPart(o reader.Open) (Model, tea.Cmd) {
	p := o.Part
	id, name, b, mb, uid := m.reqs.Start(reqSave), partFile(p), m.backend, o.Mailbox, o.UID
	m.status = m.status.setNotice("opening "+name+"…", false)
	return m, call(saveTimeout, func(ctx context.Context) tea.Msg {
		dir, err := os.MkdirTemp("", "tern-open-")
		if err != nil {
			return openedMsg{id: id, name: name, err: err}
		}
		path := filepath.Join(dir, name)
		if _, err := b.SavePart(ctx, mb, uid, p, path, false, 0); err != nil {
			return openedMsg{id: id, name: name, err: err}
		}
		return openedMsg{id: id, name: name, err: startOpener(path)}
	})
}

// startOpener runs the opener on path and does not wait for it (a viewer
// may stay open for long); its output is discarded so it cannot draw over
// the screen.
func startOpener(path string) error {
	args := strings.Fields(os.Getenv("OPENER"))
	if len(args) == 0 {
		args = []string{systemOpener(runtime.GOOS)}
	}
	return startDetached(append(args, path))
}

// startDetached starts args without a shell and does not wait for it;
// stdin, stdout and stderr are /dev/null, so it cannot draw over the
// screen.
func startDetached(args []string) error {
	cmd := exec.Command(args[0], args[1:]...)
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
