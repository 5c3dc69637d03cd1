package sanitize

import (
	"strings"
	"testing"
)

func TestFilename(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":              "report.pdf",
		"../../etc/passwd":        "passwd",
		"dir/":                    "attachment",
		"..":                      "attachment",
		"":                        "attachment",
		".bashrc":                 "bashrc",
		`C:\evil\x.exe`:           "x.exe",
		"a\x1b]52;c;AAAA\x07.txt": "a.txt",
		"evil\u202etxt.exe":       "eviltxt.exe",
		"tab\tname\n.txt":         "tab name .txt",
		"nul\x00byte":             "nulbyte",
		"中文附件.docx":               "中文附件.docx",
	} {
		if got := Filename(in); got != want {
			t.Errorf("Filename(%q) = %q, want %q", in, got, want)
		}
	}
	long := Filename(strings.Repeat("長", 300) + ".pdf")
	if len(long) > maxFilename || !strings.HasSuffix(long, ".pdf") || !strings.HasPrefix(long, "長") {
		t.Errorf("long name: %d bytes, %q...", len(long), long[:12])
	}
}
