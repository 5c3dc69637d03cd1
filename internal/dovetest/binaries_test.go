package dovetest

import (
	"errors"
	"strings"
	"testing"

	"tern/internal/servertest"
)

// TestVerdict: the tests run Dovecot only with the master, doveadm and the
// imap process all there; without one they skip, or fail when CI requires
// Dovecot. dovecot-core without dovecot-imapd used to be taken as complete.
func TestVerdict(t *testing.T) {
	notInPath := func(string) (string, error) { return "", errors.New("not found") }
	core := []string{"/usr/sbin/dovecot", "/usr/bin/doveadm"}
	withImapd := append([]string{"/usr/lib/dovecot/imap"}, core...)
	tests := []struct {
		name    string
		files   []string
		require string
		want    servertest.Outcome
		msg     string // part of the message
	}{
		{"complete", withImapd, "", servertest.Run, ""},
		{"complete, required", withImapd, "1", servertest.Run, ""},
		{"core without imapd", core, "", servertest.Skip, "dovecot-core without dovecot-imapd"},
		{"core without imapd, required", core, "1", servertest.Fail, "/usr/lib/dovecot/imap"},
		{"nothing", nil, "", servertest.Skip, "dovecot not found"},
		{"nothing, required", nil, "1", servertest.Fail, "apt-get install dovecot-imapd"},
		{"no doveadm", []string{"/usr/sbin/dovecot", "/usr/lib/dovecot/imap"}, "0", servertest.Skip, "doveadm not found"},
		{"imap in libexec", append([]string{"/usr/libexec/dovecot/imap"}, core...), "1", servertest.Run, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exists := func(p string) bool {
				for _, f := range tt.files {
					if f == p {
						return true
					}
				}
				return false
			}
			_, err := findBinaries(exists, notInPath)
			got, msg := verdict(err, tt.require)
			if got != tt.want || !strings.Contains(msg, tt.msg) {
				t.Fatalf("verdict = %v %q, want %v with %q", got, msg, tt.want, tt.msg)
			}
		})
	}
}

// verdict is what Start decides, with require the value of
// TERN_REQUIRE_DOVECOT.
func verdict(err error, require string) (servertest.Outcome, string) {
	return servertest.Verdict(err, require, unavailable)
}

// TestFindLMTP: the lmtp process is found where Debian or Fedora put it,
// and its absence is an error that names dovecot-lmtpd's path.
func TestFindLMTP(t *testing.T) {
	if err := findLMTP(func(string) bool { return false }); err == nil || !strings.Contains(err.Error(), "/usr/lib/dovecot/lmtp") {
		t.Errorf("nothing installed: %v", err)
	}
	for _, p := range []string{"/usr/lib/dovecot/lmtp", "/usr/libexec/dovecot/lmtp"} {
		if err := findLMTP(func(q string) bool { return q == p }); err != nil {
			t.Errorf("%s installed: %v", p, err)
		}
	}
}
