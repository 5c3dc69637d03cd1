package compose

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tern/sanitize"
)

// maxMatches bounds what completion reads from one directory.
const maxMatches = 200

// ExpandHome turns a leading "~/" into home.
func ExpandHome(p, home string) string {
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") && home != "" {
		return filepath.Join(home, p[2:])
	}
	return p
}

// CompletePath completes the last element of typed from its directory:
// the longest prefix every match shares (a directory gets its "/"), and
// the matching names. It reads the directory: call it from a tea.Cmd.
func CompletePath(typed, home string) (string, []string) {
	dir, base := filepath.Split(typed)
	look := ExpandHome(dir, home)
	if look == "" {
		look = "."
	}
	ents, err := os.ReadDir(look)
	if err != nil {
		return typed, nil
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		if sanitize.Line(n) != n {
			continue // a name with escape or control characters is not offered on screen
		}
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
		if len(names) == maxMatches {
			break
		}
	}
	if len(names) == 0 {
		return typed, nil
	}
	sort.Strings(names)
	common := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, common) {
			common = common[:len(common)-1]
		}
	}
	return dir + common, names
}
