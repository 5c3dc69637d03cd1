package reader

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/internal/keypress"
	"tern/keymap"
	"tern/themes"
)

func press(s string) tea.KeyMsg { return keypress.Named(s) }

var inbox = imapsvc.Mailbox{Name: "INBOX", UIDValidity: 9}

func newReader() Model {
	return New(keymap.DefaultKeyMap().Viewer, keymap.DefaultKeyMap().Parts, themes.Default().Viewer).SetSize(80, 20)
}

func pdf(sec, name string) imapsvc.PartInfo {
	return imapsvc.PartInfo{Section: sec, Type: "application/pdf", Name: name, Size: 100, Encoding: "base64", Attachment: true}
}

// opened is a reader showing UID 7 with the given parts.
func opened(parts ...imapsvc.PartInfo) Model {
	return newReader().ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, From: "a", To: "b",
		Subject: "s", Text: "body text", HasHTML: true, Parts: parts})
}

// step presses a key and returns the reader and its intent.
func step(t *testing.T, m Model, k string) (Model, Intent) {
	t.Helper()
	return m.Update(press(k))
}

func screen(m Model) string { return ansi.Strip(m.View()) }

func TestReadingViewsAskAndShow(t *testing.T) {
	m := opened()
	m, it := step(t, m, "h")
	if want := (Fetch{Want: WantHeader, Mailbox: inbox, UID: 7}); it != want {
		t.Fatalf("h asked %#v, want %#v", it, want)
	}
	m, it = m.Update(Header{UID: 7, Text: "X-Test: yes"})
	if it != nil || !strings.Contains(screen(m), "Full header: UID 7") || !strings.Contains(screen(m), "X-Test: yes") {
		t.Fatalf("header answer not shown (intent %#v):\n%s", it, screen(m))
	}
	if _, ok := m.Message(); !ok {
		t.Fatal("a reading view of the message is not on the message")
	}
	m, it = step(t, m, "h") // h again: the message, no request
	if it != nil || !strings.Contains(screen(m), "body text") {
		t.Fatalf("second h: intent %#v, screen:\n%s", it, screen(m))
	}
	m, it = step(t, m, "i")
	if want := (Fetch{Want: WantInfo, Mailbox: inbox, UID: 7}); it != want {
		t.Fatalf("i asked %#v", it)
	}
	m, _ = m.Update(Info{UID: 7, Info: imapsvc.MessageInfo{UID: 7, Size: 2048}})
	if !strings.Contains(screen(m), "Message info: UID 7") || !strings.Contains(screen(m), "RFC822.SIZE 2048") {
		t.Fatalf("info not shown:\n%s", screen(m))
	}
	m, it = step(t, m, "esc") // Back from a view: the message
	if it != nil || !strings.Contains(screen(m), "body text") {
		t.Fatalf("esc from info: intent %#v", it)
	}
	if _, it = step(t, m, "esc"); it != (Close{}) {
		t.Fatalf("esc on the message asked %#v, want Close", it)
	}
}

func TestRawPages(t *testing.T) {
	m, it := step(t, opened(), "R")
	if want := (Fetch{Want: WantRaw, Mailbox: inbox, UID: 7}); it != want {
		t.Fatalf("R asked %#v", it)
	}
	if m.Keys().NextPage.Enabled() {
		t.Fatal("] enabled before a raw page is shown")
	}
	m, _ = m.Update(Raw{UID: 7, Page: imapsvc.RawPage{Offset: 0, Length: RawPageSize, Total: 3 * RawPageSize, Text: "From: a"}})
	if !strings.Contains(screen(m), "Raw source: UID 7, bytes 0-262144 of 786432") {
		t.Fatalf("raw title:\n%s", screen(m))
	}
	if m.Keys().PrevPage.Enabled() || !m.Keys().NextPage.Enabled() {
		t.Fatal("on the first page: [ must be off and ] on")
	}
	if _, it = step(t, m, "["); it != nil {
		t.Fatalf("[ on the first page asked %#v", it)
	}
	_, it = step(t, m, "]")
	if f, ok := it.(Fetch); !ok || f.Want != WantRaw || f.Offset != RawPageSize {
		t.Fatalf("] asked %#v, want the page at %d", it, RawPageSize)
	}
}

func TestToggleHTML(t *testing.T) {
	m, it := step(t, opened(), "H")
	if want := (Fetch{Want: WantOther, Mailbox: inbox, UID: 7, HTML: true}); it != want {
		t.Fatalf("H asked %#v", it)
	}
	msg := imapsvc.Message{Mailbox: inbox, UID: 7, Text: "html as text", HTML: true, HasHTML: true}
	m, it = m.Update(Body{Msg: msg})
	if it != (Notice{Text: "showing the text/html alternative"}) || !strings.Contains(screen(m), "html as text") {
		t.Fatalf("other alternative: intent %#v\n%s", it, screen(m))
	}
	if _, it = m.Update(Body{Msg: msg}); it != (Notice{Text: "this message has no other alternative to show (showing text/html)"}) {
		t.Fatalf("same alternative again: %#v", it)
	}
	plain := msg
	plain.HTML, plain.Text = false, "plain text"
	if _, it = m.Update(Body{Msg: plain}); it != (Notice{Text: "showing the text/plain alternative"}) {
		t.Fatalf("back to plain: %#v", it)
	}
}

func TestSaveAndOpenIntents(t *testing.T) {
	one := opened(imapsvc.PartInfo{Section: "1", Type: "text/plain"}, pdf("2", "a.pdf"))
	_, it := step(t, one, "s")
	if s, ok := it.(Save); !ok || s.All || s.UID != 7 || s.Mailbox != inbox || len(s.Parts) != 1 || s.Parts[0].Name != "a.pdf" {
		t.Fatalf("s with one attachment asked %#v", it)
	}
	if _, it = step(t, one, "o"); it != (Open{Mailbox: inbox, UID: 7, Part: pdf("2", "a.pdf")}) {
		t.Fatalf("o asked %#v", it)
	}

	two := opened(imapsvc.PartInfo{Section: "1", Type: "text/plain"}, pdf("2", "a.pdf"), pdf("3", "b.pdf"))
	m, it := step(t, two, "s") // two attachments: choose from the parts list
	if it != nil || !m.ShowsParts() || !strings.Contains(screen(m), "Parts: UID 7") {
		t.Fatalf("s with two attachments: intent %#v, parts shown %v", it, m.ShowsParts())
	}
	if !m.Claims(press("d")) {
		t.Fatal("the parts list must take every key, so d deletes nothing behind it")
	}
	m, _ = step(t, m, "j")
	if _, it = step(t, m, "s"); it.(Save).Parts[0].Name != "b.pdf" {
		t.Fatalf("s on the second attachment asked %#v", it)
	}
	_, it = step(t, m, "S")
	if s, ok := it.(Save); !ok || !s.All || len(s.Parts) != 2 {
		t.Fatalf("S asked %#v, want both attachments", it)
	}
	m, it = step(t, m, "esc")
	if it != nil || m.ShowsParts() {
		t.Fatal("esc leaves the parts list for the message")
	}
	if m.Claims(press("d")) {
		t.Fatal("d on the message is the root's action key, not the reader's")
	}
}

func TestNotReadingOnlyScrollsAndCloses(t *testing.T) {
	m := opened()
	if _, it := m.Key(press("h"), false); it != nil {
		t.Fatalf("h with reading off asked %#v", it)
	}
	if _, it := m.Key(press("q"), false); it != (Close{}) {
		t.Fatalf("q with reading off asked %#v", it)
	}
	d := newReader().ShowDetached("FETCH 1 FLAGS", "Fetching…")
	if _, ok := d.Message(); ok || !d.Detached() {
		t.Fatal("a :fetch answer from the list is on no message")
	}
	if _, it := d.Update(press("h")); it != nil || d.Keys().Headers.Enabled() {
		t.Fatalf("h on a detached answer asked %#v", it)
	}
	if _, it := d.Update(press("esc")); it != (Close{}) {
		t.Fatalf("esc on a detached answer asked %#v", it)
	}
	c := newReader().ShowText("CAPABILITY", "IMAP4rev1")
	if _, ok := c.Message(); ok || c.Keys().Headers.Enabled() {
		t.Fatal("CAPABILITY is no message: reading keys stay off")
	}
}

func TestLoadingAndClose(t *testing.T) {
	m := newReader().Loading(42)
	if !m.Shown() || !strings.Contains(screen(m), "Loading message UID 42") {
		t.Fatalf("loading:\n%s", screen(m))
	}
	if _, ok := m.Message(); ok {
		t.Fatal("a loading screen is no message")
	}
	m = opened().Close()
	if m.Shown() || m.Keys().Headers.Enabled() {
		t.Fatal("a closed viewer keeps its reading keys on")
	}
}

func TestSaveProgressNotices(t *testing.T) {
	m := newReader().StartSave(3, "big.iso")
	if _, it := m.Update(imapsvc.SaveProgress{ID: 2, Done: 1, Total: 2}); it != nil {
		t.Fatalf("progress of another save: %#v", it)
	}
	want := Notice{Text: "saving big.iso [##########----------]  50% 512K/1.0M"}
	if _, it := m.Update(imapsvc.SaveProgress{ID: 3, Done: 512 << 10, Total: 1 << 20}); it != want {
		t.Fatalf("progress: %#v, want %#v", it, want)
	}
	if _, it := m.SaveDone().Update(imapsvc.SaveProgress{ID: 3, Done: 1, Total: 2}); it != nil {
		t.Fatalf("progress after the save ended: %#v", it)
	}
}

func TestFlagsChangedShown(t *testing.T) {
	m, _ := opened().Update(imapsvc.FlagsChanged{Mailbox: inbox, UID: 7, Flags: imapsvc.Flags{Keywords: []string{"$label1"}}})
	if !strings.Contains(screen(m), "Keywords: $label1") {
		t.Fatalf("keywords of the shown message not updated:\n%s", screen(m))
	}
	m, _ = opened().Update(imapsvc.FlagsChanged{Mailbox: inbox, UID: 8, Flags: imapsvc.Flags{Keywords: []string{"$label1"}}})
	if strings.Contains(screen(m), "Keywords") {
		t.Fatal("another message's flags changed the one shown")
	}
}

func TestViewerScroll(t *testing.T) {
	var body []string
	for i := 0; i < 100; i++ {
		body = append(body, "line "+strings.Repeat("x", i%7))
	}
	v := viewer{keys: keymap.DefaultKeyMap().Viewer, styles: themes.Default().Viewer}.setSize(40, 12)
	v = v.setMessage(imapsvc.Message{From: "a", To: "b", Subject: "s", Text: strings.Join(body, "\n")})
	hdr := len(v.headerLines()) // From, To, Subject, blank
	maxOff := 100 - (12 - hdr)
	tests := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"j", 2}, {"k", 1}, {"G", maxOff}, {"j", maxOff}, {"g", 0},
		{"ctrl+d", (12 - hdr) / 2}, {"pgdown", (12-hdr)/2 + 12 - hdr}, {"k", (12-hdr)/2 + 12 - hdr - 1},
	}
	for _, tt := range tests {
		v = v.scroll(press(tt.key))
		if v.offset != tt.want {
			t.Fatalf("after %s: offset %d want %d", tt.key, v.offset, tt.want)
		}
	}
}
