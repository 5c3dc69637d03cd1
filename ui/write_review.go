package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
	"tern/sanitize"
	uicompose "tern/ui/compose"
)

// The review screen's actions: send, postpone, discard, attach.

type (
	sentMsg struct {
		job uicompose.Job
		r   uicompose.SendResult
	}
	postponedMsg struct {
		job uicompose.Job
		err error
	}
	discardedMsg struct{ err error }
	attachedMsg  struct {
		path string
		err  error
	}
	completedMsg struct {
		typed, value string
		matches      []string
	}
	draftSavedMsg struct{ err error }
	afterSendMsg  struct {
		notes        []string
		removedDraft bool // the resumed draft was expunged from Drafts
	}
)

// showReview parses the editor's text and puts the review in front.
func (m Model) showReview(job uicompose.Job, text string) Model {
	d, err := compose.Parse(text)
	g := geometry(m.width, m.height)
	if m.isOpen(layerReview) && m.write.review.Job().ID == job.ID {
		m.write.review = m.write.review.SetDraft(d, err)
		return m
	}
	m.write.offeredToKeep = false
	m.write.review = uicompose.New(m.keys.Review, m.keys.Cmdline, m.styles, job, d, err).SetSize(m.width, g.mainH)
	return m.openLayer(layer{kind: layerReview})
}

// reviewKey handles a key while the review is in front.
func (m Model) reviewKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	r, it, cmd := m.write.review.Key(msg)
	m.write.review = r
	if it.Notice != "" {
		m.status = m.status.setNotice(sanitize.Line(it.Notice), false) // may hold a typed path
	}
	job := r.Job()
	switch it.Action {
	case uicompose.Send:
		return m.send()
	case uicompose.Edit:
		return m.beginEdit(job, r.Draft().Text(), true)
	case uicompose.Postpone:
		return m.postpone()
	case uicompose.Discard:
		return m.askDiscard()
	case uicompose.Changed:
		return m, tea.Batch(cmd, m.saveDraft())
	case uicompose.Attach:
		p := uicompose.ExpandHome(it.Path, m.write.home)
		return m, func() tea.Msg {
			abs, err := filepath.Abs(p)
			if err == nil {
				var fi os.FileInfo
				if fi, err = os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
					err = fmt.Errorf("%s is not a file", it.Path)
				}
			}
			return attachedMsg{path: abs, err: err}
		}
	case uicompose.Addresses:
		return m, m.completeAddress(it.Path)
	case uicompose.Complete:
		home := m.write.home
		return m, func() tea.Msg {
			v, matches := uicompose.CompletePath(it.Path, home)
			return completedMsg{typed: it.Path, value: v, matches: matches}
		}
	}
	return m, cmd
}

// saveDraft writes the draft as it stands to its local file.
func (m Model) saveDraft() tea.Cmd {
	dir, id, text := m.write.dir, m.write.review.Job().ID, m.write.review.Draft().Text()
	return func() tea.Msg {
		st, err := drafts.Open(dir)
		if err == nil {
			err = st.Save(id, text)
		}
		return draftSavedMsg{err: err}
	}
}

// send hands the message to the Sender, once: the review shows "sending…"
// and ignores the send key until the answer is back.
func (m Model) send() (tea.Model, tea.Cmd) {
	if m.write.sender == nil {
		m.status = m.status.setNotice("sending is not set up for this account; p postpones to Drafts", true)
		return m, nil
	}
	m.write.review = m.write.review.Start("sending…")
	r, w := m.write.review, m.write
	now, text := m.write.now(), r.Draft().Text()
	feed, progress := newProgressFeed(r.Job().ID)
	return m, tea.Batch(waitProgress(feed), func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		defer close(feed) // after the last count: the reader stops
		// The draft as sent is on disk first, in this same Cmd, so no
		// save can land after Deliver removed it.
		st, err := drafts.Open(w.dir)
		if err == nil {
			err = st.Save(r.Job().ID, text)
		}
		if err != nil {
			return sentMsg{job: r.Job(), r: uicompose.SendResult{Err: err}}
		}
		return sentMsg{job: r.Job(), r: uicompose.Deliver(ctx, st, r.Job().ID, r.Checked(), w.sender, w.appender, w.sentCopy, now, progress)}
	})
}

// sendTimeout bounds a send with its Sent copy; a 10 MB attachment over a
// slow line needs minutes.
const sendTimeout = 10 * 60e9

// sent closes the review after a send, or keeps it with the error.
func (m Model) sent(msg sentMsg) (Model, tea.Cmd) {
	if !m.isOpen(layerReview) || m.write.review.Job().ID != msg.job.ID {
		return m, nil
	}
	if !msg.r.Sent {
		m.write.review = m.write.review.Done(msg.r.Err, true)
		m.status = m.status.setNotice("not sent: "+errText(msg.r.Err), true)
		return m, nil
	}
	m = m.closeKind(layerReview)
	var notes []string
	if msg.r.CopyErr != nil {
		notes = append(notes, "the copy to Sent failed: "+errDetail(msg.r.CopyErr))
	}
	if msg.r.DraftErr != nil {
		notes = append(notes, "the local draft could not be removed: "+msg.r.DraftErr.Error())
	}
	m.status = m.status.setNotice(strings.Join(append([]string{"sent"}, notes...), "; "), len(notes) > 0)
	var recount tea.Cmd
	if m.write.sentCopy && m.write.appender != nil && msg.r.CopyErr == nil {
		recount = m.recountSpecial("Sent")
	}
	return m, tea.Batch(m.afterSend(msg.job, notes), recount)
}

// afterSend flags the original (\Answered, $Forwarded) and removes the
// draft it was resumed from, each by UID.
func (m Model) afterSend(job uicompose.Job, notes []string) tea.Cmd {
	b := m.backend
	uidplus := m.session != nil && slices.ContainsFunc(m.session.Caps, func(c string) bool { return strings.EqualFold(c, "UIDPLUS") })
	o, res := job.Origin, job.Resumed
	open := m.list.mb
	if !m.list.open {
		open = imapsvc.Mailbox{}
	}
	if o.UID == 0 && res.UID == 0 {
		return nil
	}
	return call(requestTimeout, func(ctx context.Context) tea.Msg {
		var out []string
		removed := false
		if o.UID != 0 {
			if err := flagOriginal(ctx, b, o.Mailbox, o.UID, o.Flag, open); err != nil {
				out = append(out, "could not set "+o.Flag+" on the original: "+errDetail(err))
			}
		}
		if res.UID != 0 {
			if !uidplus {
				out = append(out, "the draft stays in Drafts: without UIDPLUS tern cannot expunge just it")
			} else if note := removeDraft(ctx, b, res.Mailbox, res.UID, open); note != "" {
				out = append(out, note)
			} else {
				removed = true
			}
		}
		return afterSendMsg{notes: append(notes, out...), removedDraft: removed}
	})
}

// postpone appends the draft to Drafts; the local file goes only after.
func (m Model) postpone() (tea.Model, tea.Cmd) {
	checked, err := m.write.review.ForPostpone()
	if err != nil {
		m.status = m.status.setNotice("fix the addresses before postponing (the local draft is kept meanwhile)", true)
		return m, nil
	}
	m.write.review = m.write.review.Start("postponing…")
	r, w := m.write.review, m.write
	now, text := m.write.now(), r.Draft().Text()
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		st, err := drafts.Open(w.dir)
		if err == nil {
			err = st.Save(r.Job().ID, text)
		}
		if err == nil {
			_, err = uicompose.PostponeDraft(ctx, st, r.Job().ID, checked, w.appender, now)
		}
		return postponedMsg{job: r.Job(), err: err}
	})
}

func (m Model) postponed(msg postponedMsg) (Model, tea.Cmd) {
	if !m.isOpen(layerReview) || m.write.review.Job().ID != msg.job.ID {
		return m, nil
	}
	if msg.err != nil {
		m.write.review = m.write.review.Done(msg.err, false)
		m.status = m.status.setNotice("not postponed: "+errText(msg.err), true)
		return m, nil
	}
	m = m.closeKind(layerReview)
	m.status = m.status.setNotice("postponed to Drafts", false)
	return m, m.recountSpecial("Drafts")
}

// askDiscard asks before the draft goes; after a failed send it offers
// to postpone first.
func (m Model) askDiscard() (tea.Model, tea.Cmd) {
	job := m.write.review.Job()
	if m.write.review.Failed() && !m.write.offeredToKeep {
		m.write.offeredToKeep = true
		return m.openLayer(layer{kind: layerConfirm, confirm: m.admin.confirm.ask(
			"The message was not sent. Postpone it to Drafts? (n: back to the review; q again discards)",
			func(m Model) (Model, tea.Cmd) {
				mm, cmd := m.postpone()
				return mm.(Model), cmd
			})}), nil
	}
	return m.openLayer(layer{kind: layerConfirm, confirm: m.admin.confirm.ask(
		"Discard this message? It is not sent and its draft is deleted",
		func(m Model) (Model, tea.Cmd) { return m.discardDraft(job) })}), nil
}

// discardDraft removes the local draft and closes the review.
func (m Model) discardDraft(job uicompose.Job) (Model, tea.Cmd) {
	if m.isOpen(layerReview) && m.write.review.Job().ID == job.ID {
		m = m.closeKind(layerReview)
	}
	dir := m.write.dir
	return m, func() tea.Msg {
		st, err := drafts.Open(dir)
		if err == nil {
			err = st.Remove(job.ID)
		}
		return discardedMsg{err: err}
	}
}

// handleWriteResult takes the messages of writing; ok is false for others.
func (m Model) handleWriteResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case originalMsg:
		m, cmd = m.original(msg)
	case draftReadyMsg:
		m, cmd = m.runEditor(msg)
	case editorDoneMsg:
		m, cmd = m.editorDone(msg)
	case draftLoadedMsg:
		m, cmd = m.draftLoaded(msg)
	case sentMsg:
		m, cmd = m.sent(msg)
	case postponedMsg:
		m, cmd = m.postponed(msg)
	case sendProgressMsg:
		m, cmd = m.sendProgress(msg)
	case afterSendMsg:
		if len(msg.notes) > 0 {
			m.status = m.status.setNotice("sent; "+strings.Join(msg.notes, "; "), true)
		}
		if msg.removedDraft {
			cmd = m.recountSpecial("Drafts")
		}
	case discardedMsg:
		if msg.err != nil {
			m.status = m.status.setNotice("the draft file could not be removed: "+msg.err.Error(), true)
		} else {
			m.status = m.status.setNotice("message discarded", false)
		}
	case draftSavedMsg:
		if msg.err != nil {
			m.status = m.status.setNotice("the draft could not be saved: "+msg.err.Error(), true)
		}
	case attachedMsg:
		if msg.err != nil {
			m.status = m.status.setNotice("not attached: "+errText(msg.err), true)
			break
		}
		if m.isOpen(layerReview) {
			m.write.review = m.write.review.AddAttachment(msg.path)
			m.status = m.status.setNotice("attached "+sanitize.Line(filepath.Base(msg.path)), false)
			cmd = m.saveDraft()
		}
	case completedMsg:
		m.write.review = m.write.review.Completed(msg.typed, msg.value)
		if len(msg.matches) > 1 {
			m.status = m.status.setNotice(sanitize.Line(strings.Join(msg.matches, "  ")), false)
		}
	case addressesMsg:
		m = m.addresses(msg)
	case draftsLeftMsg:
		m, cmd = m.draftsLeft(msg)
	case resumeLocalMsg:
		m, cmd = m.resumeLocal(msg)
	case rowsMsg:
		// Not taken either: the list gets the rows; their senders are
		// noted for completion.
		if msg.err == nil {
			m = m.noteRows(msg.list.Rows)
		}
		return m, nil, false
	case selectedMsg:
		if msg.err == nil {
			m = m.noteRows(msg.sel.Newest)
		}
		return m, nil, false
	case messageMsg:
		// Not taken: the viewer's answer goes on to handleResult; its
		// addresses are noted for completion.
		if msg.err == nil {
			m = m.noteShown(msg.msg.From, msg.msg.To, msg.msg.Cc)
		}
		return m, nil, false
	default:
		return m, nil, false
	}
	return m, cmd, true
}

// flagElsewhere is the backend that can flag a message outside the open
// folder without leaving it (imapsvc.Service, also inside cached.Backend).
type flagElsewhere interface {
	FlagElsewhere(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, flag string) error
}

type removeElsewhere interface {
	RemoveElsewhere(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID) error
}

// removeDraft deletes the draft a sent message was resumed from (UID STORE
// \Deleted, UID EXPUNGE of just it): in the open folder through the
// backend's Store and Expunge, elsewhere without changing the open folder.
// It returns what to tell the user, "" when the draft is gone.
func removeDraft(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, uid imapsvc.UID, open imapsvc.Mailbox) string {
	if re, ok := b.(removeElsewhere); ok && mb != open {
		if err := re.RemoveElsewhere(ctx, mb, uid); err != nil {
			return "the draft stays in Drafts: " + errDetail(err)
		}
		return ""
	}
	if _, err := b.Store(ctx, mb, []imapsvc.UID{uid}, imapsvc.StoreAdd, []string{"\\Deleted"}); err != nil {
		return "the draft stays in Drafts: " + errDetail(err)
	}
	if _, err := b.Expunge(ctx, mb, []imapsvc.UID{uid}, false); err != nil {
		return "the draft in Drafts is marked \\Deleted but not expunged: " + errDetail(err)
	}
	return ""
}

// flagOriginal sets flag on uid in mb: by Store in the open folder, else
// where the backend can, without changing the open folder (its IDLE keeps
// watching it).
func flagOriginal(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, uid imapsvc.UID, flag string, open imapsvc.Mailbox) error {
	if fe, ok := b.(flagElsewhere); ok && mb != open {
		return fe.FlagElsewhere(ctx, mb, uid, flag)
	}
	_, err := b.Store(ctx, mb, []imapsvc.UID{uid}, imapsvc.StoreAdd, []string{flag})
	return err
}
