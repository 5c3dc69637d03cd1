package reader

import (
	"fmt"
	"strings"
	"testing"

	"tern/imapsvc"
)

// TestWheel: the wheel scrolls the text within its bounds, and in the
// parts list moves the cursor one part a notch.
func TestWheel(t *testing.T) {
	var body []string
	for range 100 {
		body = append(body, "line")
	}
	m := newReader().ShowMessage(imapsvc.Message{Mailbox: inbox, UID: 7, From: "a", To: "b", Subject: "s",
		Text: strings.Join(body, "\n")})
	maxOff := m.v.maxOffset()
	for _, tt := range []struct{ delta, want int }{{3, 3}, {3, 6}, {-5, 1}, {-3, 0}, {1000, maxOff}, {3, maxOff}} {
		if m = m.Wheel(tt.delta); m.Offset() != tt.want {
			t.Fatalf("wheel %+d: offset %d, want %d", tt.delta, m.Offset(), tt.want)
		}
	}

	p := opened(imapsvc.PartInfo{Section: "1", Type: "text/plain"}, pdf("2", "a.pdf"), pdf("3", "b.pdf"))
	p, _ = step(t, p, "v")
	if !p.ShowsParts() || p.parts.cursor != 1 {
		t.Fatalf("v: parts shown %v, cursor %d", p.ShowsParts(), p.parts.cursor)
	}
	for _, tt := range []struct{ delta, want int }{{3, 2}, {3, 2}, {-3, 1}, {-3, 0}, {-3, 0}} {
		if p = p.Wheel(tt.delta); p.parts.cursor != tt.want {
			t.Fatalf("wheel %+d in the parts list: cursor %d, want %d", tt.delta, p.parts.cursor, tt.want)
		}
	}
}

// TestPartsListScrollsToCursor: a list longer than the pane scrolls so the
// cursor's part is drawn, and a click lands on the part drawn there.
func TestPartsListScrollsToCursor(t *testing.T) {
	var parts []imapsvc.PartInfo
	for i := 1; i <= 30; i++ {
		parts = append(parts, pdf(fmt.Sprint(i), fmt.Sprintf("file%02d.pdf", i)))
	}
	m := opened(parts...).SetSize(80, 10) // 8 parts under the title
	m, _ = step(t, m, "v")
	m, _ = step(t, m, "G")
	if sc := screen(m); !strings.Contains(sc, ">+ 30 ") || !strings.Contains(sc, "file30.pdf") {
		t.Fatalf("G: the last part is not drawn\n%s", sc)
	}
	m, sec, ok := m.Click(2) // the first part drawn: 23
	if !ok || sec != "23" {
		t.Fatalf("click on line 2: %q %v\n%s", sec, ok, screen(m))
	}
	if _, _, ok := m.Click(1); ok {
		t.Fatal("a click on the blank line under the title chose a part")
	}
	if it := m.OpenSelected(); it != (Open{Mailbox: inbox, UID: 7, Part: parts[22]}) {
		t.Fatalf("open after the click: %#v", it)
	}
}
