package keymap

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// keyNames are the names Bubble Tea gives keys that are not characters
// ("enter", "ctrl+x", "f5", …), which are what a binding compares with;
// a key written any other way ("Enter", "ctrl-x") would never match.
func keyNames() []string {
	var names []string
	for t := tea.KeyType(-200); t < 200; t++ {
		// "runes" names the type of typed text, which no binding can match.
		if s := t.String(); utf8.RuneCountInString(s) > 1 && s != "runes" {
			names = append(names, s)
		}
	}
	sort.Strings(names)
	return names
}

// aliases are names that help shows, or people write, for keys Bubble
// Tea names otherwise.
var aliases = map[string]string{"space": " ", "pgdn": "pgdown"}

// checkKey returns key as a binding holds it ("space" becomes " "), or an
// error naming the nearest key name.
func checkKey(s string, names []string) (string, error) {
	if a, ok := aliases[s]; ok {
		return a, nil
	}
	if strings.TrimSpace(s) == "" && s != " " {
		return "", fmt.Errorf("empty key")
	}
	base := strings.TrimPrefix(s, "alt+")
	if r, n := utf8.DecodeRuneInString(base); n == len(base) && r != utf8.RuneError && (unicode.IsPrint(r) || r == ' ') {
		return s, nil
	}
	if contains(names, base) {
		return s, nil
	}
	return "", fmt.Errorf("%q is not a key: write one character or a key name such as \"enter\", \"ctrl+x\", \"f5\"%s", s, didYouMean(base, names))
}
