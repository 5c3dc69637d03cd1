package ui

import (
	"slices"
	"strings"
	"testing"

	"tern/imapsvc"
)

// TestArgTargets: a leading sequence set of :store, :copy and :move names
// messages by position in UID order (the fake's UIDs are 2, 4, ... 10); a
// whole argument that names a folder stays a folder name.
func TestArgTargets(t *testing.T) {
	f := quiet(5)
	f.folders = append(f.folders, imapsvc.Folder{Name: "2024 Q1", Display: "2024 Q1", Delim: "/"})
	m := start(t, f, testOptions())
	for _, tc := range []struct {
		arg      string
		toFolder bool
		uids     []imapsvc.UID
		rest     string
		err      string
	}{
		{`1:2 flags \Deleted`, false, []imapsvc.UID{2, 4}, `flags \Deleted`, ""},
		{"1:* +flags NonJunk", false, []imapsvc.UID{2, 4, 6, 8, 10}, "+flags NonJunk", ""},
		{"2,5 Trash", true, []imapsvc.UID{4, 10}, "Trash", ""},
		{`1 "Sent Items"`, true, []imapsvc.UID{2}, "Sent Items", ""},
		{"2024 Q1", true, []imapsvc.UID{10}, "2024 Q1", ""}, // the folder; the cursor's message
		{"9 Trash", true, nil, "", "no message 9"},
		{"+flags \\Seen", false, []imapsvc.UID{10}, "+flags \\Seen", ""},
	} {
		uids, rest, err := m.argTargets(tc.arg, tc.toFolder)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.arg, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(uids, tc.uids) || rest != tc.rest {
			t.Errorf("%q = %v, %q, %v; want %v, %q", tc.arg, uids, rest, err, tc.uids, tc.rest)
		}
	}
}

// TestStoreCompletionsAfterSet: Tab after ":store 1:2 " offers the forms,
// then the flags, as without a set.
func TestStoreCompletionsAfterSet(t *testing.T) {
	flags := []string{`\Seen`, `\Deleted`}
	for line, want := range map[string][]string{
		"store 1:2 ":              {"store 1:2 +flags", "store 1:2 -flags", "store 1:2 flags"},
		"store 1:* +f":            {"store 1:* +flags"},
		`store 1:2 flags \D`:      {`store 1:2 flags \Deleted`},
		`store 1:2 +flags \Seen `: {`store 1:2 +flags \Seen \Deleted`},
	} {
		if got := completions(line, nil, flags); !slices.Equal(got, want) {
			t.Errorf("%q completes to %q, want %q", line, got, want)
		}
	}
}
