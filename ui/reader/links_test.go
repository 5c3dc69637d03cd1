package reader

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

func TestPlainLinksNumberedAtTheEnd(t *testing.T) {
	text := "See https://example.org/a, and (https://example.org/b).\n" +
		"Mail mailto:bob@example.org or https://example.org/a again, see https://en.wikipedia.org/wiki/Tern_(bird).\nNot ftp://example.org/f nor javascript:alert(1)\n"
	m := newReader().ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, Text: text})
	want := []string{"https://example.org/a", "https://example.org/b", "mailto:bob@example.org", "https://en.wikipedia.org/wiki/Tern_(bird)"}
	if got := m.Links(); !slices.Equal(got, want) {
		t.Fatalf("links %q, want %q", got, want)
	}
	m = m.SetSize(80, 40)
	sc := screen(m)
	for i, l := range want {
		if !strings.Contains(sc, "["+string(rune('1'+i))+"] "+l) {
			t.Fatalf("the list does not show %s\n%s", l, sc)
		}
	}
	if !strings.Contains(sc, "See https://example.org/a, and") {
		t.Fatalf("the text changed\n%s", sc)
	}
}

func TestHTMLLinksFromTheRendering(t *testing.T) {
	text := "Read the post [1] and the site [2].\n\n[1] https://example.org/post\n[2] mailto:a@example.org\n"
	m := newReader().ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, Text: text, HTML: true})
	if got := m.Links(); !slices.Equal(got, []string{"https://example.org/post", "mailto:a@example.org"}) {
		t.Fatalf("links %q", got)
	}
	if strings.Count(screen(m.SetSize(80, 40)), "[1] https://example.org/post") != 1 {
		t.Fatalf("the list is shown twice\n%s", screen(m))
	}
	// A text that merely ends in bracketed lines out of order has no list.
	m = m.ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 8, Text: "x\n[2] https://a.example\n", HTML: true})
	if m.Links() != nil {
		t.Fatalf("links %q from no list", m.Links())
	}
	if d := m.ShowDetached("FETCH", "[1] https://a.example"); d.Links() != nil {
		t.Fatal("a :fetch answer has links")
	}
}

// TestLinkListDrawnInTheLinkStyle: the numbered list under a message,
// wrapped lines too, is drawn with viewer.link; the text above it is not.
func TestLinkListDrawnInTheLinkStyle(t *testing.T) {
	st := themes.Default().Viewer
	st.Link = lipgloss.NewStyle().Transform(func(s string) string { return "LINK|" + s })
	m := New(keymap.DefaultKeyMap().Viewer, keymap.DefaultKeyMap().Parts, st).SetSize(30, 20)
	long := "https://example.org/" + strings.Repeat("x", 40)
	m = m.ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, Text: "see " + long + "\n[1] not a list line\n"})
	var linkLines []string
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.HasPrefix(l, "LINK|") {
			linkLines = append(linkLines, l)
		}
	}
	if len(linkLines) < 2 || !strings.HasPrefix(linkLines[0], "LINK|[1] https://example.org/") {
		t.Fatalf("link lines %q\n%s", linkLines, m.View())
	}
	if strings.Contains(m.View(), "LINK|see") || strings.Contains(m.View(), "LINK|[1] not") {
		t.Fatalf("the text is drawn as a link\n%s", m.View())
	}
	// A titled text (raw source, :fetch) has no link list to style.
	if d := m.ShowText("Raw", "x\n\n[1] https://a.example\n"); strings.Contains(d.View(), "LINK|") {
		t.Fatalf("a text drawn with links\n%s", d.View())
	}
}
