package ui

import (
	"errors"
	"strings"
	"testing"

	"tern/imapsvc"
)

// Issue 11 on the screen: what the walk-through shows, tern shows.

// TestSubscribeKeyWithoutListExtended: without LIST-EXTENDED the
// subscriptions come from LSUB, so s toggles; when they are not known, s
// explains instead of guessing.
func TestSubscribeKeyWithoutListExtended(t *testing.T) {
	f := quiet(3) // the fake advertises no LIST-EXTENDED
	f.unsubscribed = map[imapsvc.FolderName]bool{"Archive/2024": true}
	m := start(t, f, testOptions())
	if sub, _ := m.folders.Subscribed("Archive/2024"); sub {
		t.Fatal("Archive/2024 is not marked unsubscribed")
	}
	if sub, known := m.folders.Subscribed("INBOX"); !sub || !known {
		t.Fatalf("INBOX: subscribed %v, known %v", sub, known)
	}
	drive(t, m, keys("tab", "s")...)
	if got := lastCall(f, "subscribe"); got != "subscribe INBOX" {
		t.Fatalf("s sent %q (calls %v)", got, f.callLog())
	}

	f = quiet(3)
	f.subsErr = errors.New("side connection: refused")
	m = start(t, f, testOptions())
	m = drive(t, m, keys("tab", "s")...).(Model)
	if got := lastCall(f, "subscribe"); got != "" {
		t.Fatalf("s sent %q without knowing the folder's state", got)
	}
	if !strings.Contains(screen(m), "not known") {
		t.Fatalf("no explanation:\n%s", screen(m))
	}
}

// TestLegacyRights: RFC 2086 letters grant what RFC 4314 says they cover,
// in the guard, in lacksWrite and in the ACL panel's words.
func TestLegacyRights(t *testing.T) {
	for _, tc := range []struct {
		rights string
		right  byte
		want   bool
	}{
		{"acdilrsw", 't', true}, {"acdilrsw", 'e', true}, {"acdilrsw", 'x', true}, {"acdilrsw", 'k', true},
		{"acilrsw", 't', false}, {"adilrsw", 'k', false}, {"lr", 'x', false}, {"lrswipkxtecdan", 'n', true},
	} {
		if got := hasRight(tc.rights, tc.right); got != tc.want {
			t.Errorf("hasRight(%q, %c) = %v", tc.rights, tc.right, got)
		}
	}
	if lacksWrite("acdilrsw") || !lacksWrite("acilrsw") {
		t.Error("lacksWrite ignores the legacy d")
	}
	for _, rights := range []string{"lrswipkxtecdan", "lrwstipekxacd", "acdilrsw"} { // Cyrus, Dovecot, Courier
		for _, l := range rightsLines(rights) {
			if strings.Contains(l, "not a known right") {
				t.Errorf("%s: %s", rights, l)
			}
		}
	}
	if got := rightMeaning('d'); !strings.Contains(got, "t, e, x") {
		t.Errorf("d means %q", got)
	}
}

// TestLegacyRightsAllowWrites: on a folder with Courier's default
// "acdilrsw", d moves to Trash and the status bar shows no missing rights.
func TestLegacyRightsAllowWrites(t *testing.T) {
	f := quiet(3)
	f.caps = append(f.caps, "ACL")
	f.rights = "acdilrsw"
	m := start(t, f, testOptions())
	if s := screen(m); strings.Contains(s, "rights acdilrsw") {
		t.Fatalf("status bar shows missing rights:\n%s", s)
	}
	m = drive(t, m, keys("d")...).(Model)
	if strings.Contains(screen(m), "lack") || lastCall(f, "MOVE") == "" {
		t.Fatalf("d refused (calls %v):\n%s", f.callLog(), screen(m))
	}
}

// TestRightsAskedAfterReconnect: rights changed while tern was away are
// asked again when the folder is selected after a reconnect.
func TestRightsAskedAfterReconnect(t *testing.T) {
	f := quiet(3)
	f.caps = append(f.caps, "ACL")
	f.rights = "lr"
	m := start(t, f, testOptions())
	if !strings.Contains(screen(m), "rights lr") {
		t.Fatalf("no rights in the status bar:\n%s", screen(m))
	}
	f.mu.Lock()
	f.rights = "lrswipkxtea"
	f.mu.Unlock()
	m = drive(t, m, eventMsg{imapsvc.Reconnected{}}).(Model)
	if s := screen(m); strings.Contains(s, "rights lr") {
		t.Fatalf("old rights kept after the reconnect (calls %v):\n%s", f.callLog(), s)
	}
	if m.admin.rights["INBOX"] != "lrswipkxtea" {
		t.Fatalf("rights = %v", m.admin.rights)
	}
}

// TestRecentClamped: a RECENT above EXISTS (Cyrus sends no new RECENT
// after an expunge) is shown clamped and called stale.
func TestRecentClamped(t *testing.T) {
	f := quiet(3)
	m := start(t, f, testOptions())
	m = drive(t, m, eventMsg{imapsvc.Recent{Mailbox: m.list.mb, Count: 8}}).(Model)
	s := screen(m)
	if !strings.Contains(s, "3 exists, 3 recent (stale)") || strings.Contains(s, "8 recent") {
		t.Fatalf("status bar:\n%s", s)
	}
}

// TestStatusPanelRecent: :status shows the RECENT the side connection got,
// or why there is none.
func TestStatusPanelRecent(t *testing.T) {
	n := uint32(4)
	if got := statusLines(imapsvc.FolderStatus{Recent: &n}); got[1] != "RECENT       4" {
		t.Errorf("RECENT line = %q", got[1])
	}
	if got := statusLines(imapsvc.FolderStatus{RecentNote: "not available: x"}); got[1] != "RECENT       not available: x" {
		t.Errorf("RECENT line = %q", got[1])
	}
}

// TestInfoRightsCapability: :info shows RIGHTS= as the server spells it
// (go-imap upper-cases capabilities) and explains its letters.
func TestInfoRightsCapability(t *testing.T) {
	lines := strings.Join(serverLines(imapsvc.ServerInfo{Caps: []string{"RIGHTS=KXTEN", "IDLE"}}), "\n")
	if !strings.Contains(lines, "RIGHTS=kxten") || strings.Contains(lines, "KXTEN") || !strings.Contains(lines, "k, x, t, e, n") {
		t.Fatalf("server panel:\n%s", lines)
	}
}
