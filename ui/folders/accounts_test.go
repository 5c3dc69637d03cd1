package folders

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// twoRoots is work's pane (INBOX, Sent) showing home's (INBOX, Work) too.
func twoRoots() Model {
	work, home := newPane("INBOX", "Sent"), newPane("INBOX", "Work")
	roots := []Root{work.AsRoot("work", "", false), home.AsRoot("home", "✗ refused", true)}
	return work.WithRoots(roots, 0).CursorTo("Sent")
}

// TestRootsCrossing: the cursor moves from this account's last folder
// onto the next account's root, which asks to show that account.
func TestRootsCrossing(t *testing.T) {
	m := twoRoots()
	view := ansi.Strip(m.View(true))
	for _, want := range []string{"▾ work", "INBOX", "Sent", "home ✗ refused", "Work"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	_, msgs := press(m, "j")
	if len(msgs) != 1 || msgs[0] != (SwitchMsg{Account: "home"}) {
		t.Fatalf("j past the last folder sent %#v", msgs)
	}
	_, msgs = press(m, "G")
	if len(msgs) != 1 || msgs[0] != (SwitchMsg{Account: "home", Folder: "Work"}) {
		t.Fatalf("G sent %#v", msgs)
	}
}

// TestRootCollapse: a root collapses and expands as any node; h on a top
// folder goes to its account's root, where folder actions have no folder.
func TestRootCollapse(t *testing.T) {
	m := twoRoots().CursorTo("INBOX")
	m, _ = press(m, "h")
	if _, ok := m.Cursor(); ok || !m.onRoot {
		t.Fatal("h on INBOX did not reach the root")
	}
	m, _ = press(m, "enter")
	if view := ansi.Strip(m.View(true)); strings.Contains(view, "Sent") || !strings.Contains(view, "▸ work") || !strings.Contains(view, "Work") {
		t.Fatalf("collapsed work:\n%s", view)
	}
	m, _ = press(m, "l", "j")
	if n, _ := m.Cursor(); n.Path != "INBOX" {
		t.Fatalf("after expanding, j is on %q", n.Path)
	}
}

// TestRootsClick: a click on another account's folder asks to show that
// account and open the folder.
func TestRootsClick(t *testing.T) {
	m := twoRoots()
	_, cmd := m.Click(5) // work, INBOX, Sent, home, INBOX, Work
	if cmd == nil {
		t.Fatal("no message")
	}
	if got := cmd(); got != (SwitchMsg{Account: "home", Folder: "Work", Open: true}) {
		t.Fatalf("click sent %#v", got)
	}
}
