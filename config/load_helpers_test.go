package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// loadAccount loads src (mode 0600) and fails the test unless it loads
// without error or warning; it returns the first account.
func loadAccount(t *testing.T, src string) Account {
	t.Helper()
	c, warnings, err := Load(writeConfig(t, src, 0o600))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	return c.Accounts[0]
}

// checkLoadError loads src (mode 0600) and wants exactly the error want: its
// lines (joined by \n) each follow the config file's path. The error must
// contain an *Error.
func checkLoadError(t *testing.T, src, want string) {
	t.Helper()
	path := writeConfig(t, src, 0o600)
	c, _, err := Load(path)
	if err == nil {
		t.Fatalf("Load = %+v, want error", c)
	}
	var lines []string
	for line := range strings.SplitSeq(want, "\n") {
		lines = append(lines, path+line)
	}
	if got := err.Error(); got != strings.Join(lines, "\n") {
		t.Errorf("error =\n%s\nwant\n%s", got, strings.Join(lines, "\n"))
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("error is %T, want it to contain *Error", err)
	}
}

// loadErrorCase is a config that must fail to load with exactly want.
type loadErrorCase struct {
	name string
	src  string
	want string // after the path; lines joined by \n
}

// checkLoadErrors runs checkLoadError on each case, as a subtest.
func checkLoadErrors(t *testing.T, cases []loadErrorCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			checkLoadError(t, tt.src, tt.want)
		})
	}
}

// checkLoneWarning loads src with mode and wants one warning, on line, whose
// message contains msg.
func checkLoneWarning(t *testing.T, src string, mode os.FileMode, line int, msg string) {
	t.Helper()
	_, warnings, err := Load(writeConfig(t, src, mode))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || warnings[0].Line != line || !strings.Contains(warnings[0].Msg, msg) {
		t.Errorf("warnings = %v, want one on line %d containing %q", warnings, line, msg)
	}
}
