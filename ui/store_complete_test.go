package ui

import (
	"slices"
	"testing"
)

func TestStoreCompletions(t *testing.T) {
	perm := storeFlags([]string{`\Seen`, `\Deleted`, "$Work", `\*`})
	tests := []struct {
		line string
		want []string
	}{
		{"store ", []string{"store +flags", "store -flags", "store flags"}},
		{"store -", []string{"store -flags"}},
		{"store +flags ", []string{`store +flags \Seen`, `store +flags \Deleted`, "store +flags $Work",
			"store +flags $label1", "store +flags $label2", "store +flags $label3", "store +flags $label4",
			"store +flags $label5", "store +flags Junk", "store +flags NonJunk", "store +flags $Forwarded"}},
		{`store +flags \s`, []string{`store +flags \Seen`}},
		{`store flags \Seen $w`, []string{`store flags \Seen $Work`}},
		{`store flags \seen \`, []string{`store flags \seen \Deleted`}},
	}
	for _, tt := range tests {
		if got := completions(tt.line, nil, perm); !slices.Equal(got, tt.want) {
			t.Errorf("completions(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	// Without \* only the listed keywords are offered.
	strict := storeFlags([]string{`\Seen`, "$Work"})
	if got := completions("store +flags $", nil, strict); !slices.Equal(got, []string{"store +flags $Work"}) {
		t.Errorf("strict server: %q", got)
	}
}
