package reader

import (
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
