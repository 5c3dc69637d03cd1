package compose

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
)

// Sender hands a message to the mail system (SMTP submission or
// sendmail_cmd). It must send nothing when it returns an error before
// the message was accepted, and the UI never calls it twice for one
// press of the send key. progress, when not nil, is called with the bytes
// of msg sent so far, now and then and never concurrently; it must not
// block.
type Sender interface {
	Send(ctx context.Context, from string, rcpt []string, msg io.Reader, progress func(sent int64)) error
}

// PasswordTaker is a Sender that can log in with the password the user
// typed at tern's login prompt, for an account whose config gives the
// submission server none. The root hands it over once the IMAP server
// took the password; the Sender returned is used from then on (one with
// a password of its own returns itself).
type PasswordTaker interface {
	WithPassword(password string) Sender
}

// Appender stores a message in the folder with a special use ("\\Sent",
// "\\Drafts"), with flags; uid is its APPENDUID, 0 where the server has
// no UIDPLUS. size is the exact length of msg (APPEND sends a literal).
type Appender interface {
	Append(ctx context.Context, specialUse string, flags []string, msg io.Reader, size int64) (uid imapsvc.UID, err error)
}

// SendResult is how a send went. Sent is true once the mail system took
// the message: from then on nothing may send it again, whatever else
// failed (the Sent copy, removing the local draft).
type SendResult struct {
	Sent      bool
	Err       error // the send itself
	CopyErr   error // the copy to Sent
	DraftErr  error // removing the local draft
	MessageID string
}

// Deliver builds the message into files of the draft (so attachments are
// streamed, and APPEND knows the size), sends it, then appends the copy
// with Bcc to Sent and removes the local draft. It blocks: call it from a
// tea.Cmd. progress, when not nil, hears how much of the message of total
// bytes the Sender has sent.
func Deliver(ctx context.Context, st drafts.Store, id string, c compose.Checked, s Sender, a Appender, copyToSent bool, now time.Time,
	progress func(sent, total int64)) SendResult {
	opts := compose.BuildOptions{Date: now, UserAgent: "tern"}
	out := st.File(id, "out.eml")
	msgID, err := buildFile(out, c, opts)
	if err != nil {
		return SendResult{Err: err}
	}
	opts.MessageID = msgID
	f, err := os.Open(out)
	if err != nil {
		return SendResult{Err: err}
	}
	var report func(int64)
	if fi, serr := f.Stat(); serr == nil && progress != nil {
		total := fi.Size()
		report = func(sent int64) { progress(sent, total) }
	}
	err = s.Send(ctx, c.FromAddr.Address, c.Recipients(), f, report)
	f.Close()
	os.Remove(out)
	if err != nil {
		return SendResult{Err: err}
	}
	r := SendResult{Sent: true, MessageID: msgID}
	if copyToSent && a != nil {
		opts.KeepBcc = true
		_, r.CopyErr = appendBuilt(ctx, st.File(id, "copy.eml"), c, opts, a, "\\Sent", []string{"\\Seen"})
	}
	r.DraftErr = st.Remove(id)
	return r
}

// PostponeDraft appends the draft to Drafts with \Draft (Bcc kept), then
// removes the local draft. The local file stays when the APPEND fails.
func PostponeDraft(ctx context.Context, st drafts.Store, id string, c compose.Checked, a Appender, now time.Time) (imapsvc.UID, error) {
	if a == nil {
		return 0, errors.New("postpone: no Drafts folder to store it in (the local draft is kept)")
	}
	uid, err := appendBuilt(ctx, st.File(id, "draft.eml"), c, compose.BuildOptions{Date: now, KeepBcc: true, UserAgent: "tern"},
		a, "\\Drafts", []string{"\\Draft", "\\Seen"})
	if err != nil {
		return 0, err
	}
	return uid, st.Remove(id)
}

func appendBuilt(ctx context.Context, path string, c compose.Checked, o compose.BuildOptions, a Appender, use string, flags []string) (imapsvc.UID, error) {
	defer os.Remove(path)
	if _, err := buildFile(path, c, o); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	uid, err := a.Append(ctx, use, flags, f, fi.Size())
	if err != nil {
		return 0, fmt.Errorf("APPEND to %s: %w", use, err)
	}
	return uid, nil
}

// buildFile writes the message to path (0600), removing it on failure.
func buildFile(path string, c compose.Checked, o compose.BuildOptions) (string, error) {
	var id string
	err := WriteFile(path, func(w io.Writer) (err error) {
		id, err = compose.Build(w, c, o)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// WriteFile writes path (0600, truncated) with write and removes it when
// writing or closing fails, so that no half-written file stays behind.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// RawFetcher streams a whole message as the server keeps it; a backend
// that has it (imapsvc.Service) lets tern forward as an attachment.
type RawFetcher interface {
	FetchMessageRaw(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, w io.Writer) (int64, error)
}

// SaveJob writes what the draft answers or resumes next to it (id.job),
// so a draft recovered after a crash still flags its original and
// removes the draft it was resumed from.
func SaveJob(st drafts.Store, j Job) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	return os.WriteFile(st.File(j.ID, "job"), b, 0o600)
}

// LoadJob reads it back; a missing or unreadable file is a job with
// nothing to flag, never an error that keeps the draft from opening.
func LoadJob(st drafts.Store, id string) Job {
	j := Job{ID: id}
	b, err := os.ReadFile(st.File(id, "job"))
	if err != nil || len(b) > 64<<10 {
		return j
	}
	var got Job
	if json.Unmarshal(b, &got) != nil || got.ID != id {
		return j
	}
	return got
}
