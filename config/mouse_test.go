package config

import (
	"strings"
	"testing"
)

// TestMouseKey: the mouse is on unless the file says mouse = false, and a
// value that is not a bool is an error on its line.
func TestMouseKey(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{liveAcct, true},
		{"mouse = true\n" + liveAcct, true},
		{"mouse = false\n" + liveAcct, false},
	} {
		c, _, err := Load(writeConfig(t, tc.src, 0o600))
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if c.MouseOn() != tc.want {
			t.Errorf("%q: MouseOn() = %v, want %v", tc.src, c.MouseOn(), tc.want)
		}
	}
	_, _, err := Load(writeConfig(t, "\nmouse = \"no\"\n"+liveAcct, 0o600))
	if err == nil || !strings.Contains(err.Error(), `:2: mouse = "no": must be true or false`) {
		t.Fatalf("bad value: %v", err)
	}
}
