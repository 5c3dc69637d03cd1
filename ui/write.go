package ui

import (
	"context"
	"os"
	"os/exec"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
	uicompose "tern/ui/compose"
)

// Writing mail (issue 14): the keys and commands that start a message,
// the editor, and the review screen (ui/compose) on the overlay stack.
// Files are read and written, and the editor runs, only in tea.Cmds.

// WriteOptions configure writing mail.
type WriteOptions struct {
	From    string   // the account's From, "Name <addr>"
	Aliases []string // other addresses of the user
	// Sender sends; Appender stores in Sent and Drafts. Nil: sending or
	// postponing says it is not set up, and the draft stays on disk.
	Sender   uicompose.Sender
	Appender uicompose.Appender
	// NoSentCopy: the server files sent mail itself (copy_to_sent = false).
	NoSentCopy bool
	// DraftsDir holds the local drafts (main passes drafts.Dir); "":
	// none, and writing is refused, since a draft must be on disk before
	// anything is sent.
	DraftsDir string
	// AddressBook is address_book_cmd: prints "name<TAB>address" lines
	// for the query (%s, else appended).
	AddressBook string
	// Editor is the command line of the editor; "": $VISUAL, $EDITOR, vi.
	Editor string
	// Exec runs the editor; nil: tea.ExecProcess (tests run it without a
	// terminal).
	Exec func(*exec.Cmd, tea.ExecCallback) tea.Cmd
}

// writeState is the root's part of writing: settings, and what the
// review screen is of.
type writeState struct {
	id       compose.Identity
	sender   uicompose.Sender
	appender uicompose.Appender
	sentCopy bool
	dir      string // drafts directory; "": writing is off
	editor   string
	home     string
	exec     func(*exec.Cmd, tea.ExecCallback) tea.Cmd
	now      func() time.Time

	book          string         // address_book_cmd
	seen          uicompose.Seen // addresses met this session, for completion
	review        uicompose.Model
	offeredToKeep bool // q after a failed send offered to postpone once
}

func newWriteState(o WriteOptions, now func() time.Time) writeState {
	w := writeState{
		id:       compose.Identity{From: o.From, Aliases: o.Aliases},
		sender:   o.Sender,
		appender: o.Appender,
		sentCopy: !o.NoSentCopy,
		dir:      o.DraftsDir,
		editor:   o.Editor,
		book:     o.AddressBook,
		exec:     o.Exec,
		now:      now,
		home:     os.Getenv("HOME"),
	}
	if w.editor == "" {
		w.editor = firstSet(os.Getenv("VISUAL"), os.Getenv("EDITOR"), "vi")
	}
	if w.exec == nil {
		w.exec = tea.ExecProcess
	}
	return w
}

// Sender sends a finished message (ui/compose); main adapts smtpsend.
type Sender = uicompose.Sender

// loggedIn hands the password the IMAP server has just accepted to a
// Sender that can take it (PasswordTaker): the SMTP login of an account
// whose config has no password. It is only a value passed on: no I/O.
func (w writeState) loggedIn(password string) writeState {
	if pt, ok := w.sender.(uicompose.PasswordTaker); ok && password != "" {
		w.sender = pt.WithPassword(password)
	}
	return w
}

func firstSet(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// writeKey starts a message from the list or the viewer: c, r, a, f, e.
func (m Model) writeKey(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	if m.phase != phaseReady || m.focus != focusRight {
		return m, nil, false
	}
	k := m.keys.Write
	switch {
	case key.Matches(msg, k.Compose):
		mm, cmd := m.startCompose()
		return mm, cmd, true
	case key.Matches(msg, k.Reply), key.Matches(msg, k.ReplyAll):
		mm, cmd := m.startFrom(startReply, key.Matches(msg, k.ReplyAll))
		return mm, cmd, true
	case key.Matches(msg, k.Forward):
		mm, cmd := m.startFrom(startForward, false)
		return mm, cmd, true
	case key.Matches(msg, k.EditDraft):
		mm, cmd := m.startFrom(startResume, false)
		return mm, cmd, true
	}
	return m, nil, false
}

type startKind int

const (
	startReply startKind = iota + 1
	startForward
	startResume
)

// Messages of writing.
type (
	// originalMsg is the message a reply, forward or resume is made from.
	originalMsg struct {
		kind     startKind
		all      bool // reply to all; forward as attachment
		mb       imapsvc.Mailbox
		uid      imapsvc.UID
		header   string
		text     string
		raw      string               // forward as attachment: the file holding the original
		hasFiles bool                 // the original has attachments
		files    []compose.Attachment // a resume's attachments, unpacked with the draft
		filesErr error                // why they could not be
		job      uicompose.Job
		err      error
	}
	// draftReadyMsg: the draft is on disk; the editor may open it.
	draftReadyMsg struct {
		job    uicompose.Job
		before string
		again  bool // from the review (e), not the first edit
		err    error
	}
	editorDoneMsg struct {
		job    uicompose.Job
		before string
		again  bool
		err    error
	}
	draftLoadedMsg struct {
		job     uicompose.Job
		text    string
		before  string
		again   bool
		editErr error
		err     error
	}
)

// startCompose opens the editor on a new message.
func (m Model) startCompose() (Model, tea.Cmd) {
	if m.write.id.From == "" {
		m.status = m.status.setNotice("set from = \"Name <you@example.org>\" in the account to write mail", true)
		return m, nil
	}
	job := uicompose.Job{ID: drafts.NewID(m.write.now())}
	return m.beginEdit(job, compose.Draft{From: m.write.id.From}.Text(), false)
}

// target is the message a reply or forward is of: the one shown in the
// viewer, else the one under the list's cursor.
func (m Model) target() (imapsvc.Mailbox, imapsvc.UID, bool) {
	if msg, ok := m.reader.Message(); ok && m.reader.Shown() && !m.reader.Detached() {
		return msg.Mailbox, msg.UID, true
	}
	if uid, ok := m.list.selected(); ok && m.list.open {
		return m.list.mb, uid, true
	}
	return imapsvc.Mailbox{}, 0, false
}

// startFrom fetches the original (header and text) of a reply, forward
// or resume; originalMsg continues.
func (m Model) startFrom(kind startKind, all bool) (Model, tea.Cmd) {
	mb, uid, ok := m.target()
	if !ok {
		m.status = m.status.setNotice("no message chosen", true)
		return m, nil
	}
	if kind != startResume && m.write.id.From == "" {
		m.status = m.status.setNotice("set from = \"Name <you@example.org>\" in the account to write mail", true)
		return m, nil
	}
	b := m.backend
	job := uicompose.Job{ID: drafts.NewID(m.write.now())}
	switch kind {
	case startReply:
		job.Origin = uicompose.Origin{Mailbox: mb, UID: uid, Flag: "\\Answered"}
	case startForward:
		job.Origin = uicompose.Origin{Mailbox: mb, UID: uid, Flag: "$Forwarded"}
	case startResume:
		if name := m.folders.SpecialUse("Drafts"); name != "" && name == mb.Name {
			job.Resumed = uicompose.Resumed{Mailbox: mb, UID: uid}
		}
	}
	dir := m.write.dir
	m.status = m.status.setNotice("fetching the message…", false)
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		out := originalMsg{kind: kind, all: all, mb: mb, uid: uid, job: job}
		if out.header, out.err = b.FetchHeader(ctx, mb, uid); out.err != nil {
			return out
		}
		body, err := b.FetchBody(ctx, mb, uid, false)
		if out.err = err; err != nil {
			return out
		}
		out.text = body.Text
		for _, p := range body.Parts {
			out.hasFiles = out.hasFiles || p.Attachment
		}
		if kind == startResume && out.hasFiles {
			out.files, out.filesErr = fetchDraftFiles(ctx, b, dir, job.ID, mb, uid)
		}
		if kind == startForward && all {
			subject := compose.ParseOriginal(out.header, "").Subject
			out.raw, out.err = fetchRawToDraft(ctx, b, dir, job.ID, mb, uid, subject)
		}
		return out
	})
}

// original makes the draft from the fetched original and opens the editor.
func (m Model) original(msg originalMsg) (Model, tea.Cmd) {
	m.status = m.status.setNotice("", false)
	if msg.err != nil {
		m.status = m.status.setNotice("cannot write from this message: "+errDetail(msg.err), true)
		return m, nil
	}
	o := compose.ParseOriginal(msg.header, msg.text)
	m = m.noteAddresses(o)
	var d compose.Draft
	switch msg.kind {
	case startReply:
		d = compose.Reply(o, m.write.id, msg.all)
	case startForward:
		d = compose.Forward(o, m.write.id, msg.all, msg.raw)
	case startResume:
		d = compose.Resume(msg.header, msg.text)
		if d.From == "" {
			d.From = m.write.id.From
		}
		d.Attachments = msg.files
		if msg.filesErr != nil {
			// Sending must not remove the only copy of the files.
			msg.job.Resumed = uicompose.Resumed{}
			m.status = m.status.setNotice("cannot carry the draft's attachments over ("+errDetail(msg.filesErr)+"): attach them again (a); the copy in Drafts stays", true)
		}
	}
	return m.beginEdit(msg.job, d.Text(), false)
}

// beginEdit writes the draft to its local file (before anything goes to
// the network), then draftReadyMsg opens the editor on it.
func (m Model) beginEdit(job uicompose.Job, text string, again bool) (Model, tea.Cmd) {
	if m.write.dir == "" {
		m.status = m.status.setNotice("writing mail is off: tern has no drafts directory", true)
		return m, nil
	}
	dir := m.write.dir
	return m, func() tea.Msg {
		st, err := drafts.Open(dir)
		if err == nil {
			err = st.Save(job.ID, text)
		}
		if err == nil && !again {
			err = uicompose.SaveJob(st, job)
		}
		return draftReadyMsg{job: job, before: text, again: again, err: err}
	}
}

// runEditor suspends tern's screen for the editor on the draft's file.
func (m Model) runEditor(msg draftReadyMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = m.status.setNotice("cannot write the draft: "+msg.err.Error(), true)
		return m, nil
	}
	st := drafts.Store{}.WithDir(m.write.dir) // a path only: Update does no I/O
	// The editor command may carry arguments ("emacs -nw"): the shell
	// splits it, and the path goes as $1, never through the shell's parser.
	c := exec.Command("sh", "-c", m.write.editor+` "$1"`, "sh", st.Path(msg.job.ID))
	job, before, again := msg.job, msg.before, msg.again
	return m, m.write.exec(c, func(err error) tea.Msg {
		return editorDoneMsg{job: job, before: before, again: again, err: err}
	})
}

// editorDone reads the draft back.
func (m Model) editorDone(msg editorDoneMsg) (Model, tea.Cmd) {
	storeDir := m.write.dir
	return m, func() tea.Msg {
		out := draftLoadedMsg{job: msg.job, before: msg.before, again: msg.again, editErr: msg.err}
		st, err := drafts.Open(storeDir)
		if err == nil {
			out.text, err = st.Load(msg.job.ID)
		}
		out.err = err
		return out
	}
}

// draftLoaded opens the review, or asks first when the editor failed or
// nothing was written.
func (m Model) draftLoaded(msg draftLoadedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = m.status.setNotice("cannot read the draft back: "+msg.err.Error(), true)
		return m, nil
	}
	why := ""
	switch {
	case msg.editErr != nil:
		why = "the editor failed (" + msg.editErr.Error() + ")"
	case msg.text == msg.before && !msg.again:
		why = "nothing was written"
	}
	m = m.showReview(msg.job, msg.text)
	if why != "" {
		// The question goes over the review: yes discards, no leaves the
		// review in front.
		job := msg.job
		m = m.openLayer(layer{kind: layerConfirm, confirm: m.admin.confirm.ask(why+": discard this message? (n keeps it)",
			func(m Model) (Model, tea.Cmd) { return m.discardDraft(job) })})
	}
	return m, nil
}
