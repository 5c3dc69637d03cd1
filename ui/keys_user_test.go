package ui

import (
	"regexp"
	"strings"
	"testing"

	"tern/keymap"
)

// TestHelpShowsUserKeys: with [keys] rebinding actions, "?" lists the
// user's keys, not the defaults, and the keys do what help says.
func TestHelpShowsUserKeys(t *testing.T) {
	km := keymap.DefaultKeyMap()
	if errs := km.ApplyOverrides([]keymap.Override{
		{Context: "list", Action: "toggle_flag", Keys: []string{"x", "!"}},
		{Context: "list", Action: "threads", Keys: nil},
		{Context: "global", Action: "help", Keys: []string{"f1", "?"}},
	}); errs != nil {
		t.Fatal(errs)
	}
	opts := testOptions()
	opts.Keys = km
	f := quiet(3)
	m := start(t, f, opts)
	m = drive(t, m, keys("F")...).(Model)
	if got := lastCall(f, "STORE"); got != "" {
		t.Fatalf("F, no longer bound, sent %q", got)
	}
	m = drive(t, m, keys("!")...).(Model)
	if got := lastCall(f, "STORE"); !strings.Contains(got, `+FLAGS \Flagged`) {
		t.Fatalf("! sent %q, want a flag", got)
	}
	m = drive(t, m, keys("?")...).(Model)
	out := screen(m)
	for _, want := range []string{`x/! +flag`, `f1/\? +help`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	for _, gone := range []string{`\bF +flag`, `threads`} {
		if regexp.MustCompile(gone).MatchString(out) {
			t.Errorf("help still shows %q:\n%s", gone, out)
		}
	}
}

// TestViewerHelpShowsUserKeys: the viewer's "?" follows [keys.viewer].
func TestViewerHelpShowsUserKeys(t *testing.T) {
	km := keymap.DefaultKeyMap()
	if errs := km.ApplyOverrides([]keymap.Override{
		{Context: "viewer", Action: "raw", Keys: []string{"x"}}, // r replies
		{Context: "viewer", Action: "back", Keys: []string{"esc", "backspace"}},
	}); errs != nil {
		t.Fatal(errs)
	}
	opts := testOptions()
	opts.Keys = km
	m := start(t, quiet(3), opts)
	m = drive(t, m, keys("enter", "?")...).(Model)
	out := screen(m)
	for _, want := range []string{`Keys: message `, `\bx +raw source`, `esc/backspace +back`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("viewer help lacks %q:\n%s", want, out)
		}
	}
	if regexp.MustCompile(`\bR +raw source`).MatchString(out) {
		t.Errorf("viewer help still shows R for raw source:\n%s", out)
	}
}
