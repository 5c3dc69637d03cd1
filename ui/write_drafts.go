package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
	"tern/ui/commands"
	uicompose "tern/ui/compose"
)

// Drafts a crash left in the local drafts directory are offered at start,
// one question each; no leaves the file where it is.

type (
	draftsLeftMsg struct {
		list []drafts.Entry
		err  error
	}
	resumeLocalMsg struct {
		job  uicompose.Job
		text string
		err  error
	}
)

// writeInit lists the drafts left on disk.
func (m Model) writeInit() tea.Cmd {
	dir := m.write.dir
	if dir == "" {
		return nil
	}
	return func() tea.Msg {
		l, err := drafts.Store{}.WithDir(dir).List()
		return draftsLeftMsg{list: l, err: err}
	}
}

func (m Model) draftsLeft(msg draftsLeftMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = m.status.setNotice("cannot read the drafts directory: "+msg.err.Error(), true)
		return m, nil
	}
	for _, e := range msg.list {
		id := e.ID
		q := fmt.Sprintf("A message you were writing was left unsent (%s). Open it?", e.Modified.Format("2 Jan 15:04"))
		m = m.offerConfirm(m.admin.confirm.ask(q, func(m Model) (Model, tea.Cmd) { return m, m.loadLocal(id) }))
	}
	return m, nil
}

func (m Model) loadLocal(id string) tea.Cmd {
	dir := m.write.dir
	return func() tea.Msg {
		st, err := drafts.Open(dir)
		out := resumeLocalMsg{job: uicompose.Job{ID: id}, err: err}
		if err == nil {
			out.text, out.err = st.Load(id)
			out.job = uicompose.LoadJob(st, id)
		}
		return out
	}
}

func (m Model) resumeLocal(msg resumeLocalMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = m.status.setNotice("cannot open the draft: "+msg.err.Error(), true)
		return m, nil
	}
	return m.showReview(msg.job, msg.text), nil
}

// The ":" commands of writing.
func runCompose(m Model, _ commands.Call) (tea.Model, tea.Cmd) { return m.startCompose() }

func runReply(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	if a := c.Arg(0); a != "" && a != "-a" {
		m.status = m.status.setNotice("usage: :reply [-a] (-a replies to all)", true)
		return m, nil
	}
	return m.startFrom(startReply, c.Arg(0) == "-a")
}

func runForward(m Model, c commands.Call) (tea.Model, tea.Cmd) {
	if a := c.Arg(0); a != "" && a != "-a" {
		m.status = m.status.setNotice("usage: :forward [-a] (-a attaches the message)", true)
		return m, nil
	}
	return m.startFrom(startForward, c.Arg(0) == "-a")
}

// fetchRawToDraft saves the original of a forward-as-attachment with the
// draft, named from its subject, which is where the attachment is read
// from and what it is called.
func fetchRawToDraft(ctx context.Context, b imapsvc.Backend, dir, id string, mb imapsvc.Mailbox, uid imapsvc.UID, subject string) (string, error) {
	rf, ok := b.(uicompose.RawFetcher)
	if !ok {
		return "", errors.New("forwarding as an attachment is not available here; :forward forwards inline")
	}
	st, err := drafts.Open(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(st.FilesDir(id), 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(st.FilesDir(id), compose.AttachName(subject))
	err = uicompose.WriteFile(path, func(w io.Writer) error {
		_, err := rf.FetchMessageRaw(ctx, mb, uid, w)
		return err
	})
	if err != nil {
		return "", err
	}
	return path, nil
}
