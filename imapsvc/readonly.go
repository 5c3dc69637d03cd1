package imapsvc

import "github.com/emersion/go-imap/v2"

// peekOnly turns every body section of a fetch into its PEEK form, for a
// folder opened with EXAMINE, and reports whether it changed any.
func peekOnly(opts *imap.FetchOptions) bool {
	changed := false
	for _, sec := range opts.BodySection {
		if !sec.Peek {
			sec.Peek, changed = true, true
		}
	}
	for _, sec := range opts.BinarySection {
		if !sec.Peek {
			sec.Peek, changed = true, true
		}
	}
	return changed
}
