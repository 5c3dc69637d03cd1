package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
)

func TestParseAdminCommands(t *testing.T) {
	for line, want := range map[string]parsed{
		`rename "Sent Items" Archive/Sent`: {Name: "rename", Args: []string{"Sent Items", "Archive/Sent"}},
		"status":                           {Name: "status"},
		"acl Shared":                       {Name: "acl", Args: []string{"Shared"}},
		"setacl INBOX bob lr":              {Name: "setacl", Args: []string{"INBOX", "bob", "lr"}},
		"q":                                {Name: "logout"},
		"quo":                              {Name: "quota"},
		"cons":                             {Name: "console"},
	} {
		got, err := parseCommand(line)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("parseCommand(%q) = %+v, %v; want %+v", line, got, err, want)
		}
	}
	for line, want := range map[string]string{
		"quota all":        "quota takes no argument",
		"rename a":         "usage: :rename OLD NEW (quote names with spaces)",
		"setacl INBOX bob": "usage: :setacl NAME ID RIGHTS (RIGHTS may start with + or -)",
		"deleteacl a b c":  "usage: :deleteacl NAME ID",
		"status a b":       "", // one name: the rest of the line
		`status "a" "b"`:   "usage: :status [NAME]",
		"rename":           "rename needs a folder name",
	} {
		_, err := parseCommand(line)
		if (want == "") != (err == nil) || err != nil && err.Error() != want {
			t.Errorf("parseCommand(%q) error = %v, want %q", line, err, want)
		}
	}
}

func TestQuotaBar(t *testing.T) {
	q := quotaBar([]imapsvc.Quota{{Root: "r", Resources: []imapsvc.QuotaResource{
		{Name: "STORAGE", Usage: 460, Limit: 1024}, {Name: "MESSAGE", Usage: 95, Limit: 100}, {Name: "X", Usage: 5}}}})
	if q.name != "MESSAGE" || !q.warn() || q.text() != "quota [##########] 95% 95/100 " {
		t.Errorf("fullest resource = %+v %q", q, q.text())
	}
	q = quotaBar([]imapsvc.Quota{{Resources: []imapsvc.QuotaResource{{Name: "STORAGE", Usage: 460, Limit: 1024}}}})
	if q.warn() || q.text() != "quota [####------] 45% 460K/1.0M " {
		t.Errorf("storage = %q", q.text())
	}
	if q := quotaBar(nil); q.known {
		t.Error("no quota made a bar")
	}
}

func TestRightsTexts(t *testing.T) {
	for _, r := range "lrswipkxteacd" {
		if rightMeaning(byte(r)) == "" {
			t.Errorf("right %c has no explanation", r)
		}
	}
	if !lacksWrite("lr") || lacksWrite("lrswitea") {
		t.Error("lacksWrite")
	}
	if capMeaning("AUTH=PLAIN") != "login mechanism PLAIN" || capMeaning("QUOTA") == "" {
		t.Error("capability meanings")
	}
}

// TestDeleteAsksFirst: DELETE names the message count, a stray key does
// not confirm, "n" cancels, "y" deletes; a parent is refused.
func TestDeleteAsksFirst(t *testing.T) {
	f := quiet(7)
	m := start(t, f, testOptions())
	m = drive(t, m, commandMsg{line: "delete INBOX"}).(Model)
	if !m.question().active() || !strings.Contains(m.question().question, "7 messages") ||
		!strings.Contains(m.question().question, "RFC 3501") {
		t.Fatalf("question = %q", m.question().question)
	}
	m = drive(t, m, press("x"), press("enter")).(Model)
	if !m.question().active() {
		t.Fatal("a stray key answered the question")
	}
	m = drive(t, m, press("n")).(Model)
	if m.question().active() || strings.Contains(strings.Join(f.callLog(), ","), "delete") {
		t.Fatalf("after n: calls %v", f.callLog())
	}
	m = drive(t, m, commandMsg{line: "delete Sent"}).(Model)
	m = drive(t, m, press("y")).(Model)
	if !strings.Contains(strings.Join(f.callLog(), ","), "delete Sent") {
		t.Fatalf("after y: calls %v", f.callLog())
	}
	m = drive(t, m, commandMsg{line: "delete Archive"}).(Model)
	if !strings.Contains(m.status.notice, "subfolders") {
		t.Fatalf("delete of a parent: %q", m.status.notice)
	}
}

// TestRenameInboxAsks: RENAME INBOX explains itself before it is sent;
// the renamed open folder is opened again under its new name.
func TestRenameInboxAsks(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	m = drive(t, m, commandMsg{line: "rename INBOX Old"}).(Model)
	if !strings.Contains(m.question().question, "moves every message in INBOX") {
		t.Fatalf("question = %q", m.question().question)
	}
	m = drive(t, m, press("y")).(Model)
	calls := strings.Join(f.callLog(), ",")
	if !strings.Contains(calls, "rename INBOX Old") || !strings.Contains(calls, "SELECT Old") || m.list.mb.Name != "Old" {
		t.Fatalf("calls %s, open %q", calls, m.list.mb.Name)
	}
}

// TestFolderKeys: the folder pane's keys prefill commands, examine opens
// read-only, and help lists them.
func TestFolderKeys(t *testing.T) {
	m := start(t, quiet(3), testOptions())
	m = drive(t, m, press("tab"), press("R")).(Model)
	if v := m.cmdline.input.Value(); v != "rename INBOX INBOX" {
		t.Fatalf("R prefilled %q", v)
	}
	m = drive(t, m, press("esc"), press("a")).(Model)
	if v := m.cmdline.input.Value(); v != "create INBOX/" {
		t.Fatalf("a prefilled %q", v)
	}
	m = drive(t, m, press("esc"), press("e")).(Model)
	if !m.list.readOnly || !strings.Contains(m.writeGuard(opSeen), "read-only") {
		t.Fatalf("e: readOnly=%v guard=%q", m.list.readOnly, m.writeGuard(opSeen))
	}
	m = drive(t, m, press("tab"), press("?")).(Model)
	if s := screen(m); !strings.Contains(s, "delete folder") || !strings.Contains(s, "all/subscribed") {
		t.Fatalf("help lacks folder keys:\n%s", s)
	}
}

func TestGoldenStatusPanel(t *testing.T) {
	m := start(t, quiet(12), testOptions())
	m = drive(t, m, commandMsg{line: "status INBOX"}).(Model)
	golden.RequireEqual(t, []byte(screen(m)))
}
