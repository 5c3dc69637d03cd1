package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"tern/imapsvc"
	"tern/ui/folderview"
)

func lastCall(f *fakeBackend, prefix string) string {
	calls := f.callLog()
	for i := len(calls) - 1; i >= 0; i-- {
		if strings.HasPrefix(calls[i], prefix) {
			return calls[i]
		}
	}
	return ""
}

// TestMarksAndRanges: t marks and steps, v…v marks a range, A marks all;
// each action is one STORE for the whole set.
func TestMarksAndRanges(t *testing.T) {
	f := quiet(10) // UIDs 2,4,…,20; row 0 is UID 20
	m := start(t, f, testOptions())
	m = drive(t, m, keys("t", "j", "t", "U")...).(Model)
	if got := lastCall(f, "STORE"); got != `STORE 16,20 +FLAGS \Seen` && got != `STORE 16,20 -FLAGS \Seen` {
		t.Fatalf("t j t U sent %q", got)
	}
	if m.list.marks() != 0 {
		t.Fatal("marks kept after the action")
	}
	m = drive(t, m, keys("g", "v", "j", "j", "v", "F")...).(Model)
	if got := lastCall(f, "STORE"); got != `STORE 16,18,20 +FLAGS \Flagged` {
		t.Fatalf("range sent %q", got)
	}
	drive(t, m, keys("A", "J")...)
	if got := lastCall(f, "STORE"); !strings.HasPrefix(got, "STORE 2,4,6,8,10,12,14,16,18,20 +FLAGS Junk") {
		t.Fatalf("mark all + J sent %q (calls %v)", got, f.callLog())
	}
}

// TestExpungeQuestions: with UIDPLUS the question names the set; without
// it, it warns that every \Deleted message goes and lists them; n keeps.
func TestExpungeQuestions(t *testing.T) {
	f := quiet(5)
	f.boxes["INBOX"].rows[0].Flags.Deleted = true // UID 2, "by another client"
	m := start(t, f, testOptions())
	m = drive(t, m, typed(`:store +flags \Deleted`)...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	m = drive(t, m, keys("t")...).(Model) // marks UID 10: the user's set
	m = drive(t, m, keys("$")...).(Model)
	if !m.question().active() || !strings.Contains(m.question().question, `UID EXPUNGE removes 1 message for good: "Message number 5"`) {
		t.Fatalf("question = %q", m.question().question)
	}
	m = drive(t, m, keys("y")...).(Model)
	if got := lastCall(f, "EXPUNGE"); got != "EXPUNGE 10 whole=false" {
		t.Fatalf("sent %q", got)
	}
	if m.list.index(10) >= 0 || m.list.index(2) < 0 {
		t.Fatal("the list does not show what the server expunged")
	}

	f.caps = []string{"IMAP4rev1", "MOVE"}
	m = drive(t, m, keys("$")...).(Model)
	q := m.question().question
	if !strings.Contains(q, `No UIDPLUS: EXPUNGE removes ALL 1 \Deleted message in this folder, including ones other clients marked: "Message number 1"`) {
		t.Fatalf("question = %q", q)
	}
	m = drive(t, m, keys("n")...).(Model)
	if lastCall(f, "EXPUNGE") != "EXPUNGE 10 whole=false" || !strings.Contains(screen(m), "nothing was changed") {
		t.Fatalf("n expunged: %v", f.callLog())
	}
	m = drive(t, m, typed(":close")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if !strings.Contains(m.question().question, `CLOSE expunges 1 \Deleted message silently`) {
		t.Fatalf(":close question = %q", m.question().question)
	}
	m = drive(t, m, keys("y")...).(Model)
	if m.list.open || lastCall(f, "CLOSE") == "" {
		t.Fatal(":close did not close")
	}
}

// TestSearchSortThreadViews: results change what is shown, n/N step
// through hits, Esc drops the filter and then the hits.
func TestSearchSortThreadViews(t *testing.T) {
	f := quiet(12)
	m := start(t, f, testOptions())
	m = drive(t, m, keys("/")...).(Model)
	m = drive(t, m, typed("subject:1")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	// "Message number 1", 10, 11, 12: UIDs 2, 20, 22, 24.
	if got := m.list.disp().Rows(); !slices.Equal(got, []imapsvc.UID{24, 22, 20, 2}) {
		t.Fatalf("filtered = %v", got)
	}
	if lastCall(f, "SEARCH") != `SEARCH SUBJECT "1"` {
		t.Fatalf("calls %v", f.callLog())
	}
	m = drive(t, m, keys("esc")...).(Model)
	if m.list.disp().Len() != 12 {
		t.Fatal("Esc kept the filter")
	}
	m = drive(t, m, keys("n")...).(Model)
	if u, _ := m.list.selected(); u != 22 {
		t.Fatalf("n went to %d, want 22", u)
	}
	m = drive(t, m, keys("N", "N")...).(Model)
	if u, _ := m.list.selected(); u != 2 {
		t.Fatalf("N N went to %d, want 2 (wrapping)", u)
	}
	m = drive(t, m, typed(":sort subject reverse")...).(Model)
	m = drive(t, m, keys("enter")...).(Model)
	if u := uidAt(m.list.disp(), 0); u != 18 || !strings.Contains(screen(m), "sorted by subject, reversed") {
		t.Fatalf("sorted: first %d\n%s", u, screen(m))
	}
	m = drive(t, m, keys("T")...).(Model)
	if d := m.list.look.view.Depth[4]; d != 1 || !strings.Contains(screen(m), "↳ Message number 2") {
		t.Fatalf("threads: depth %d\n%s", d, screen(m))
	}
	m = drive(t, m, keys("T")...).(Model)
	if m.list.look.spec.Kind != folderview.Arrival {
		t.Fatal("T did not leave threads")
	}
}

func TestGoldenPickerAndMarks(t *testing.T) {
	m := start(t, quiet(6), testOptions())
	m = drive(t, m, keys("t", "t")...).(Model)
	marked := screen(m)
	if strings.Count(marked, "*") != 2 {
		t.Fatalf("two marks expected:\n%s", marked)
	}
	m = drive(t, m, keys("m", "s")...).(Model)
	golden.RequireEqual(t, []byte(marked+"\n----\n"+screen(m)))
}

func TestPromptKeys(t *testing.T) {
	cases := map[string]string{
		"alice":                              `TEXT "alice"`,
		"from:alice is:unread":               `FROM "alice" UNSEEN`,
		`subject:"weekly report" tag:$x`:     `SUBJECT "weekly report" KEYWORD "$x"`,
		"since:2026-01-02 before:3-Feb-2026": "SINCE 2026-01-02 BEFORE 3-Feb-2026",
		"FROM bob NOT SEEN":                  "FROM bob NOT SEEN",
		`body:say"hi"`:                       `BODY "sayhi"`,
	}
	for in, want := range cases {
		if got, err := promptKeys(in); err != nil || got != want {
			t.Errorf("promptKeys(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "is:maybe", "since:yesterday", `subject:"open`} {
		if _, err := promptKeys(bad); err == nil {
			t.Errorf("promptKeys(%q) accepted", bad)
		}
	}
}

func TestParseStoreAndSort(t *testing.T) {
	op, flags, err := parseStore(`+FLAGS.SILENT (\Seen $label1)`)
	if err != nil || op != imapsvc.StoreAdd || !slices.Equal(flags, []string{`\Seen`, "$label1"}) {
		t.Errorf("parseStore = %v %v %v", op, flags, err)
	}
	if op, flags, err := parseStore("flags"); err != nil || op != imapsvc.StoreReplace || len(flags) != 0 {
		t.Errorf("FLAGS () = %v %v %v", op, flags, err)
	}
	for _, bad := range []string{"-flags", "add \\Seen"} {
		if _, _, err := parseStore(bad); err == nil {
			t.Errorf("parseStore(%q) accepted", bad)
		}
	}
	if k, rev, err := parseSort("reverse date"); err != nil || k != imapsvc.SortDate || !rev {
		t.Errorf("parseSort = %v %v %v", k, rev, err)
	}
	if _, _, err := parseSort("colour"); err == nil {
		t.Error("parseSort(colour) accepted")
	}
}

func TestFuzzyFilter(t *testing.T) {
	names := []imapsvc.FolderName{"INBOX", "Archive", "Archive/2024", "Lists/archlinux", "Sent", "Trash"}
	if got := fuzzyFilter(names, "arc"); !slices.Equal(got[:2], []imapsvc.FolderName{"Archive", "Archive/2024"}) || len(got) != 3 {
		t.Errorf("arc -> %v", got)
	}
	if got := fuzzyFilter(names, "a24"); !slices.Equal(got, []imapsvc.FolderName{"Archive/2024"}) {
		t.Errorf("a24 -> %v", got)
	}
	if got := fuzzyFilter(names, "zz"); len(got) != 0 {
		t.Errorf("zz -> %v", got)
	}
}
