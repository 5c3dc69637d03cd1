package reader

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

func TestGoldenInfoView(t *testing.T) {
	info := imapsvc.MessageInfo{
		UID: 42, Flags: []string{`\Seen`, `\Flagged`, "$Project-X"},
		InternalDate: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), Size: 21_534_007,
		Envelope: imapsvc.EnvelopeInfo{
			Date: time.Date(2026, 11, 1, 10, 0, 0, 0, time.FixedZone("", 3600)), Subject: "Quarterly report",
			From: "Ann <ann@example.org>", Sender: "Ann <ann@example.org>", ReplyTo: "Ann <ann@example.org>",
			To: "Bob <bob@example.org>", Cc: "team@example.org", MessageID: "<r1@example.org>",
		},
		Structure: []string{"- multipart/mixed", "  1 multipart/alternative", "    1.1 text/plain; charset=utf-8 7bit 27 bytes",
			"    1.2 text/html; charset=utf-8 quoted-printable 78 bytes", "  2 message/rfc822 7bit 206 bytes",
			"    2.1 text/plain; charset=us-ascii 7bit 10 bytes", `  3 application/pdf "report.pdf" base64 21523402 bytes`},
	}
	v := viewer{keys: keymap.DefaultKeyMap().Viewer, styles: themes.Default().Viewer}.setSize(80, 26)
	v = v.setText("Message info: UID 42", infoText(info))
	golden.RequireEqual(t, []byte(ansi.Strip(v.view())))
}

func TestGoldenPartsList(t *testing.T) {
	p := partsModel{}.reset([]imapsvc.PartInfo{
		{Section: "1.1", Type: "text/plain", Size: 27, Encoding: "7bit"},
		{Section: "1.2", Type: "text/html", Size: 78, Encoding: "quoted-printable"},
		{Section: "2", Type: "message/rfc822", Size: 206, Encoding: "7bit", Attachment: true},
		{Section: "3", Type: "application/pdf", Name: "report.pdf", Size: 21_523_402, Encoding: "base64", Attachment: true},
		{Section: "4", Type: "image/png", Name: "中文图片.png", Size: 4_096, Encoding: "base64", Attachment: true},
	})
	if part, _ := p.selected(); part.Section != "2" {
		t.Fatalf("cursor starts on %s, want the first attachment", part.Section)
	}
	golden.RequireEqual(t, []byte(ansi.Strip(p.view(themes.Default().Viewer, "Parts: UID 42", 80, 10))))
}

// BenchmarkViewerScroll1MB scrolls a 1 MB body one line and draws it: the
// work is the visible lines only, since wrapping is cached per width.
func BenchmarkViewerScroll1MB(b *testing.B) {
	var body strings.Builder
	for i := 0; body.Len() < 1<<20; i++ {
		body.WriteString("A line of a long message body, with some words to wrap at the pane width, number ")
		body.WriteString(strings.Repeat("x", i%40))
		body.WriteString("\n> and a quoted line under it\n")
	}
	v := viewer{keys: keymap.DefaultKeyMap().Viewer, styles: themes.Default().Viewer}.setSize(100, 40)
	v = v.setMessage(imapsvc.Message{UID: 1, Subject: "big", Text: body.String()})
	down := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v = v.scroll(down)
		if v.offset == v.maxOffset() {
			v.offset = 0
		}
		v = v.setSize(100, 40)
		_ = v.view()
	}
}

func TestProgressLine(t *testing.T) {
	for _, tt := range []struct {
		done, total int64
		want        string
	}{
		{0, 100, "saving a.pdf [----------]   0% 0B/100B"},
		{50, 100, "saving a.pdf [#####-----]  50% 50B/100B"},
		{100, 100, "saving a.pdf [##########] 100% 100B/100B"},
		{7, 0, "saving a.pdf 7B"},
	} {
		if got := progressLine("a.pdf", tt.done, tt.total, 10); got != tt.want {
			t.Errorf("progressLine(%d, %d) = %q, want %q", tt.done, tt.total, got, tt.want)
		}
	}
	if !strings.Contains(progressLine("x", 1<<20, 2<<20, 10), "1.0M/2.0M") {
		t.Error("sizes not human-readable")
	}
}
