package ui

import (
	"slices"
	"testing"
)

func TestCheckLink(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://example.org/a?b=c&d", true},
		{"HTTP://example.org", true},
		{"mailto:bob@example.org", true},
		{"javascript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"ftp://example.org/f", false},
		{"https://", false},
		{"https://example.org/\x1b]8;;x\x07", false},
		{"https://example.org/a b", false},
		{"https://example.org/\u0085", false},
		{"https://example.org/\u202egnp.exe", false},
		{"https://example.org/\xff", false},
		{"--help", false},
		{"example.org", false},
	} {
		if _, err := checkLink(tc.url); (err == nil) != tc.ok {
			t.Errorf("checkLink(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
	}
}

func TestBrowserArgs(t *testing.T) {
	const u = "https://example.org/a;b$(rm -rf x)"
	for _, tc := range []struct {
		browser, goos string
		want          []string
	}{
		{"", "linux", []string{"xdg-open", u}},
		{"", "darwin", []string{"open", u}},
		{"firefox", "linux", []string{"firefox", u}},
		{"firefox --new-tab", "linux", []string{"firefox", "--new-tab", u}},
		{"w3m %s:lynx", "linux", []string{"w3m", u}},
		{"  ", "freebsd", []string{"xdg-open", u}},
	} {
		if got := browserArgs(tc.browser, tc.goos, u); !slices.Equal(got, tc.want) {
			t.Errorf("browserArgs(%q, %s) = %q, want %q", tc.browser, tc.goos, got, tc.want)
		}
	}
}
