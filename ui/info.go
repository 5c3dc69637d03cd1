package ui

import (
	"strings"
)

// permLines say what the open folder's SELECT answered in PERMANENTFLAGS,
// and whether new keywords may be created (\*), for the folder info.
func permLines(perm []string, readOnly bool) []string {
	var kws, system []string
	newOK := false
	for _, f := range perm {
		switch {
		case f == `\*`:
			newOK = true
		case strings.HasPrefix(f, `\`):
			system = append(system, f)
		default:
			kws = append(kws, f)
		}
	}
	switch {
	case len(perm) == 0 && readOnly:
		return []string{"PERMANENTFLAGS none: the folder is open read-only"}
	case len(perm) == 0:
		return []string{"PERMANENTFLAGS not sent: every flag may be kept (RFC 3501)"}
	}
	out := []string{"PERMANENTFLAGS"}
	if len(system) > 0 {
		out = append(out, "  system flags    "+strings.Join(system, " "))
	}
	if len(kws) > 0 {
		out = append(out, "  keywords kept   "+strings.Join(kws, " "))
	}
	if newOK {
		return append(out, `  new keywords    allowed (\*)`)
	}
	return append(out, `  new keywords    not allowed (no \*): only the keywords listed are kept`)
}

// storeHint is what the command line shows while :store is typed:
// whether a new keyword may be made, then the PERMANENTFLAGS.
func storeHint(perm []string) string {
	if len(perm) == 0 {
		return ""
	}
	flags := "PERMANENTFLAGS (" + strings.Join(perm, " ") + ")"
	for _, f := range perm {
		if f == `\*` {
			return `new keywords allowed (\*); ` + flags
		}
	}
	return "no new keywords (no \\*); " + flags
}
