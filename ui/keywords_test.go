package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// keywordFake gives INBOX's newest messages keywords, as Cyrus and
// Dovecot keep them, and a PERMANENTFLAGS with \*.
func keywordFake() *fakeBackend {
	f := quiet(5)
	rows := f.boxes["INBOX"].rows
	rows[4].Flags.Keywords = []string{"$label1", "NonJunk"}
	rows[3].Flags.Keywords = []string{"Junk"}
	rows[2].Flags.Keywords = []string{"$a-very-long-keyword-name-that-would-eat-the-subject", "$label2"}
	f.perm = []string{`\Answered`, `\Flagged`, `\Deleted`, `\Seen`, `\Draft`, "$label1", "Junk", "NonJunk", `\*`}
	return f
}

// TestGoldenKeywordTags: by default keywords show as a tag before the
// subject, cut so the subject keeps most of the row.
func TestGoldenKeywordTags(t *testing.T) {
	m := start(t, keywordFake(), testOptions())
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 12}).(Model)
	s := screen(m)
	if !strings.Contains(s, "[$label1 NonJunk] Message number 5") || !strings.Contains(s, "[Junk] Message number 4") {
		t.Fatalf("keywords not shown:\n%s", s)
	}
	golden.RequireEqual(t, []byte(s))
}

// TestGoldenKeywordMarker: keywords = "marker" shows a K in the flags
// column instead.
func TestGoldenKeywordMarker(t *testing.T) {
	opts := testOptions()
	opts.Keywords = "marker"
	m := start(t, keywordFake(), opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 12}).(Model)
	s := screen(m)
	if strings.Contains(s, "[$label1") || !strings.Contains(s, "NF  K 12:00") || !strings.Contains(s, "   +K Jun 14") {
		t.Fatalf("marker not shown:\n%s", s)
	}
	golden.RequireEqual(t, []byte(s))
}

// TestKeywordsOff: keywords = "off" shows none.
func TestKeywordsOff(t *testing.T) {
	opts := testOptions()
	opts.Keywords = "off"
	if s := screen(start(t, keywordFake(), opts)); strings.Contains(s, "$label1") || strings.Contains(s, "K 12:00") {
		t.Fatalf("keywords shown:\n%s", s)
	}
}

// TestViewerKeywords: the viewer's header lists the message's keywords.
func TestViewerKeywords(t *testing.T) {
	m := start(t, keywordFake(), testOptions())
	m = drive(t, m, keys("enter")...).(Model)
	if s := screen(m); !strings.Contains(s, "Keywords: $label1 NonJunk") {
		t.Fatalf("viewer:\n%s", s)
	}
}

// TestPermanentFlagsShown: the folder info of the open folder and the
// :store line show PERMANENTFLAGS and whether new keywords may be made.
func TestPermanentFlagsShown(t *testing.T) {
	m := start(t, keywordFake(), testOptions())
	m = drive(t, m, commandMsg{line: "status INBOX"}).(Model)
	s := screen(m)
	if !strings.Contains(s, `system flags    \Answered \Flagged \Deleted \Seen \Draft`) ||
		!strings.Contains(s, "keywords kept   $label1 Junk NonJunk") ||
		!strings.Contains(s, `new keywords    allowed (\*)`) {
		t.Fatalf("status panel:\n%s", s)
	}
	m = drive(t, m, keys("esc")...).(Model)
	m = drive(t, m, typed(":store +flags ")...).(Model)
	if s := screen(m); !strings.Contains(s, "new keywords allowed") {
		t.Fatalf(":store line:\n%s", s)
	}
	f := keywordFake()
	f.perm = []string{`\Seen`, "Junk"}
	m = start(t, f, testOptions())
	m = drive(t, m, commandMsg{line: "status INBOX"}).(Model)
	if s := screen(m); !strings.Contains(s, "new keywords    not allowed") {
		t.Fatalf("status panel without \\*:\n%s", s)
	}
}
