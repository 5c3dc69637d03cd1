package ui

import (
	"slices"
	"strings"
)

// storeFlags lists what :store may offer: the system flags the server
// keeps, its listed keywords, and where PERMANENTFLAGS holds \* (any new
// keyword) the common ones too. With no PERMANENTFLAGS everything goes.
func storeFlags(perm []string) []string {
	system := []string{`\Seen`, `\Flagged`, `\Answered`, `\Deleted`, `\Draft`}
	common := []string{"$label1", "$label2", "$label3", "$label4", "$label5", "Junk", "NonJunk", "$Forwarded"}
	if len(perm) == 0 {
		return append(system, common...)
	}
	var out []string
	for _, f := range perm {
		if f != `\*` {
			out = append(out, f)
		}
	}
	if slices.Contains(perm, `\*`) {
		for _, k := range common {
			if !slices.ContainsFunc(out, func(f string) bool { return strings.EqualFold(f, k) }) {
				out = append(out, k)
			}
		}
	}
	return out
}
