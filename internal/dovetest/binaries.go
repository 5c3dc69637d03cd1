package dovetest

import (
	"fmt"
	"os"
	"path/filepath"
)

// binaries are the programs a test instance needs: the master, doveadm,
// and the IMAP process the master starts for each login. The last one is
// in the dovecot-imapd package, not dovecot-core, so a machine can have
// the first two without it; its logins then fail rather than skip.
type binaries struct {
	dovecot, doveadm, imap string
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// findBinaries looks the programs up with lookPath, then in /usr/sbin and
// /usr/bin; exists says whether a file is there.
func findBinaries(exists func(string) bool, lookPath func(string) (string, error)) (binaries, error) {
	find := func(name string) (string, error) {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
		for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
			if p := filepath.Join(dir, name); exists(p) {
				return p, nil
			}
		}
		return "", fmt.Errorf("%s not found in PATH or /usr/sbin", name)
	}
	var b binaries
	var err error
	if b.dovecot, err = find("dovecot"); err != nil {
		return b, err
	}
	if b.doveadm, err = find("doveadm"); err != nil {
		return b, err
	}
	// Where distributions put it: Debian, then Fedora.
	imapPaths := []string{"/usr/lib/dovecot/imap", "/usr/libexec/dovecot/imap"}
	for _, p := range imapPaths {
		if exists(p) {
			b.imap = p
			return b, nil
		}
	}
	return b, fmt.Errorf("the imap process of Dovecot is missing (looked at %s): dovecot-core without dovecot-imapd", imapPaths[0])
}

// unavailable is the message, a format for the error, when Dovecot cannot
// run.
const unavailable = "dovetest: %v (install with: apt-get install dovecot-imapd)"

// lmtpPaths are where distributions put Dovecot's lmtp process: Debian
// (package dovecot-lmtpd), then Fedora.
var lmtpPaths = []string{"/usr/lib/dovecot/lmtp", "/usr/libexec/dovecot/lmtp"}

// findLMTP reports an error when no lmtp process is installed.
func findLMTP(exists func(string) bool) error {
	for _, p := range lmtpPaths {
		if exists(p) {
			return nil
		}
	}
	return fmt.Errorf("the lmtp process of Dovecot is missing (looked at %s)", lmtpPaths[0])
}

// lmtpUnavailable is the message, a format for the error, when Options.LMTP
// cannot be had.
const lmtpUnavailable = "dovetest: %v (install with: apt-get install dovecot-lmtpd)"
