package ui

import "testing"

func TestSystemOpener(t *testing.T) {
	for goos, want := range map[string]string{
		"darwin":  "open",
		"linux":   "xdg-open",
		"freebsd": "xdg-open",
		"openbsd": "xdg-open",
	} {
		if got := systemOpener(goos); got != want {
			t.Errorf("systemOpener(%q) = %q, want %q", goos, got, want)
		}
	}
}
