package ui

import "testing"

// TestCapabilityKeepsRightsCase: go-imap upper-cases every capability, but
// RIGHTS= lists rights letters, which are lower case: :capability shows
// them as the server spells them, as :info does.
func TestCapabilityKeepsRightsCase(t *testing.T) {
	f := newFake(3)
	f.caps = []string{"ACL", "IMAP4rev1", "RIGHTS=KXTEN"}
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "Message number 3")
	sendLine(tm, "capability")
	waitScreen(t, tm, "CAPABILITY", "IMAP4rev1", "RIGHTS=kxten")
}
