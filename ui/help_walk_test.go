package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/ui/reader"
)

// helpStates makes the model in each state where a context's keys apply,
// with as many of them enabled as can be: the list after a search (hits
// and a filter), the folder tree, and the viewer on a message with an
// HTML alternative, a link and an attachment, its raw source (a middle page) and
// its parts list ([keys.parts]).
func helpStates(t *testing.T, w, h int) map[string][]func() Model {
	// Each state from a fresh start: models share their backend and
	// trackers, so one cannot be driven from another's copy.
	searched := func() Model {
		m := drive(t, start(t, quiet(12), testOptions()), tea.WindowSizeMsg{Width: w, Height: h}).(Model)
		m = drive(t, m, keys("/")...).(Model)
		m = drive(t, m, typed("subject:1")...).(Model)
		return drive(t, m, keys("enter")...).(Model)
	}
	reading := func() Model {
		m := drive(t, searched(), keys("enter")...).(Model)
		open, ok := m.reader.Message()
		if !ok {
			t.Fatalf("no message open\n%s", screen(m))
		}
		open.HasHTML, open.Text = true, "see https://example.org/a"
		open.Parts = []imapsvc.PartInfo{{Section: "1", Type: "text/plain"}, {Section: "2", Type: "application/pdf", Name: "a.pdf", Attachment: true}}
		m.reader = m.reader.ShowMessage(open)
		return m
	}
	folders := func() Model { return drive(t, searched(), keys("tab")...).(Model) }
	// One of several accounts: the account keys are on.
	several := func() Model {
		opts := testOptions()
		opts.Accounts = []string{"test", "other"}
		return drive(t, start(t, quiet(12), opts), tea.WindowSizeMsg{Width: w, Height: h}, press("tab")).(Model)
	}
	raw := func() Model {
		m := reading()
		open, _ := m.reader.Message()
		m.reader, _ = m.reader.Update(reader.Raw{UID: open.UID, Page: imapsvc.RawPage{UID: open.UID,
			Offset: reader.RawPageSize, Length: 10, Total: 3 * reader.RawPageSize, Text: "raw"}})
		return m
	}
	parts := func() Model {
		m := drive(t, reading(), keys("v")...).(Model)
		if !m.reader.ShowsParts() {
			t.Fatal("v did not show the parts")
		}
		return m
	}
	return map[string][]func() Model{
		"global":  {searched, folders, several},
		"list":    {searched},
		"folders": {folders},
		"viewer":  {reading, raw},
		"parts":   {parts},
	}
}

// helpShows reports whether the help on screen lists binding b: its keys
// and then its description on one line.
func helpShows(screen string, b key.Binding) bool {
	re := regexp.MustCompile(regexp.QuoteMeta(b.Help().Key) + " +" + regexp.QuoteMeta(b.Help().Desc))
	return re.MatchString(screen)
}

// TestHelpListsEveryKey walks every action of the contexts that "?"
// explains and checks that "?" lists it in a state where it applies, and
// that in each state "?" lists every binding that works there, on the
// default terminal and on a large one.
func TestHelpListsEveryKey(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { helpListsEveryKey(t, size[0], size[1]) })
	}
}

func helpListsEveryKey(t *testing.T, w, h int) {
	km := keymap.DefaultKeyMap()
	states := helpStates(t, w, h)
	helps := map[string][]string{}
	for ctx, ms := range states {
		for _, state := range ms {
			m := state()
			h := drive(t, m, keys("?")...).(Model)
			// A help taller than the terminal scrolls: its last page
			// counts too.
			sc := screen(h) + "\n" + screen(drive(t, h, keys("pgdown")...))
			helps[ctx] = append(helps[ctx], sc)
			for _, g := range (paneKeys{pane: m.paneKeys(), global: m.keys.Global}).FullHelp() {
				for _, b := range g {
					if b.Enabled() && !helpShows(sc, b) {
						t.Errorf("%s: ? does not show %q %q\n%s", ctx, b.Help().Key, b.Help().Desc, sc)
					}
				}
			}
		}
	}
	for _, name := range km.Actions() {
		ctx, _, _ := strings.Cut(name, ".")
		screens, ok := helps[ctx]
		if !ok {
			continue // an overlay's keys: its own bottom line shows them
		}
		b, _ := km.Binding(name)
		found := false
		for _, sc := range screens {
			found = found || helpShows(sc, b)
		}
		if !found {
			t.Errorf("? never shows %s (%q %q)", name, b.Help().Key, b.Help().Desc)
		}
	}
}

// TestBottomLineOneMeaningPerKey: the short help never offers one key
// twice, as "esc/q back" and "q quit" in the viewer did.
func TestBottomLineOneMeaningPerKey(t *testing.T) {
	for ctx, ms := range helpStates(t, 80, 24) {
		for _, state := range ms {
			m := state()
			seen := map[string]string{}
			for _, b := range (paneKeys{pane: m.paneKeys(), global: m.keys.Global}).ShortHelp() {
				if !b.Enabled() {
					continue
				}
				for _, k := range b.Keys() {
					if d, dup := seen[k]; dup && d != b.Help().Desc {
						t.Errorf("%s: the bottom line offers %q as %q and as %q", ctx, k, d, b.Help().Desc)
					}
					seen[k] = b.Help().Desc
				}
			}
			last := screen(m)[strings.LastIndex(screen(m), "\n")+1:]
			if strings.Contains(last, "q back") && strings.Contains(last, "q quit") {
				t.Errorf("%s: bottom line %q", ctx, last)
			}
		}
	}
}
