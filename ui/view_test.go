package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/internal/keypress"
)

func press(s string) tea.KeyMsg { return keypress.Named(s) }

func keys(ss ...string) []tea.Msg {
	var out []tea.Msg
	for _, s := range ss {
		out = append(out, press(s))
	}
	return out
}

// typed is a line typed into a text input, one key per rune.
func typed(s string) []tea.Msg { return keypress.Typed(s) }

// quiet returns a fake for drive: no event channel.
func quiet(n int) *fakeBackend {
	f := newFake(n)
	f.events = nil
	return f
}

func testOptions() Options {
	return Options{Account: "test", Password: "secret", Now: func() time.Time { return testNow }}
}

// start runs the model through connecting and opening INBOX at 80×24.
func start(t *testing.T, f *fakeBackend, opts Options) Model {
	t.Helper()
	m := New(f, opts)
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, runCmd(m.Init())...)
	return drive(t, m, msgs...).(Model)
}

func screen(m tea.Model) string {
	return ansi.Strip(m.View())
}

func TestGoldenStartScreen(t *testing.T) {
	m := start(t, quiet(40), testOptions())
	golden.RequireEqual(t, []byte(screen(m)))
}

func TestGoldenFolderPane(t *testing.T) {
	f := quiet(40)
	f.folders = append(f.folders,
		imapsvc.Folder{Name: "Lists/go/nuts", Display: "Lists/go/nuts", Delim: "/", Counts: &imapsvc.Counts{Messages: 1234, Unseen: 56}},
		imapsvc.Folder{Name: "日本語のフォルダ名はとても長い", Display: "日本語のフォルダ名はとても長い", Delim: "/"})
	m := start(t, f, testOptions())
	m = drive(t, m, keys("tab", "j", "j", "j")...).(Model)
	golden.RequireEqual(t, []byte(ansi.Strip(m.folders.View(true))))
}

func TestGoldenList(t *testing.T) {
	f := quiet(40)
	b := f.boxes["INBOX"]
	b.rows[39].Subject = "中文主题：这是一个非常长的主题，需要被截断才能放进一行里面"
	b.rows[38].From = "王小明"
	b.rows[37].Flags.Deleted = true
	m := start(t, f, testOptions())
	m = drive(t, m, keys("j")...).(Model)
	golden.RequireEqual(t, []byte(ansi.Strip(m.list.view())))
}

func TestGoldenViewer(t *testing.T) {
	f := quiet(5)
	f.boxes["INBOX"].texts[10] = "Hello,\n\n這是一封很長的中文信件，用來測試寬字元的換行是否正確，每個字佔兩格。\n\n> a quoted line that is long enough to need wrapping at this width, surely\n\nBye"
	m := start(t, f, testOptions())
	m = drive(t, m, keys("enter")...).(Model)
	if !m.reader.Shown() {
		t.Fatal("viewer did not open")
	}
	golden.RequireEqual(t, []byte(screen(m)))
}

func TestGoldenHelp(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m = drive(t, m, keys("?")...).(Model)
	out := screen(m)
	for _, want := range []string{"open message", "half page down", "next pane", "quit"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	golden.RequireEqual(t, []byte(out))
}

func TestGoldenFolderPaneCyrus(t *testing.T) {
	f := quiet(3)
	f.folders = []imapsvc.Folder{
		{Name: "INBOX", Display: "INBOX", Delim: ".", Counts: &imapsvc.Counts{Messages: 3, Unseen: 1}},
		{Name: "INBOX.Sent", Display: "INBOX.Sent", Delim: ".", SpecialUse: "Sent"},
		{Name: "INBOX.Trash", Display: "INBOX.Trash", Delim: ".", SpecialUse: "Trash"},
		{Name: "INBOX.lists.go", Display: "INBOX.lists.go", Delim: ".", Counts: &imapsvc.Counts{Messages: 10}},
		{Name: "user.bob", Display: "user.bob", Delim: ".", NoSelect: true},
	}
	m := start(t, f, testOptions())
	golden.RequireEqual(t, []byte(ansi.Strip(m.folders.View(false))))
}
