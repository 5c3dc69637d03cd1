package reader

import (
	"fmt"
	"strings"

	"tern/imapsvc"
	"tern/ui/pane"
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
	fmt.Fprintf(&b, "  RFC822.SIZE %d (%s)\n\n", info.Size, pane.FormatSize(info.Size))
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
