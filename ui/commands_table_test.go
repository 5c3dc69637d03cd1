package ui

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/ui/commands"
)

// TestCommandsDoc: docs/commands.md is generated from the command table,
// so the reference cannot drift from what tern does. "go test ./ui
// -update" (the flag of the golden files) writes it again.
func TestCommandsDoc(t *testing.T) {
	const path = "../docs/commands.md"
	got := commandTable().Markdown()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./ui -run TestCommandsDoc -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the command table; run go test ./ui -run TestCommandsDoc -update and commit it", path)
	}
	for _, s := range commandTable() {
		if !strings.Contains(got, "`:"+s.Names[0]+"`") {
			t.Errorf("the reference lacks :%s", s.Names[0])
		}
	}
}

// TestUnknownCommandIsAnError: a line that names no command, names
// several, or does not fit its command is a notice on the message line;
// tern keeps running. Nothing but :logout (and its aliases) quits.
func TestUnknownCommandIsAnError(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	for line, want := range map[string]string{
		"frob":          `unknown command "frob"`,
		"frob INBOX":    `unknown command "frob"`,
		"ex":            `ambiguous command "ex": examine, expunge`,
		"":              "empty command",
		"quota all":     "quota takes no argument",
		"rename INBOX":  "usage: :rename OLD NEW",
		`select "a" b`:  "usage: :select NAME",
		"qq":            `unknown command "qq"`,
		"logout now":    "logout takes no argument",
		"store +flags":  "store: +flags needs at least one flag",
		"sort sideways": `sort: unknown key "sideways"`,
	} {
		mm, _ := m.runCommand(line)
		if mm.(Model).quitting {
			t.Errorf(":%s quits", line)
		}
		if got := mm.(Model).status.notice; !strings.Contains(got, want) {
			t.Errorf(":%s: notice %q, want %q", line, got, want)
		}
	}
}

// TestNoCommandQuitsButLogout runs every name and alias of the table,
// bare and with an argument, and checks that only :logout's entry ends
// tern.
func TestNoCommandQuitsButLogout(t *testing.T) {
	for _, s := range commandTable() {
		for _, name := range s.Names {
			for _, line := range []string{name, name + " INBOX", name + " INBOX x y"} {
				m := start(t, quiet(3), testOptions()) // Model shares its state
				mm, _ := m.runCommand(line)
				if quits := mm.(Model).quitting; quits != (s.Names[0] == "logout" && line == name) {
					t.Errorf(":%s: quits %v", line, quits)
				}
			}
		}
	}
}

// TestCommandWithoutRunIsAnError: an entry that has no run function yet
// is refused with a notice; before the table, a verb that no dispatcher
// knew fell through to quit.
func TestCommandWithoutRunIsAnError(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	table := append(commandTable(), commandSpec{Names: []string{"frob"}})
	mm, _ := m.runCommandIn(table, "frob")
	if got := mm.(Model); got.quitting || got.status.notice != ":frob is not implemented" {
		t.Errorf("quitting %v, notice %q", got.quitting, got.status.notice)
	}
}

// TestGoldenHelpCommands: ":" in the help turns to the command page,
// made from the command table; every command is on it.
func TestGoldenHelpCommands(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m = drive(t, m, keys("?", ":")...).(Model)
	out := screen(m)
	for _, s := range commandTable() {
		if !strings.Contains(out, ":"+s.Names[0]) {
			t.Errorf("the command page lacks :%s", s.Names[0])
		}
	}
	golden.RequireEqual(t, []byte(out))
	wide := drive(t, m, tea.WindowSizeMsg{Width: 160, Height: 30}).(Model)
	if out := screen(wide); !regexp.MustCompile(`:setacl NAME ID RIGHTS +set, add \(\+\) or remove \(-\) a user's rights`).MatchString(out) {
		t.Errorf("a wide command page lacks what :setacl does:\n%s", out)
	}
	m = drive(t, m, keys(":")...).(Model)
	if out := screen(m); !strings.Contains(out, "Keys: message list") {
		t.Errorf("a second : did not turn back to the keys:\n%s", out)
	}
}

// TestCommandWriteGuards: every command whose entry says it writes is
// refused, with nothing sent, in a folder opened read-only (a write to the
// open folder) or where MYRIGHTS lack the entry's right (a named folder).
// A new writing command must get a line here.
func TestCommandWriteGuards(t *testing.T) {
	lines := map[string]string{
		"store": `store +flags \Seen`, "move": "move Sent", "expunge": "expunge",
		"delete": "delete Sent", "rename": "rename Sent Old", "setacl": "setacl Sent bob lr", "deleteacl": "deleteacl Sent bob",
	}
	for _, s := range commandTable() {
		w := s.Write
		line, ok := lines[s.Names[0]]
		if w == nil {
			if ok {
				t.Errorf(":%s no longer says that it writes", s.Names[0])
			}
			continue
		}
		if !ok {
			t.Errorf(":%s writes but has no line in this test", s.Names[0])
			continue
		}
		f := quiet(3)
		m := start(t, f, testOptions())
		want := "read-only (EXAMINE)"
		if w.On == commands.OpenFolder {
			m = drive(t, m, commandMsg{line: "examine INBOX"}).(Model)
		} else {
			m.admin.rights = map[imapsvc.FolderName]string{"Sent": "lr"}
			want = fmt.Sprintf("your rights on Sent (lr) lack %q", string(w.Right))
		}
		before := len(f.callLog())
		m = drive(t, m, commandMsg{line: line}).(Model)
		if !strings.Contains(m.status.notice, want) || !strings.Contains(m.status.notice, w.What) {
			t.Errorf(":%s: notice %q, want %q and %q", line, m.status.notice, want, w.What)
		}
		if sent := f.callLog()[before:]; len(sent) > 0 {
			t.Errorf(":%s sent %q", line, sent)
		}
	}
}
