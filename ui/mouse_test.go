package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// cellOf finds text on a drawn screen: its line and the cell where it
// starts, as a terminal reports a click on it.
func cellOf(t *testing.T, scr, text string) (x, y int) {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(text) + `\b`)
	for y, line := range strings.Split(scr, "\n") {
		if loc := re.FindStringIndex(line); loc != nil {
			return ansi.StringWidth(line[:loc[0]]), y
		}
	}
	t.Fatalf("%q is not on the screen:\n%s", text, scr)
	return 0, 0
}

// startAt is start at another terminal size.
func startAt(t *testing.T, w, h int) (Model, *fakeBackend) {
	t.Helper()
	f := quiet(40)
	m := New(f, testOptions())
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: w, Height: h}}, runCmd(m.Init())...)
	return drive(t, m, msgs...).(Model), f
}

// TestMouseHitsWhatIsDrawn: at several terminal sizes, and with the list
// scrolled, a click on the text of a row or a folder acts on that row or
// folder: the mouse and View read the same geometry.
func TestMouseHitsWhatIsDrawn(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {101, 31}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, f := startAt(t, size[0], size[1])
			m = drive(t, m, press("G")).(Model) // scrolled to the oldest
			for _, n := range []int{1, 2, 5} {
				x, y := cellOf(t, screen(m), fmt.Sprintf("Message number %d", n))
				m = drive(t, m, click(x+3, y)).(Model)
				r, ok := m.list.rows[m.list.cur]
				if want := fmt.Sprintf("Message number %d", n); !ok || r.Subject != want {
					t.Fatalf("click on %q put the cursor on %q", want, r.Subject)
				}
			}
			// The fake has only INBOX: the SELECT it is sent shows what opens.
			for _, name := range []string{"Drafts", "Trash", "Shared/team"} {
				x, y := cellOf(t, screen(m), name[strings.LastIndex(name, "/")+1:])
				m = drive(t, m, click(x, y)).(Model)
				if calls := f.callLog(); calls[len(calls)-1] != "SELECT "+name+" ro=false" {
					t.Fatalf("click on %q: last call %q", name, calls[len(calls)-1])
				}
			}
			x, y := cellOf(t, screen(m), "Shared")
			m = drive(t, m, click(x, y)).(Model)
			if !strings.Contains(m.status.notice, `cannot be opened (\Noselect)`) {
				t.Fatalf("click on a \\Noselect folder: notice %q", m.status.notice)
			}
		})
	}
}

// TestMouseOffBorders: clicks on a border, the status bar or the bottom
// line change nothing.
func TestMouseOffBorders(t *testing.T) {
	m, _ := startAt(t, 80, 24)
	g := geometry(80, 24)
	before := screen(m)
	for _, c := range [][2]int{{0, 5}, {g.foldersW - 1, 5}, {g.foldersW, 5}, {79, 5}, {30, 0}, {30, g.mainH - 1}, {30, 22}, {30, 23}} {
		m = drive(t, m, click(c[0], c[1])).(Model)
	}
	if after := screen(m); after != before {
		t.Fatalf("clicks off the panes changed the screen:\n%s", after)
	}
}

// TestDoubleClickNeedsTwoQuickClicks: a second click on the same row
// opens its message only within doubleClick of the first; a click on
// another row in between starts again.
func TestDoubleClickNeedsTwoQuickClicks(t *testing.T) {
	clock := testNow
	opts := testOptions()
	opts.Now = func() time.Time { return clock }
	f := quiet(40)
	m := New(f, opts)
	m = drive(t, m, append([]tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}, runCmd(m.Init())...)...).(Model)
	x, y := cellOf(t, screen(m), "Message number 38")
	_, y2 := cellOf(t, screen(m), "Message number 37")

	m = drive(t, m, click(x, y)).(Model)
	clock = clock.Add(doubleClick + time.Millisecond)
	m = drive(t, m, click(x, y)).(Model)
	if m.reader.Shown() {
		t.Fatal("two clicks further apart than doubleClick opened the message")
	}
	clock = clock.Add(doubleClick / 2)
	m = drive(t, m, click(x, y2), click(x, y)).(Model)
	if m.reader.Shown() {
		t.Fatal("clicks on two rows opened a message")
	}
	clock = clock.Add(doubleClick / 2)
	m = drive(t, m, click(x, y)).(Model)
	if msg, ok := m.reader.Message(); !ok || msg.Subject != "Message number 38" {
		t.Fatalf("a double-click opened %q (%v), want Message number 38", msg.Subject, ok)
	}
}
