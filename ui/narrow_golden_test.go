package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// startNarrow is start, then the terminal shrinks to 60×20.
func startNarrow(t *testing.T) Model {
	t.Helper()
	m := start(t, quiet(40), testOptions())
	return drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 20}).(Model)
}

// TestGoldenNarrowList: at 60×20 the Size column drops and the date
// shortens before the subject does, so the subject stays readable.
func TestGoldenNarrowList(t *testing.T) {
	m := startNarrow(t)
	if w := m.list.subjectWidth(); w < 20 || w < m.list.fromWidth() {
		t.Errorf("subject column %d cells of %d (From %d)", w, m.list.width, m.list.fromWidth())
	}
	out := screen(m)
	if !strings.Contains(out, "Message number 39") {
		t.Errorf("a whole short subject does not fit:\n%s", out)
	}
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	golden.RequireEqual(t, []byte(out))
}

// TestGoldenNarrowHelp: at 60×20 the help does not fit; it says so, j
// scrolls one line, G reaches its last entry, g returns to the top.
func TestGoldenNarrowHelp(t *testing.T) {
	m := startNarrow(t)
	m = drive(t, m, keys("?")...).(Model)
	body := m.help.bodyLines(m.helpKeys(), m.width, geometry(m.width, m.height).mainH)
	last := strings.TrimSpace(ansi.Strip(body[len(body)-1]))
	top := screen(m)
	if strings.Contains(top, last) || !strings.Contains(top, "scroll") {
		t.Fatalf("the help fits at 60×20 or does not say it scrolls (last entry %q):\n%s", last, top)
	}
	golden.RequireEqual(t, []byte(top))

	m = drive(t, m, keys("j")...).(Model)
	if m.help.offset != 1 {
		t.Errorf("j: offset %d, want 1", m.help.offset)
	}
	m = drive(t, m, keys("G")...).(Model)
	bottom := screen(m)
	if !strings.Contains(bottom, last) {
		t.Errorf("G does not reach the last entry %q:\n%s", last, bottom)
	}
	t.Run("bottom", func(t *testing.T) { golden.RequireEqual(t, []byte(bottom)) })
	m = drive(t, m, keys("pgup", "g")...).(Model)
	if m.help.offset != 0 || screen(m) != top {
		t.Errorf("g: offset %d, want the top again", m.help.offset)
	}
	m = drive(t, m, keys("?")...).(Model)
	if m.help.offset != 0 || strings.Contains(screen(m), "scroll") {
		t.Error("closing the help did not close it or keep no offset")
	}
}

// TestListColumnsByWidth: the columns give way in order (Size, then the
// date's length, then the date) and a row is always exactly the width.
func TestListColumnsByWidth(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	if got := formatDateShort(time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), now); got != "2023" {
		t.Errorf("an older date: %q", got)
	}
	if got := formatDateShort(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), now); got != "Mar 01" {
		t.Errorf("this year: %q", got)
	}
	m := startNarrow(t)
	for _, c := range []struct{ width, date, size int }{{58, colDate, colSize}, {42, colDateShort, 0}, {30, 0, 0}} {
		l := m.list
		l.width = c.width
		if l.dateWidth() != c.date || l.sizeWidth() != c.size {
			t.Errorf("width %d: date %d size %d, want %d %d", c.width, l.dateWidth(), l.sizeWidth(), c.date, c.size)
		}
		for i, line := range strings.Split(ansi.Strip(l.view()), "\n") {
			if w := ansi.StringWidth(line); w != c.width {
				t.Errorf("width %d: line %d is %d wide", c.width, i, w)
			}
		}
		if l.subjectWidth() < c.width/3 {
			t.Errorf("width %d: subject only %d", c.width, l.subjectWidth())
		}
	}
}
