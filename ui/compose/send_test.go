package compose

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tern/compose"
	"tern/drafts"
	"tern/imapsvc"
)

type sinkSender struct {
	err   error
	n     int64
	tries int
	rcpt  []string
	data  string
	keep  bool // keep the data (small messages only)
}

func (s *sinkSender) Send(ctx context.Context, from string, rcpt []string, msg io.Reader, _ func(int64)) error {
	s.tries++
	s.rcpt = rcpt
	if s.keep {
		b, err := io.ReadAll(msg)
		s.data, s.n = string(b), int64(len(b))
		if err != nil {
			return err
		}
	} else {
		n, err := io.Copy(io.Discard, msg)
		s.n = n
		if err != nil {
			return err
		}
	}
	return s.err
}

type sinkAppender struct {
	err  error
	uses []string
	data []string
}

func (a *sinkAppender) Append(ctx context.Context, use string, flags []string, msg io.Reader, size int64) (imapsvc.UID, error) {
	b, err := io.ReadAll(msg)
	if err != nil {
		return 0, err
	}
	if int64(len(b)) != size {
		return 0, errors.New("size does not match")
	}
	if a.err != nil {
		return 0, a.err
	}
	a.uses = append(a.uses, use+" "+strings.Join(flags, " "))
	a.data = append(a.data, string(b))
	return 7, nil
}

func store(t testing.TB) drafts.Store {
	st, err := drafts.Open(filepath.Join(t.TempDir(), "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func checkedDraft(t testing.TB, d compose.Draft) compose.Checked {
	c, err := compose.Check(d)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func left(t *testing.T, st drafts.Store) []string {
	ents, _ := os.ReadDir(st.Dir())
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestDeliver(t *testing.T) {
	d := compose.Draft{From: "Me <me@x.org>", To: "a@x.org", Bcc: "hidden@x.org", Subject: "s", Body: "b\n"}
	now := time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		sendErr   error
		appendErr error
		sent      bool
		draftLeft bool
		copies    int
	}{
		{"sent, copy in Sent, draft removed", nil, nil, true, false, 1},
		{"refused: nothing removed", errors.New("554 no"), nil, false, true, 0},
		{"sent but the Sent copy failed: still sent, draft removed", nil, errors.New("NO quota"), true, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := store(t)
			if err := st.Save("id", d.Text()); err != nil {
				t.Fatal(err)
			}
			s, a := &sinkSender{err: tt.sendErr, keep: true}, &sinkAppender{err: tt.appendErr}
			r := Deliver(context.Background(), st, "id", checkedDraft(t, d), s, a, true, now, nil)
			if r.Sent != tt.sent || s.tries != 1 || len(a.uses) != tt.copies {
				t.Fatalf("result %+v, tries %d, copies %v", r, s.tries, a.uses)
			}
			if (len(left(t, st)) > 0) != tt.draftLeft {
				t.Errorf("files left: %v", left(t, st))
			}
			if tt.appendErr != nil && r.CopyErr == nil {
				t.Error("the failed copy is not reported")
			}
			if strings.Contains(s.data, "hidden@") || len(s.rcpt) != 2 {
				t.Errorf("Bcc: rcpt %v, in the header: %v", s.rcpt, strings.Contains(s.data, "hidden@"))
			}
			if tt.copies == 1 && (!strings.Contains(a.data[0], "Bcc: <hidden@x.org>") || a.uses[0] != `\Sent \Seen` ||
				!strings.Contains(a.data[0], "Message-Id: <"+r.MessageID+">")) {
				t.Errorf("Sent copy %q %q", a.uses, a.data[0])
			}
		})
	}
}

func TestPostponeDraft(t *testing.T) {
	d := compose.Draft{From: "me@x.org", To: "a@x.org", Subject: "later"}
	st := store(t)
	if err := st.Save("id", d.Text()); err != nil {
		t.Fatal(err)
	}
	if _, err := PostponeDraft(context.Background(), st, "id", checkedDraft(t, d), &sinkAppender{err: errors.New("NO")}, time.Now()); err == nil || len(left(t, st)) != 1 {
		t.Fatalf("failed APPEND: %v, files %v", err, left(t, st))
	}
	if _, err := PostponeDraft(context.Background(), st, "id", checkedDraft(t, d), nil, time.Now()); err == nil || len(left(t, st)) != 1 {
		t.Fatalf("no appender: %v, files %v", err, left(t, st))
	}
	a := &sinkAppender{}
	uid, err := PostponeDraft(context.Background(), st, "id", checkedDraft(t, d), a, time.Now())
	if err != nil || uid != 7 || a.uses[0] != `\Drafts \Draft \Seen` || len(left(t, st)) != 0 {
		t.Fatalf("uid %d err %v uses %v files %v", uid, err, a.uses, left(t, st))
	}
}

// BenchmarkDeliver10MB sends a 10 MB attachment to a sender that reads
// and drops it: B/op stays far below 10 MB because the attachment is
// streamed from its file into the built message, and from there to the
// sender, never held whole.
func BenchmarkDeliver10MB(b *testing.B) {
	dir := b.TempDir()
	att := filepath.Join(dir, "big.bin")
	f, err := os.Create(att)
	if err != nil {
		b.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte(i * 7)
	}
	for range 10 {
		if _, err := f.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
	f.Close()
	d := compose.Draft{From: "me@x.org", To: "a@x.org", Subject: "big", Body: "see attached\n", Attachments: []compose.Attachment{{Path: att}}}
	c := checkedDraft(b, d)
	st := store(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s := &sinkSender{}
		if r := Deliver(context.Background(), st, "id", c, s, nil, false, time.Now(), nil); !r.Sent || s.n < 10<<20 {
			b.Fatalf("%+v, %d bytes", r, s.n)
		}
	}
}

func TestJobFile(t *testing.T) {
	st := store(t)
	j := Job{ID: "a", Origin: Origin{Mailbox: imapsvc.Mailbox{Name: "INBOX", UIDValidity: 9}, UID: 4, Flag: `\Answered`}}
	if err := SaveJob(st, j); err != nil {
		t.Fatal(err)
	}
	if got := LoadJob(st, "a"); got != j {
		t.Errorf("LoadJob = %+v", got)
	}
	if got := LoadJob(st, "missing"); got != (Job{ID: "missing"}) {
		t.Errorf("missing: %+v", got)
	}
	if err := os.WriteFile(st.File("bad", "job"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := LoadJob(st, "bad"); got != (Job{ID: "bad"}) {
		t.Errorf("garbage: %+v", got)
	}
	if err := SaveJob(st, Job{ID: "other"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(st.File("other", "job"), st.File("moved", "job")); err != nil {
		t.Fatal(err)
	}
	if got := LoadJob(st, "moved"); got != (Job{ID: "moved"}) {
		t.Errorf("a job naming another draft was taken: %+v", got)
	}
}

// TestWriteFileRemovesOnFailure: a write that fails halfway leaves no
// file; one that succeeds leaves exactly what it wrote, mode 0600.
func TestWriteFileRemovesOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msg")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half a mess")
		return errors.New("connection lost")
	})
	if err == nil || err.Error() != "connection lost" {
		t.Fatalf("WriteFile = %v, want the write's error", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("a failed write left %s (%v)", path, err)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("stat %v, %v", fi, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "whole" {
		t.Errorf("file holds %q", b)
	}
}
