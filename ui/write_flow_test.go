package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
)

func waitSent(t *testing.T, s *fakeSender) {
	t.Helper()
	select {
	case <-s.calls:
	case <-time.After(30 * time.Second):
		t.Fatal("the sender was never called")
	}
}

// TestWriteFlowReplySend: r on a message opens the editor on a quoted
// reply; the review shows it; y sends it once with the right headers,
// sets \Answered on the original and removes the local draft.
func TestWriteFlowReplySend(t *testing.T) {
	opts, s, a, dir := writeOptions(t, editorScript(t, addAfterHeaders("Thanks, see you there.")))
	f := newFake(5)
	tm := runFlow(t, headerFake{fakeBackend: f}, opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "r")
	waitScreen(t, tm, "Review: reply", "Re: Message number 5", "Thanks, see you there.")
	if files := draftTexts(t, dir); len(files) != 1 {
		t.Fatalf("local draft while reviewing: %v", files)
	}
	send(tm, "y")
	waitSent(t, s)
	waitScreen(t, tm, "sent")
	tries, sent := s.snapshot()
	if tries != 1 || len(sent) != 1 {
		t.Fatalf("sender tried %d times, sent %d", tries, len(sent))
	}
	m := sent[0]
	if m.from != "me@example.org" || !slices.Equal(m.rcpt, []string{"alice@example.com"}) {
		t.Errorf("envelope from %q to %v", m.from, m.rcpt)
	}
	for name, want := range map[string]string{
		"Subject": "Re: Message number 5", "In-Reply-To": "<m10@example.com>", "References": "<m10@example.com>",
		"To": `"Alice" <alice@example.com>`, "From": `"Me" <me@example.org>`,
	} {
		if got := header(m.data, name); got != want {
			t.Errorf("%s: %q, want %q\n%s", name, got, want, m.data)
		}
	}
	if !strings.Contains(m.data, "Thanks, see you there.\r\n\r\nOn Thu, 3 Dec 2026 10:15 +0100, Alice wrote:\r\n> Body of message 5.") {
		t.Errorf("body:\n%s", m.data)
	}
	if got := a.snapshot(); len(got) != 1 || got[0].use != "\\Sent" || !slices.Contains(got[0].flags, "\\Seen") ||
		!strings.Contains(got[0].data, "Re: Message number 5") {
		t.Errorf("Sent copy: %+v", got)
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return lastCall(f, "STORE") == `STORE 10 +FLAGS \Answered` },
		teatest.WithDuration(30*time.Second))
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("local draft left after the send: %v", files)
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	if fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model); fm.isOpen(layerReview) {
		t.Error("the review is still open after the send")
	}
}

// TestWriteFlowFailedSendKeepsReview: a refused send keeps the review
// with the error and the local draft; nothing is sent again until y;
// q offers to postpone, then asks before discarding.
func TestWriteFlowFailedSendKeepsReview(t *testing.T) {
	opts, s, a, _ := writeOptions(t, editorScript(t, addAfterHeaders("hello")))
	s.fail(errors.New("554 5.7.1 relay denied"))
	tm := runFlow(t, headerFake{fakeBackend: newFake(5)}, opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "f")
	waitScreen(t, tm, "Review: forward", "Fwd: Message number 5", "To: is empty")
	send(tm, "y")
	waitScreen(t, tm, "fix the problems first")
	if tries, _ := s.snapshot(); tries != 0 {
		t.Fatalf("a message with problems went to the sender")
	}
	send(tm, "e") // the editor adds a body line only; To stays empty
	waitScreen(t, tm, "To: is empty")
	send(tm, "p") // a draft may be postponed without a To
	waitScreen(t, tm, "postponed to Drafts")
	if got := a.snapshot(); len(got) != 1 || got[0].use != "\\Drafts" || header(got[0].data, "To") != "" {
		t.Errorf("postponed without To: %+v", got)
	}

	tm2opts, s2, _, dir2 := writeOptions(t, editorScript(t, addAfterHeaders("hello")))
	s2.fail(errors.New("554 5.7.1 relay denied"))
	tm2 := runFlow(t, headerFake{fakeBackend: newFake(5)}, tm2opts)
	waitScreen(t, tm2, "Message number 5")
	send(tm2, "r")
	waitScreen(t, tm2, "Review: reply")
	send(tm2, "y")
	waitSent(t, s2)
	waitScreen(t, tm2, "relay denied", "The message was not sent and is kept")
	if files := draftTexts(t, dir2); len(files) != 1 {
		t.Errorf("local draft after a failed send: %v", files)
	}
	send(tm2, "q")
	waitScreen(t, tm2, "Postpone it to Drafts?")
	send(tm2, "n")
	waitScreen(t, tm2, "Review: reply")
	quitAndDiscard(t, tm2, dir2)
	if tries, _ := s2.snapshot(); tries != 1 {
		t.Errorf("the sender was tried %d times, want 1", tries)
	}
}

// TestWriteFlowPostpone: c, an editor that fills in To and Subject, p
// appends to Drafts with \Draft and removes the local file.
func TestWriteFlowPostpone(t *testing.T) {
	ed := editorScript(t, `sed -i -e 's/^To: $/To: dana@example.com/' -e 's/^Subject: $/Subject: plans/' "$1"; echo "body text" >> "$1"`)
	opts, s, a, dir := writeOptions(t, ed)
	tm := runFlow(t, newFake(5), opts)
	waitScreen(t, tm, "Message number 5")
	send(tm, "c")
	waitScreen(t, tm, "Review: new message", "dana@example.com", "plans", "body text")
	send(tm, "p")
	waitScreen(t, tm, "postponed to Drafts")
	got := a.snapshot()
	if len(got) != 1 || got[0].use != "\\Drafts" || !slices.Contains(got[0].flags, "\\Draft") ||
		header(got[0].data, "Subject") != "plans" {
		t.Errorf("appended %+v", got)
	}
	if tries, _ := s.snapshot(); tries != 0 {
		t.Error("postpone sent the message")
	}
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("local draft left after postponing: %v", files)
	}
}

// TestWriteFlowDiscardAsks: an editor that changes nothing, or fails,
// gets a question before the draft goes; n keeps it for review.
func TestWriteFlowDiscardAsks(t *testing.T) {
	for _, tc := range []struct{ name, editor, want string }{
		{"unchanged", "true", "nothing was written: discard this message?"},
		{"editor fails", "exit 3", "the editor failed (exit status 3): discard this message?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts, _, _, dir := writeOptions(t, editorScript(t, tc.editor))
			tm := runFlow(t, newFake(5), opts)
			waitScreen(t, tm, "Message number 5")
			send(tm, "c")
			waitScreen(t, tm, tc.want)
			if files := draftTexts(t, dir); len(files) != 1 {
				t.Fatalf("the draft should still be on disk while asking: %v", files)
			}
			send(tm, "n")
			waitScreen(t, tm, "Review: new message")
			quitAndDiscard(t, tm, dir)
		})
	}
}
