package compose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompletePath(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"report-2025.pdf", "report-2026.pdf", "notes.txt", ".hidden", "report-\x1b[2J.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "photos"), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed, want string
		n           int
	}{
		{dir + "/rep", dir + "/report-202", 2},
		{dir + "/n", dir + "/notes.txt", 1},
		{dir + "/ph", dir + "/photos/", 1},
		{dir + "/", dir + "/", 4}, // hidden files only when asked for
		{dir + "/.h", dir + "/.hidden", 1},
		{dir + "/zzz", dir + "/zzz", 0},
		{"~/rep", "~/report-202", 2},
	}
	for _, tt := range tests {
		got, matches := CompletePath(tt.typed, dir)
		if got != tt.want || len(matches) != tt.n {
			t.Errorf("CompletePath(%q) = %q %v, want %q and %d matches", tt.typed, got, matches, tt.want, tt.n)
		}
	}
	if got := ExpandHome("~/a/b", "/home/u"); got != "/home/u/a/b" {
		t.Errorf("ExpandHome = %q", got)
	}
	if got := ExpandHome("/abs/~/x", "/home/u"); !strings.HasPrefix(got, "/abs") {
		t.Errorf("ExpandHome touched a path without a leading ~: %q", got)
	}
}
