package reader

import (
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// TestEnterOpensPart: Enter in the parts list opens the part under the
// cursor, as o does; on the message itself Enter is no reading key.
func TestEnterOpensPart(t *testing.T) {
	enter := tea.KeyMsg{Type: tea.KeyEnter}
	m := opened(imapsvc.PartInfo{Section: "1", Type: "text/plain"}, pdf("2", "a.pdf"), pdf("3", "b.pdf"))
	if m.Claims(enter) {
		t.Fatal("Enter on the message is taken by the reader")
	}
	m, _ = step(t, m, "v")
	m, _ = step(t, m, "j")
	m, _ = step(t, m, "j")
	if _, it := m.Update(enter); it != (Open{Mailbox: inbox, UID: 7, Part: pdf("3", "b.pdf")}) {
		t.Fatalf("Enter on b.pdf asked %#v", it)
	}
	m, _ = step(t, m, "g")
	if _, it := m.Update(enter); it != (Open{Mailbox: inbox, UID: 7, Part: imapsvc.PartInfo{Section: "1", Type: "text/plain"}}) {
		t.Fatalf("Enter on the text part asked %#v", it)
	}
	if !m.PartsKeys().Open.Enabled() {
		t.Fatal("help does not offer Enter in the parts list")
	}
	if h := m.HelpKeys(); !reflect.DeepEqual(h, m.PartsKeys()) {
		t.Fatalf("help in the parts list shows %T, want the parts keys", h)
	}
}

// TestPartsKeysAreTheirOwnContext: [keys.parts] rebinds the parts list
// without touching the viewer, and the viewer's reading keys do nothing
// while the list is shown.
func TestPartsKeysAreTheirOwnContext(t *testing.T) {
	km := keymap.DefaultKeyMap()
	if err := km.Apply(map[string][]string{"parts.open": {"x"}, "parts.down": {"n"}, "parts.back": {"b"}}); err != nil {
		t.Fatal(err)
	}
	m := New(km.Viewer, km.Parts, themes.Default().Viewer).SetSize(80, 20)
	m = m.ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, Text: "hi", Parts: []imapsvc.PartInfo{pdf("1", "a.pdf"), pdf("2", "b.pdf")}})
	m, _ = step(t, m, "v")
	if _, it := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); it != nil {
		t.Fatalf("Enter, no longer bound, asked %#v", it)
	}
	if mm, it := step(t, m, "h"); it != nil || !mm.ShowsParts() {
		t.Fatalf("the viewer's h acted in the parts list: %#v", it)
	}
	m, _ = step(t, m, "n")
	if _, it := step(t, m, "x"); it != (Open{Mailbox: inbox, UID: 7, Part: pdf("2", "b.pdf")}) {
		t.Fatalf("x after n asked %#v", it)
	}
	if m, _ = step(t, m, "b"); m.ShowsParts() {
		t.Fatal("parts.back = b did not go back to the message")
	}
	// In the message, n is still the viewer's next unread.
	if _, it := step(t, m, "n"); it != (Step{Mailbox: inbox, UID: 7, Dir: 1, Unread: true}) {
		t.Fatalf("n in the message asked %#v", it)
	}
}
