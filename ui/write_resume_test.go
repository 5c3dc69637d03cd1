package ui

import (
	"context"
	"github.com/charmbracelet/x/exp/teatest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tern/imapsvc"
)

// resumeFake is a Drafts whose message has an attachment.
type resumeFake struct{ headerFake }

func (f resumeFake) FetchBody(ctx context.Context, mb imapsvc.Mailbox, uid imapsvc.UID, html bool) (imapsvc.Message, error) {
	m, err := f.headerFake.FetchBody(ctx, mb, uid, html)
	m.Parts = append(m.Parts, imapsvc.PartInfo{Section: "2", Type: "application/pdf", Name: "r.pdf", Attachment: true})
	return m, err
}

const draftWithFile = "From: Me <me@example.org>\r\nTo: dana@example.com\r\nSubject: with a file\r\n" +
	"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
	"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nthe text\r\n" +
	"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9-2026.pdf\r\n" +
	"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQgdGhlIGJ5dGVz\r\n--b--\r\n"

// resumeFromDrafts runs a flow on a fake whose Drafts holds two messages
// with raw as their whole text, opens Drafts and presses e on the newest.
func resumeFromDrafts(t *testing.T, opts Options, raw string) (*fakeBackend, *teatest.TestModel) {
	t.Helper()
	f := newFake(5)
	f.boxes["Drafts"] = makeBox(13, 2)
	tm := runFlow(t, resumeFake{headerFake{fakeBackend: f, raw: raw}}, opts)
	waitScreen(t, tm, "Message number 5")
	sendLine(tm, "select Drafts")
	waitScreen(t, tm, "Drafts [READ-WRITE]", "Message number 2")
	send(tm, "e")
	return f, tm
}

// TestWriteFlowResumeKeepsAttachments: a draft resumed from Drafts keeps
// its attachment (name and bytes) through the send; the unpacked file goes
// with the local draft. (The Drafts copy's removal: TestWriteFlowResumeFromDrafts.)
func TestWriteFlowResumeKeepsAttachments(t *testing.T) {
	opts, s, _, dir := writeOptions(t, editorScript(t, addAfterHeaders("resumed")))
	_, tm := resumeFromDrafts(t, opts, draftWithFile)
	waitScreen(t, tm, "Review: draft from Drafts", "résumé-2026.pdf")
	send(tm, "y")
	waitSent(t, s)
	_, sent := s.snapshot()
	// "%PDF-1.4 the bytes" in base64, as Build writes it.
	if len(sent) != 1 || !strings.Contains(sent[0].data, "JVBERi0xLjQgdGhlIGJ5dGVz") ||
		!strings.Contains(sent[0].data, "sum%C3%A9-2026.pdf") {
		t.Fatalf("sent %+v", sent)
	}
	waitScreen(t, tm, "sent")
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
}

// TestUnpackFilesSafeNames: server-given names cannot leave the draft's
// directory nor carry control characters; files are 0600.
func TestUnpackFilesSafeNames(t *testing.T) {
	msg := "Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"../../evil\x1b[2J.sh\"\r\n\r\none\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"..\"\r\n\r\ntwo\r\n" +
		"--b\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\n\r\nthree\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"a/b\"\r\n\r\nfour\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"a\\\\b\"\r\n\r\nfive\r\n--b--\r\n"
	root := t.TempDir()
	dir := filepath.Join(root, "id.files")
	files, err := unpackFiles(strings.NewReader(msg), dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range files {
		if filepath.Dir(a.Path) != dir {
			t.Errorf("%q is outside %s", a.Path, dir)
		}
		base := filepath.Base(a.Path)
		if strings.ContainsAny(base, "/\\\x1b") || strings.HasPrefix(base, ".") {
			t.Errorf("unsafe name %q", base)
		}
		fi, err := os.Stat(a.Path)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", a.Path, fi, err)
		}
		b, _ := os.ReadFile(a.Path)
		got = append(got, string(b))
	}
	var names []string
	for _, a := range files {
		names = append(names, filepath.Base(a.Path))
	}
	if strings.Join(names, ",") != "evil.sh,attachment,attachment-2,b,b-2" {
		t.Errorf("names %q", names)
	}
	if len(got) != 5 || strings.Join(got, ",") != "one,two,three,four,five" {
		t.Errorf("contents %v, want one..five in message order", got)
	}
	ents, _ := os.ReadDir(root)
	if len(ents) != 1 {
		t.Errorf("root holds %d entries, want only the files directory", len(ents))
	}
}

// TestWriteFlowResumeFilesFailKeepsDraft: when the attachments cannot be
// fetched, the resume says so and goes on as a new message, so the send
// does not remove the Drafts copy, the only one of the files.
func TestWriteFlowResumeFilesFailKeepsDraft(t *testing.T) {
	opts, s, _, _ := writeOptions(t, editorScript(t, addAfterHeaders("resumed")))
	f, tm := resumeFromDrafts(t, opts, "") // raw "" refuses the fetch
	waitScreen(t, tm, "cannot carry the draft's attachments over")
	waitScreen(t, tm, "Review: new message", "resumed")
	send(tm, "y")
	waitSent(t, s)
	waitScreen(t, tm, "sent")
	for _, c := range f.callLog() {
		if strings.Contains(c, `\Deleted`) || strings.HasPrefix(c, "EXPUNGE") {
			t.Errorf("tern removed the draft whose files it could not carry: %q", c)
		}
	}
}

// TestWriteFlowResumeDiscardRemovesFiles: discarding a resumed draft
// removes the files unpacked for it, and leaves Drafts alone.
func TestWriteFlowResumeDiscardRemovesFiles(t *testing.T) {
	opts, _, _, dir := writeOptions(t, editorScript(t, addAfterHeaders("resumed")))
	f, tm := resumeFromDrafts(t, opts, draftWithFile)
	waitScreen(t, tm, "Review: draft from Drafts", "résumé-2026.pdf")
	if files := draftFiles(t, dir); !slices.ContainsFunc(files, func(n string) bool { return strings.HasSuffix(n, ".files") }) {
		t.Fatalf("no files directory with the draft: %v", files)
	}
	quitAndDiscard(t, tm, dir)
	for _, c := range f.callLog() {
		if strings.Contains(c, `\Deleted`) || strings.HasPrefix(c, "EXPUNGE") {
			t.Errorf("discarding touched Drafts: %q", c)
		}
	}
}
