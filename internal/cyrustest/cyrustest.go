// Package cyrustest starts a private Cyrus IMAP server (Debian's cyrus-imapd
// 3.6) for tests.
//
// Debian's cyrus-imapd conflicts with dovecot-imapd, so Cyrus is not
// installed but unpacked (dpkg -x) into a directory of its own: .ci/run puts
// it in DefaultRoot, TERN_CYRUS_ROOT names another. A Cyrus installed the
// ordinary way (root "/") is used when neither has one.
//
// Each Server has its own imapd.conf, cyrus.conf, databases, spool, sasldb
// and certificates under one fresh directory (in /dev/shm where it is a
// tmpfs, else /tmp), listens on free loopback ports and is provisioned as
// the walk-through's account: see Start. The master needs root.
package cyrustest

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

// DefaultRoot is where .ci/run unpacks Cyrus.
const DefaultRoot = "/var/cache/tern-cyrus/root"

// The seeded account.
const (
	// Admin is the Cyrus admin (imapd.conf "admins"); its password is
	// AdminPassword.
	Admin         = "cyrus"
	AdminPassword = "cyrus-admin"
	// QuotaStorageKB is the default STORAGE limit of each user's INBOX.
	QuotaStorageKB = 2048000
	// SharedFolder of the first user is shared with the second user, who
	// gets SharedRights on it.
	SharedFolder = "INBOX.test1"
	SharedRights = "lrs"
	// SeedMessages is how many messages Message(0..n-1) the first user's
	// INBOX starts with.
	SeedMessages = 3
)

// SeedFolders are created for the first user, besides INBOX, as plain
// folders without SPECIAL-USE attributes.
var SeedFolders = []string{"INBOX.Drafts", "INBOX.Sent Items", "INBOX.Trash", "INBOX.test1", "INBOX.test2"}

// User is a mail account of the test server.
type User struct {
	Name, Password string
}

// Options configure Start. The zero value is the walk-through's setup.
type Options struct {
	// ListenIP is the loopback address to listen on; default "127.0.0.1".
	ListenIP string
	// Users default to alice/secret and bob/secret. The first gets
	// SeedFolders, SeedMessages and shares SharedFolder with the second.
	Users []User
	// QuotaStorageKB is each user's storage quota; default QuotaStorageKB.
	QuotaStorageKB int64
	// AllowPlaintext allows LOGIN before TLS on the plain port. Without it
	// Cyrus advertises LOGINDISABLED there until STARTTLS.
	AllowPlaintext bool
	// NoMessages leaves every folder empty.
	NoMessages bool
}

// Server is a running private Cyrus instance.
type Server struct {
	Addr    string // host:port, plaintext with STARTTLS
	TLSAddr string // host:port, implicit TLS (imaps)
	Host    string // the address listened on
	CAFile  string // PEM of the CA that signed the server certificate
	Dir     string // everything of the instance lives here
	Users   []User

	inst  install
	conf  string
	owner servertest.Owner
	proc  *servertest.Process
}

// Start starts a Cyrus instance, provisions its users and registers its
// shutdown with t.Cleanup. Without Cyrus (or without root) the test is
// skipped, unless TERN_REQUIRE_CYRUS=1, where it fails.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	inst, err := findCyrus()
	if err == nil && os.Geteuid() != 0 {
		err = errors.New("the Cyrus master must run as root")
	}
	servertest.Require(t, err, "TERN_REQUIRE_CYRUS", "cyrustest: %v (unpack Cyrus as .ci/run does, see README)")
	opts = withDefaults(opts)
	// "cyrus" as Debian's package creates it (and .ci/run does).
	owner, err := servertest.SystemUser("cyrus", "nobody")
	if err != nil {
		t.Fatalf("cyrustest: %v for the Cyrus processes", err)
	}
	dir, err := servertest.NewDir("cyrustest")
	if err != nil {
		t.Fatalf("cyrustest: %v", err)
	}
	s := &Server{
		Host: opts.ListenIP, Dir: dir, Users: slices.Clone(opts.Users),
		inst: inst, conf: filepath.Join(dir, "imapd.conf"), owner: owner,
	}
	s.proc = servertest.NewProcess("cyrus master", filepath.Join(dir, "master.log"), s.command)
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("cyrustest: master log:\n%s", s.logs())
		}
		os.RemoveAll(dir)
	})
	if err := s.prepare(); err != nil {
		t.Fatalf("cyrustest: %v", err)
	}
	// Another process may take a port between choosing and binding it; the
	// master then exits (master_bind_errors_fatal), and a new pair is tried.
	for try := 0; ; try++ {
		if err = s.choosePorts(opts); err != nil {
			t.Fatalf("cyrustest: %v", err)
		}
		if err = s.start(); err == nil {
			break
		}
		if try == 2 {
			t.Fatalf("cyrustest: %v\n%s", err, s.logs())
		}
	}
	if err := s.provision(opts); err != nil {
		t.Fatalf("cyrustest: provisioning: %v", err)
	}
	return s
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
		t.Fatalf("cyrustest: restart: %v\n%s", err, s.logs())
	}
}

func withDefaults(o Options) Options {
	if o.ListenIP == "" {
		o.ListenIP = "127.0.0.1"
	}
	if len(o.Users) == 0 {
		o.Users = []User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "secret"}}
	}
	if o.QuotaStorageKB == 0 {
		o.QuotaStorageKB = QuotaStorageKB
	}
	return o
}

// install is where one Cyrus was found.
type install struct {
	bin         string // master, imapd, ... (Debian: /usr/lib/cyrus/bin)
	libDir      string // libcyrus*.so.0, for LD_LIBRARY_PATH; "" when installed
	saslpasswd2 string
}

// findCyrus looks in TERN_CYRUS_ROOT if set, else in DefaultRoot and "/".
func findCyrus() (install, error) {
	roots := []string{DefaultRoot, "/"}
	if r := os.Getenv("TERN_CYRUS_ROOT"); r != "" {
		roots = []string{r}
	}
	var in install
	for _, root := range roots {
		bin := filepath.Join(root, "usr/lib/cyrus/bin")
		if !isFile(filepath.Join(bin, "master")) || !isFile(filepath.Join(bin, "imapd")) {
			continue
		}
		in.bin = bin
		if root != "/" {
			libs, _ := filepath.Glob(filepath.Join(root, "usr/lib/*/libcyrus.so.0"))
			if len(libs) == 0 {
				return in, fmt.Errorf("no libcyrus.so.0 under %s/usr/lib", root)
			}
			in.libDir = filepath.Dir(libs[0])
		}
		break
	}
	if in.bin == "" {
		return in, fmt.Errorf("no Cyrus master in %s", strings.Join(roots, " or "))
	}
	var err error
	if in.saslpasswd2, err = exec.LookPath("saslpasswd2"); err != nil {
		in.saslpasswd2 = "/usr/sbin/saslpasswd2"
		if !isFile(in.saslpasswd2) {
			return in, errors.New("saslpasswd2 not found (apt-get install sasl2-bin)")
		}
	}
	return in, nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// logs returns what the master wrote to its stdout and stderr. Cyrus logs
// everything else to syslog.
func (s *Server) logs() string {
	if l := servertest.LogTail(s.Dir, "master.log"); l != "" {
		return l
	}
	return "(master.log is empty; Cyrus logs the rest to syslog)"
}
