// Package dovetest starts a private Dovecot IMAP server for tests.
//
// Each Server has its own configuration, sockets, logs, users, Maildirs and
// certificates under one fresh directory (in /dev/shm where it is a tmpfs,
// else /tmp) and listens on free loopback ports; nothing from /etc/dovecot is
// used. The Dovecot master needs root.
package dovetest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tern/internal/servertest"
)

// User is a mail account of the test server.
type User struct {
	Name, Password string
}

// Options configure Start. The zero value is a useful default.
type Options struct {
	// ListenIP is the loopback address to listen on; default "127.0.0.1".
	// Dovecot treats a connection from 127.0.0.1 to itself as secure, so
	// use "127.0.0.2" to see LOGINDISABLED before STARTTLS.
	ListenIP string
	// Separator is the hierarchy separator, "/" (default) or ".".
	Separator string
	// Users default to alice/secret.
	Users []User
	// QuotaStorageKB is each user's storage quota; default 2 GiB.
	QuotaStorageKB int64
	// OAuth2IntrospectionURL, when set, makes XOAUTH2 and OAUTHBEARER
	// check tokens with Dovecot's oauth2 passdb: it POSTs token=TOKEN to
	// this URL (an http:// endpoint the test runs on 127.0.0.1) and takes
	// a JSON answer {"active": true, "username": "USER"} as valid for
	// USER. Passwords keep working with PLAIN and LOGIN.
	OAuth2IntrospectionURL string
	// LMTP adds an LMTP listener (LMTPAddr) that delivers mail for
	// USER@any.domain into USER's INBOX, for a test MTA. It needs
	// Dovecot's lmtp program (Debian: dovecot-lmtpd); without it the test
	// is skipped, unless TERN_REQUIRE_MTA=1, where it fails.
	LMTP bool
}

// Server is a running private Dovecot instance.
type Server struct {
	Addr    string // host:port, plaintext with STARTTLS
	TLSAddr string // host:port, implicit TLS (imaps)
	// LMTPAddr is host:port of LMTP with Options.LMTP, else "".
	LMTPAddr string
	Host     string // the address listened on
	CAFile   string // PEM of the CA that signed the server certificate
	Dir      string // everything of the instance lives here
	Users    []User

	sep      string
	conf     string
	doveadm  string
	uid, gid int
	proc     *servertest.Process
}

// Start starts a Dovecot instance and registers its shutdown with t.Cleanup.
// Without Dovecot (or without root) the test is skipped, unless
// TERN_REQUIRE_DOVECOT=1, where it fails.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bins, err := findBinaries(fileExists, exec.LookPath)
	if err == nil && os.Geteuid() != 0 {
		err = errors.New("the Dovecot master must run as root")
	}
	servertest.Require(t, err, "TERN_REQUIRE_DOVECOT", unavailable)
	// Only the MTA tests need LMTP, so TERN_REQUIRE_MTA decides.
	if opts.LMTP {
		servertest.Require(t, findLMTP(fileExists), "TERN_REQUIRE_MTA", lmtpUnavailable)
	}
	opts = withDefaults(opts)
	// Dovecot refuses to run the mail processes as root.
	owner, err := servertest.SystemUser("dovenull", "nobody")
	if err != nil {
		t.Fatalf("dovetest: %v for mail processes", err)
	}
	dir, err := servertest.NewDir("dovetest")
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	s := &Server{
		Host: opts.ListenIP, Dir: dir, Users: slices.Clone(opts.Users), sep: opts.Separator,
		conf: filepath.Join(dir, "dovecot.conf"), doveadm: bins.doveadm,
		uid: owner.UID, gid: owner.GID,
	}
	s.proc = servertest.NewProcess("dovecot", filepath.Join(dir, "master.out"), func() *exec.Cmd {
		return exec.Command(bins.dovecot, "-F", "-c", s.conf)
	})
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("dovetest: Dovecot log:\n%s", s.logs())
		}
		os.RemoveAll(dir)
	})
	if err := s.prepare(opts); err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	// Another process may take a port between choosing and binding it.
	for try := 0; ; try++ {
		if err = s.choosePorts(opts); err != nil {
			t.Fatalf("dovetest: %v", err)
		}
		if err = s.start(); err == nil {
			return s
		}
		if try == 2 || !strings.Contains(s.logs(), "Address already in use") {
			t.Fatalf("dovetest: %v\n%s", err, s.logs())
		}
		os.Remove(filepath.Join(dir, "dovecot.log"))
		os.Remove(filepath.Join(dir, "master.out"))
	}
}

// Stop shuts the instance down and makes sure none of its processes remain.
// It is safe to call more than once.
func (s *Server) Stop() { s.proc.Stop() }

// Restart stops the instance and starts it again on the same ports, with
// the same users and mail.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	if err := s.start(); err != nil {
		t.Fatalf("dovetest: restart: %v\n%s", err, s.logs())
	}
}

// Doveadm runs doveadm against this instance and returns its standard
// output; it fails the test if doveadm does.
func (s *Server) Doveadm(t testing.TB, args ...string) string {
	t.Helper()
	out, err := s.doveadmRun(args...)
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	return out
}

func (s *Server) doveadmRun(args ...string) (string, error) {
	cmd := exec.Command(s.doveadm, append([]string{"-c", s.conf}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("doveadm %s: %v: %s%s",
			strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out), nil
}

func withDefaults(o Options) Options {
	if o.ListenIP == "" {
		o.ListenIP = "127.0.0.1"
	}
	if o.Separator == "" {
		o.Separator = "/"
	}
	if len(o.Users) == 0 {
		o.Users = []User{{Name: "alice", Password: "secret"}}
	}
	if o.QuotaStorageKB == 0 {
		o.QuotaStorageKB = 2 << 20
	}
	return o
}

// logs returns what Dovecot and its master wrote, for failure messages.
func (s *Server) logs() string {
	return servertest.LogTail(s.Dir, "master.out", "dovecot.log")
}
