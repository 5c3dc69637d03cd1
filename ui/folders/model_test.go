package folders

import (
	"errors"
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

func newPane(names ...string) Model {
	m := New(keymap.DefaultKeyMap().Folders, keymap.DefaultKeyMap().FolderAdmin, themes.Default().Folders).SetSize(30, 20)
	return m.list(names...)
}

func (m Model) list(names ...string) Model {
	var fs []imapsvc.Folder
	for _, n := range names {
		fs = append(fs, folder(n, "/"))
	}
	m, _ = m.Update(Listed{List: imapsvc.FolderList{Folders: fs}})
	return m
}

func press(m Model, keys ...string) (Model, []tea.Msg) {
	var out []tea.Msg
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		if cmd != nil {
			out = append(out, cmd())
		}
	}
	return m, out
}

func cursorOf(m Model) imapsvc.FolderName {
	n, _ := m.Cursor()
	return n.Path
}

// TestNeighbour: a folder that goes takes the cursor to its next sibling,
// else the previous one, else the nearest parent still there.
func TestNeighbour(t *testing.T) {
	roots := buildTree([]imapsvc.Folder{folder("INBOX", "/"), folder("A", "/"), folder("A/x", "/"),
		folder("A/y", "/"), folder("A/y/deep", "/"), folder("B", "/"), folder("C", "/")})
	all := func(imapsvc.FolderName) bool { return true }
	except := func(gone ...imapsvc.FolderName) func(imapsvc.FolderName) bool {
		return func(n imapsvc.FolderName) bool {
			for _, g := range gone {
				if n == g {
					return false
				}
			}
			return true
		}
	}
	for _, tt := range []struct {
		name  imapsvc.FolderName
		shown func(imapsvc.FolderName) bool
		want  imapsvc.FolderName
	}{
		{"B", all, "C"},
		{"C", all, "B"},
		{"B", except("C"), "A"},
		{"A/x", all, "A/y"},
		{"A/y", all, "A/x"},
		{"A/y/deep", all, "A/y"},
		{"A/y/deep", except("A/y"), "A"},
		{"A/x", except("A/y"), "A"},
		{"INBOX", except("A", "B", "C"), ""},
		{"nowhere", all, ""},
	} {
		if got := neighbour(roots, tt.name, tt.shown); got != tt.want {
			t.Errorf("neighbour(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCursorKeepsItsFolder: a new LIST keeps the cursor on its folder,
// also when rows are added above it, and moves it to a neighbour when the
// folder is gone.
func TestCursorKeepsItsFolder(t *testing.T) {
	m := newPane("INBOX", "B", "C", "D")
	m = m.SetActive("INBOX")
	m, _ = press(m, "j", "j") // C
	if got := cursorOf(m); got != "C" {
		t.Fatalf("cursor on %q", got)
	}
	m = m.list("INBOX", "A", "B", "C", "D")
	if got := cursorOf(m); got != "C" {
		t.Fatalf("after a folder above was added: cursor on %q, want C", got)
	}
	m = m.list("INBOX", "A", "B", "D")
	if got := cursorOf(m); got != "D" {
		t.Fatalf("after C went: cursor on %q, want D", got)
	}
	m = m.list("INBOX", "A", "B")
	if got := cursorOf(m); got != "B" {
		t.Fatalf("after the last went: cursor on %q, want B", got)
	}
	if got := m.Active(); got != "INBOX" {
		t.Fatalf("active %q", got)
	}
}

// TestCursorFollowsOpenFolder: the cursor goes with the open folder; a
// deleted open folder's cursor stays on its neighbour when another folder
// is opened in its place, and follows again from the next open on.
func TestCursorFollowsOpenFolder(t *testing.T) {
	m := newPane("INBOX", "A", "B", "C").SetActive("INBOX")
	m = m.SetActive("B")
	if got := cursorOf(m); got != "B" {
		t.Fatalf("cursor on %q, want the open B", got)
	}
	m = m.Gone("B").SetActive("INBOX")
	if got := cursorOf(m); got != "C" {
		t.Fatalf("after B was deleted and INBOX opened: cursor on %q, want C", got)
	}
	m, _ = press(m.list("INBOX", "A", "C"), "k") // A
	m = m.SetActive("C")
	if got := cursorOf(m); got != "C" {
		t.Fatalf("the cursor stayed on %q, want the open C", got)
	}
	m = m.Gone("A") // not open, not under the cursor
	if m = m.SetActive("INBOX"); cursorOf(m) != "INBOX" {
		t.Fatalf("after a folder elsewhere went, the cursor stayed on %q", cursorOf(m))
	}
	m = m.SetActive("")
	if m.Active() != "" {
		t.Fatalf("SetActive(\"\") left %q marked open", m.Active())
	}
}

// TestPaneIntents: Enter asks the root to open the folder, or says why it
// cannot be opened.
func TestPaneIntents(t *testing.T) {
	m := New(keymap.DefaultKeyMap().Folders, keymap.DefaultKeyMap().FolderAdmin, themes.Default().Folders).SetSize(30, 20)
	m, _ = m.Update(Listed{List: imapsvc.FolderList{Folders: []imapsvc.Folder{folder("INBOX", "/"), folder("N", "/", "noselect")}}})
	_, out := press(m, "enter")
	if !reflect.DeepEqual(out, []tea.Msg{OpenMsg{Name: "INBOX"}}) {
		t.Fatalf("enter on INBOX sent %v", out)
	}
	_, out = press(m, "j", "enter")
	if len(out) != 1 || !out[0].(NoticeMsg).Err {
		t.Fatalf("enter on a \\Noselect folder sent %v", out)
	}
}

// TestSubscribedView: the subscribed view shows subscribed folders and
// INBOX; the all view marks the others; a failed LIST (SUBSCRIBED) falls
// back to all folders.
func TestSubscribedView(t *testing.T) {
	m := newPane("INBOX", "A", "B")
	if _, known := m.Subscribed("A"); known {
		t.Fatal("subscriptions known before the server said")
	}
	m, _ = m.Update(SubsListed{Names: []imapsvc.FolderName{"A"}})
	if sub, known := m.Subscribed("B"); sub || !known {
		t.Fatalf("B: subscribed %v known %v", sub, known)
	}
	m = m.SetSubscribedOnly(true)
	if got := m.Names(); !reflect.DeepEqual(got, []imapsvc.FolderName{"INBOX", "A"}) {
		t.Fatalf("subscribed view shows %v", got)
	}
	if got := m.AllNames(); len(got) != 3 {
		t.Fatalf("AllNames = %v", got)
	}
	m, _ = m.Update(SubsListed{Err: errors.New("NO")})
	if m.SubscribedOnly() || len(m.Names()) != 3 {
		t.Fatalf("after a failed LIST (SUBSCRIBED): only %v, names %v", m.SubscribedOnly(), m.Names())
	}
}

// TestCountsAndFocus: STATUS answers land in the pane; a LIST after a
// create puts the cursor on the new folder.
func TestCountsAndFocus(t *testing.T) {
	m := newPane("INBOX", "A")
	if got := m.Uncounted(); len(got) != 2 {
		t.Fatalf("uncounted %v", got)
	}
	m, _ = m.Update(Counted{Counts: imapsvc.FolderCounts{Counts: map[imapsvc.FolderName]imapsvc.Counts{"A": {Messages: 4, Unseen: 1}}}})
	if c, ok := m.Count("A"); !ok || c.Messages != 4 {
		t.Fatalf("A counts %+v %v", c, ok)
	}
	m = m.FocusAfterList("New").list("INBOX", "A", "New")
	if got := cursorOf(m); got != "New" {
		t.Fatalf("after create: cursor on %q", got)
	}
}

// TestAdminIntents: the folder management keys ask the root to act on the
// folder under the cursor, or say at once why they cannot.
func TestAdminIntents(t *testing.T) {
	m := New(keymap.DefaultKeyMap().Folders, keymap.DefaultKeyMap().FolderAdmin, themes.Default().Folders).SetSize(30, 20)
	m, _ = m.Update(Listed{List: imapsvc.FolderList{Folders: []imapsvc.Folder{folder("INBOX", "/"),
		folder("N", "/", "noselect"), folder("P/child", "/")}}})
	notice := func(out []tea.Msg) bool {
		_, ok := out[0].(NoticeMsg)
		return len(out) == 1 && ok
	}
	if _, out := press(m, "s"); !notice(out) {
		t.Errorf("s before the subscriptions are known sent %v", out)
	}
	m, _ = m.Update(SubsListed{Names: []imapsvc.FolderName{"INBOX"}})
	for _, tt := range []struct {
		keys []string
		want Action
	}{
		{[]string{"e"}, Examine}, {[]string{"a"}, Create}, {[]string{"R"}, Rename}, {[]string{"D"}, Delete},
		{[]string{"s"}, Unsubscribe}, {[]string{"i"}, Info}, {[]string{"G", "s"}, Subscribe},
	} {
		_, out := press(m, tt.keys...)
		if a, ok := out[len(out)-1].(ActionMsg); !ok || a.Action != tt.want {
			t.Errorf("%v sent %v, want action %d", tt.keys, out, tt.want)
		}
	}
	if _, out := press(m, "j", "e"); !notice(out) {
		t.Errorf("e on a \\Noselect folder sent %v", out)
	}
	if _, out := press(m, "j", "j", "D"); !notice(out) { // P, a level of the hierarchy
		t.Errorf("D on a placeholder sent %v", out)
	}
	m, out := press(m, "S")
	if v, ok := out[0].(ViewMsg); !ok || !v.SubscribedOnly || !reflect.DeepEqual(m.Names(), []imapsvc.FolderName{"INBOX"}) {
		t.Errorf("S sent %v and shows %v", out, m.Names())
	}
}

// TestUpdateOtherMessages: a message that is not the pane's changes
// nothing, also a result wrapped in another type (as the root's answers
// carry one beside their request ID) or passed by pointer: the root must
// hand over the result itself. Unwrapped, the same result does change it.
func TestUpdateOtherMessages(t *testing.T) {
	m := newPane("INBOX", "Sent")
	listed := Listed{List: imapsvc.FolderList{Folders: []imapsvc.Folder{folder("INBOX", "/"), folder("Zeta", "/")}}}
	counted := Counted{Counts: imapsvc.FolderCounts{Counts: map[imapsvc.FolderName]imapsvc.Counts{"Sent": {Messages: 9, Unseen: 9}}}}
	before := m.View(false)
	for _, msg := range []tea.Msg{
		struct {
			id int
			Listed
		}{7, listed},
		struct{ Counted }{counted},
		&listed,
		"Zeta",
	} {
		got, cmd := m.Update(msg)
		if cmd != nil || got.View(false) != before {
			t.Errorf("%T changed the pane:\n%s", msg, got.View(false))
		}
	}
	if got, _ := m.Update(listed); got.View(false) == before {
		t.Error("Listed itself did not change the pane")
	}
	if got, _ := m.Update(counted); got.View(false) == before {
		t.Error("Counted itself did not change the pane")
	}
}
