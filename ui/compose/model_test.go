package compose

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tern/compose"
	"tern/internal/keypress"
	"tern/keymap"
	"tern/themes"
)

func press(s string) tea.KeyMsg { return keypress.Named(s) }

func review(d compose.Draft) Model {
	st := themes.Default()
	km := keymap.DefaultKeyMap()
	return New(km.Review, km.Cmdline, &st, Job{ID: "x"}, d, nil).SetSize(80, 20)
}

var good = compose.Draft{From: "Me <me@x.org>", To: "a@x.org", Subject: "hi", Body: "hello\n"}

func TestReviewKeys(t *testing.T) {
	tests := []struct {
		name   string
		draft  compose.Draft
		prep   func(Model) Model
		key    string
		action Action
		notice string
	}{
		{"y sends a good message", good, nil, "y", Send, ""},
		{"y refuses a message with problems", compose.Draft{From: "me@x.org"}, nil, "y", None, "not sent: fix the problems first"},
		{"e edits", good, nil, "e", Edit, ""},
		{"p postpones", good, nil, "p", Postpone, ""},
		{"q asks to discard", good, nil, "q", Discard, ""},
		{"D without attachments", good, nil, "D", None, "no attachment to detach"},
		{"D detaches the last", good, func(m Model) Model { return m.AddAttachment("/a").AddAttachment("/b") }, "D", Changed, "detached /b"},
		{"keys wait while sending", good, func(m Model) Model { return m.Start("sending…") }, "y", None, "sending… wait"},
		{"q waits while sending", good, func(m Model) Model { return m.Start("sending…") }, "q", None, "sending… wait"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := review(tt.draft)
			if tt.prep != nil {
				m = tt.prep(m)
			}
			_, it, _ := m.Key(press(tt.key))
			if it.Action != tt.action || !strings.Contains(it.Notice, tt.notice) {
				t.Errorf("got %+v, want action %v notice %q", it, tt.action, tt.notice)
			}
		})
	}
}

func TestReviewAttachPrompt(t *testing.T) {
	m := review(good)
	m, _, _ = m.Key(press("a"))
	if !m.Asking() {
		t.Fatal("a did not open the prompt")
	}
	for _, r := range "/tmp/re" {
		m, _, _ = m.Key(press(string(r)))
	}
	m, it, _ := m.Key(press("tab"))
	if it.Action != Complete || it.Path != "/tmp/re" {
		t.Fatalf("tab: %+v", it)
	}
	m = m.Completed("/tmp/re", "/tmp/report.pdf")
	m, it, _ = m.Key(press("enter"))
	if it.Action != Attach || it.Path != "/tmp/report.pdf" || m.Asking() {
		t.Errorf("enter: %+v asking=%v", it, m.Asking())
	}
	m, _, _ = m.Key(press("a"))
	m, it, _ = m.Key(press("esc"))
	if it.Action != None || m.Asking() {
		t.Errorf("esc: %+v", it)
	}
}

func TestReviewView(t *testing.T) {
	d := good
	d.Body = strings.Repeat("line\n", 30) + "> quoted\n"
	d.Subject = "evil \x1b]0;title\x07 subject"
	m := review(d).AddAttachment("/tmp/a.pdf")
	m = m.Done(errors.New("554 relay denied"), true)
	v := ansi.Strip(m.View())
	for _, want := range []string{"Review: new message", "To:       a@x.org", "Attach 1: a.pdf  (/tmp/a.pdf)", "554 relay denied",
		"was not sent and is kept", "more lines"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "\x1b]0") || strings.Contains(v, "\x07") {
		t.Errorf("escape sequence reached the screen: %q", v)
	}
	if n := strings.Count(v, "\n") + 1; n > 20 {
		t.Errorf("view is %d lines, taller than 20", n)
	}
	bad := ansi.Strip(review(compose.Draft{From: "me@x.org", To: "nope"}).View())
	if !strings.Contains(bad, "✗ To:") {
		t.Errorf("problems not shown:\n%s", bad)
	}
}
