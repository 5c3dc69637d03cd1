package ui

import (
	"fmt"
	"strings"

	"tern/imapsvc"
)

// infoText lays out what FETCH n FAST, ALL and FULL return, each macro
// adding to the one before, as RFC 3501 defines them.
func infoText(info imapsvc.MessageInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "FETCH FAST (FLAGS INTERNALDATE RFC822.SIZE)\n")
	fmt.Fprintf(&b, "  FLAGS (%s)\n", strings.Join(info.Flags, " "))
	if !info.InternalDate.IsZero() {
		fmt.Fprintf(&b, "  INTERNALDATE %s\n", info.InternalDate.Format("02-Jan-2006 15:04:05 -0700"))
	}
	fmt.Fprintf(&b, "  RFC822.SIZE %d (%s)\n\n", info.Size, formatSize(info.Size))
	b.WriteString("FETCH ALL adds ENVELOPE\n")
	for _, l := range imapsvc.EnvelopeLines(info.Envelope) {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("\nFETCH FULL adds BODY\n")
	for _, l := range info.Structure {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

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
