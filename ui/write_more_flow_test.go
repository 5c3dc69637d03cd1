package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/drafts"
	"tern/imapsvc"
	uicompose "tern/ui/compose"
)

func imapsvcMessage(from, to string) imapsvc.Message {
	return imapsvc.Message{UID: 10, From: from, To: to, Subject: "s", Text: "t"}
}

const setTo = `sed -i 's/^To: $/To: dana@example.com/' "$1"`

// TestWriteFlowResumeFromDrafts: e on a message in Drafts resumes it;
// sending it removes that draft by UID (STORE \Deleted, UID EXPUNGE of
// just it); without UIDPLUS the draft is left and the user told.
func TestWriteFlowResumeFromDrafts(t *testing.T) {
	for _, uidplus := range []bool{true, false} {
		t.Run(map[bool]string{true: "UIDPLUS", false: "no UIDPLUS"}[uidplus], func(t *testing.T) {
			opts, s, _, _ := writeOptions(t, editorScript(t, addAfterHeaders("resumed")))
			f := newFake(5)
			f.boxes["Drafts"] = makeBox(13, 2)
			if !uidplus {
				f.caps = slices.DeleteFunc(slices.Clone(f.caps), func(c string) bool { return c == "UIDPLUS" })
			}
			tm := runFlow(t, headerFake{fakeBackend: f}, opts)
			waitScreen(t, tm, "Message number 5")
			sendLine(tm, "select Drafts")
			waitScreen(t, tm, "Drafts [READ-WRITE]", "Message number 2")
			send(tm, "e")
			waitScreen(t, tm, "Review: draft from Drafts", "resumed")
			send(tm, "y")
			waitSent(t, s)
			if uidplus {
				teatest.WaitFor(t, tm.Output(), func([]byte) bool { return lastCall(f, "EXPUNGE") == "EXPUNGE 4 whole=false" },
					teatest.WithDuration(30*time.Second))
				if !slices.Contains(f.callLog(), `STORE 4 +FLAGS \Deleted`) {
					t.Errorf("no STORE \\Deleted of the draft: %v", f.callLog())
				}
				return
			}
			waitScreen(t, tm, "the draft stays in Drafts")
			for _, c := range f.callLog() {
				if strings.Contains(c, `\Deleted`) || strings.HasPrefix(c, "EXPUNGE") {
					t.Errorf("without UIDPLUS tern still sent %q", c)
				}
			}
		})
	}
}

// TestWriteFlowCrashDraftOffered: a draft left on disk is offered at
// start and opens in the review.
func TestWriteFlowCrashDraftOffered(t *testing.T) {
	opts, _, _, dir := writeOptions(t, "true")
	st, err := drafts.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save("20250101T000000-0000abcd", "From: Me <me@example.org>\nTo: x@example.org\nSubject: left behind\n\nunsent text\n"); err != nil {
		t.Fatal(err)
	}
	tm := runFlow(t, newFake(5), opts)
	waitScreen(t, tm, "was left unsent")
	send(tm, "y")
	waitScreen(t, tm, "Review: new message", "left behind", "unsent text")
}

// TestWriteFlowForwardAttached: :forward -a attaches the original as
// message/rfc822 and sets $Forwarded after the send.
func TestWriteFlowForwardAttached(t *testing.T) {
	opts, s, _, dir := writeOptions(t, editorScript(t, setTo))
	f := newFake(5)
	tm := runFlow(t, headerFake{fakeBackend: f, raw: "Subject: Message number 5\r\n\r\nthe raw original\r\n"}, opts)
	waitScreen(t, tm, "Message number 5")
	sendLine(tm, "forward -a")
	waitScreen(t, tm, "Review: forward", "Message number 5.eml")
	send(tm, "y")
	waitSent(t, s)
	_, sent := s.snapshot()
	if len(sent) != 1 || !strings.Contains(sent[0].data, "Content-Type: message/rfc822") ||
		!strings.Contains(sent[0].data, "the raw original") || !slices.Equal(sent[0].rcpt, []string{"dana@example.com"}) {
		t.Fatalf("sent %+v", sent)
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return lastCall(f, "STORE") == `STORE 10 +FLAGS $Forwarded` },
		teatest.WithDuration(30*time.Second))
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
}

// TestWriteFlowAttachDetach: a in the review asks for a path, Tab
// completes it, Enter attaches; D detaches.
func TestWriteFlowAttachDetach(t *testing.T) {
	opts, s, _, _ := writeOptions(t, editorScript(t, setTo))
	files := t.TempDir()
	if err := os.WriteFile(filepath.Join(files, "report-2026.pdf"), []byte("%PDF-1.4 x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := runFlow(t, newFake(5), opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "c")
	waitScreen(t, tm, "Review: new message", "dana@example.com")
	send(tm, "a")
	waitScreen(t, tm, "Attach file:")
	sendText(tm, filepath.Join(files, "rep"))
	send(tm, "tab")
	waitScreen(t, tm, "report-2026.pdf")
	send(tm, "enter")
	waitScreen(t, tm, "attached report-2026.pdf", "Attach 1")
	send(tm, "D")
	waitScreen(t, tm, "detached")
	send(tm, "a")
	sendText(tm, filepath.Join(files, "report-2026.pdf"))
	send(tm, "enter")
	waitScreen(t, tm, "Attach 1")
	send(tm, "y")
	waitSent(t, s)
	_, sent := s.snapshot()
	if len(sent) != 1 || !strings.Contains(sent[0].data, `filename=report-2026.pdf`) || strings.Count(sent[0].data, "report-2026.pdf") > 2 {
		t.Errorf("sent %+v", sent)
	}
}

// TestWriteFlowAddressCompletion: t edits To, Tab completes from
// address_book_cmd; c edits Cc, Tab completes from the addresses of the
// message being answered.
func TestWriteFlowAddressCompletion(t *testing.T) {
	opts, _, _, _ := writeOptions(t, editorScript(t, addAfterHeaders("hi")))
	book := editorScript(t, `printf 'searching\nDana Scully\tdana@example.com\n'`)
	opts.Write.AddressBook = book + " %s"
	tm := runFlow(t, headerFake{fakeBackend: newFake(5)}, opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "r")
	waitScreen(t, tm, "Review: reply")
	send(tm, "t")
	waitScreen(t, tm, "To: Alice")
	sendText(tm, ", da")
	send(tm, "tab")
	waitScreen(t, tm, "Dana Scully <dana@example.com>")
	send(tm, "enter")
	send(tm, "c")
	sendText(tm, "bo")
	send(tm, "tab")
	waitScreen(t, tm, "Cc: bob@example.net")
	send(tm, "enter")
	waitScreen(t, tm, "Cc:       bob@example.net")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	d := fm.write.review.Draft()
	if d.To != "Alice <alice@example.com>, Dana Scully <dana@example.com>" || d.Cc != "bob@example.net" {
		t.Errorf("To %q Cc %q", d.To, d.Cc)
	}
}

// TestWriteSeenFromViewer: the addresses of a message read in the viewer
// are offered when completing To.
func TestWriteSeenFromViewer(t *testing.T) {
	opts, _, _, _ := writeOptions(t, "true")
	m := start(t, quiet(5), opts)
	m = drive(t, m, messageMsg{mb: m.list.mb, uid: 10, msg: imapsvcMessage("Erin Example <erin@example.com>", "me@example.org, Frank <frank@example.net>")}).(Model)
	got := uicompose.Match(m.write.seen.Contacts(), "fr")
	if len(got) != 1 || got[0].Addr != "frank@example.net" {
		t.Errorf("seen after the viewer: %v", m.write.seen.Contacts())
	}
}

// TestWriteFlowCrashReplyKeepsOrigin: a reply left by a crash still
// sets \Answered on its original once sent.
func TestWriteFlowCrashReplyKeepsOrigin(t *testing.T) {
	opts, s, _, dir := writeOptions(t, "true")
	f := newFake(5)
	st, err := drafts.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const id = "20250101T000000-0000beef"
	if err := st.Save(id, "From: Me <me@example.org>\nTo: alice@example.com\nSubject: Re: Message number 5\n\nyes\n"); err != nil {
		t.Fatal(err)
	}
	mb := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 7}
	if err := uicompose.SaveJob(st, uicompose.Job{ID: id, Origin: uicompose.Origin{Mailbox: mb, UID: 10, Flag: `\Answered`}}); err != nil {
		t.Fatal(err)
	}
	tm := runFlow(t, f, opts)
	waitScreen(t, tm, "was left unsent")
	send(tm, "y")
	waitScreen(t, tm, "Review: reply", "Message number 5")
	send(tm, "y")
	waitSent(t, s)
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return lastCall(f, "STORE") == `STORE 10 +FLAGS \Answered` },
		teatest.WithDuration(30*time.Second))
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
}
