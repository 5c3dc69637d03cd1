package reader

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
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
	if !m.Keys().ChoosePart.Enabled() {
		t.Fatal("help does not offer Enter in the parts list")
	}
}
