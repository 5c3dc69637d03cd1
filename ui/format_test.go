package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tern/imapsvc"
	"tern/ui/pane"
)

func TestFormatDate(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		now  time.Time
		want string
	}{
		{"zero", time.Time{}, now, ""},
		{"today", time.Date(2025, 6, 15, 8, 5, 0, 0, time.UTC), now, "08:05"},
		{"yesterday", time.Date(2025, 6, 14, 23, 59, 0, 0, time.UTC), now, "Jun 14"},
		{"this year", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), now, "Jan 02"},
		{"last year", time.Date(2024, 12, 31, 23, 0, 0, 0, time.UTC), now, "2024-12-31"},
		{"future year", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), now, "2030-01-01"},
		{"other zone shown in now's zone", time.Date(2025, 6, 15, 23, 30, 0, 0, time.UTC), now.In(tokyo), "Jun 16"},
		{"new year's eve in zone", time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 9, 0, 0, 0, tokyo), "05:00"},
	}
	for _, tt := range tests {
		if got := formatDate(tt.t, tt.now); got != tt.want {
			t.Errorf("%s: got %q want %q", tt.name, got, tt.want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0B"}, {512, "512B"}, {999, "999B"}, {1000, "1.0K"}, {1023, "1.0K"}, {1024, "1.0K"}, {1536, "1.5K"},
		{34 * 1024, "34K"}, {999 * 1024, "999K"}, {1023 * 1024, "1.0M"}, {5 << 20, "5.0M"}, {1200 << 20, "1.2G"}, {3 << 40, "3.0T"},
	}
	for _, tt := range tests {
		if got := pane.FormatSize(tt.n); got != tt.want {
			t.Errorf("pane.FormatSize(%d) = %q want %q", tt.n, got, tt.want)
		}
	}
}

func TestFlagColumn(t *testing.T) {
	tests := []struct {
		row  imapsvc.Row
		want string
	}{
		{imapsvc.Row{}, "N   "},
		{imapsvc.Row{Flags: imapsvc.Flags{Seen: true}}, "    "},
		{imapsvc.Row{Flags: imapsvc.Flags{Seen: true, Flagged: true, Answered: true}}, " FA "},
		{imapsvc.Row{Flags: imapsvc.Flags{Deleted: true, Answered: true}}, "N D "},
		{imapsvc.Row{Flags: imapsvc.Flags{Seen: true}, Attachment: true}, "    "},
		{imapsvc.Row{Flags: imapsvc.Flags{Seen: true}, Attachment: true, HasDetails: true}, "   +"},
	}
	for _, tt := range tests {
		if got := flagColumn(tt.row); got != tt.want {
			t.Errorf("flagColumn(%+v) = %q want %q", tt.row, got, tt.want)
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"hello", 8, "hello   "},
		{"hello world", 8, "hello w…"},
		{"你好世界", 8, "你好世界"},
		{"你好世界!", 8, "你好世… "},
		{"你好", 3, "你…"},
		{"", 3, "   "},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		got := pane.Fit(tt.s, tt.width)
		if got != tt.want {
			t.Errorf("pane.Fit(%q, %d) = %q want %q", tt.s, tt.width, got, tt.want)
		}
		if tt.width > 0 && ansi.StringWidth(got) != tt.width {
			t.Errorf("pane.Fit(%q, %d) is %d cells wide", tt.s, tt.width, ansi.StringWidth(got))
		}
	}
	if got := pane.FitRight("1.2K", 6); got != "  1.2K" {
		t.Errorf("fitRight = %q", got)
	}
}

func TestCopyUIDNote(t *testing.T) {
	many := make([]imapsvc.UID, 5000)
	for i := range many {
		many[i] = imapsvc.UID(2 * (i + 1)) // no two consecutive
	}
	tests := []struct {
		t    imapsvc.Transfer
		want string
	}{
		{imapsvc.Transfer{}, "the server sent no COPYUID"},
		{imapsvc.Transfer{DestUIDValidity: 1712, SourceUIDs: []imapsvc.UID{3, 4, 5, 9}, DestUIDs: []imapsvc.UID{10, 11, 12, 13}},
			"COPYUID: UID 3:5,9 → 10:13, UIDVALIDITY 1712"},
		{imapsvc.Transfer{DestUIDValidity: 7, SourceUIDs: []imapsvc.UID{8}, DestUIDs: []imapsvc.UID{1}},
			"COPYUID: UID 8 → 1, UIDVALIDITY 7"},
	}
	for _, tt := range tests {
		if got := copyUIDNote(tt.t); got != tt.want {
			t.Errorf("copyUIDNote(%+v) = %q, want %q", tt.t, got, tt.want)
		}
	}
	long := rangesText(many, maxSetText)
	if len(long) > maxSetText+30 || !strings.HasSuffix(long, " more)") || !strings.HasPrefix(long, "2,4,6") {
		t.Errorf("5000 scattered UIDs: %q", long)
	}
}
