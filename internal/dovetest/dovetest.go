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
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
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
}

// Server is a running private Dovecot instance.
type Server struct {
	Addr    string // host:port, plaintext with STARTTLS
	TLSAddr string // host:port, implicit TLS (imaps)
	Host    string // the address listened on
	CAFile  string // PEM of the CA that signed the server certificate
	Dir     string // everything of the instance lives here
	Users   []User

	sep      string
	conf     string
	dovecot  string
	doveadm  string
	uid, gid int

	mu     sync.Mutex
	master *master // nil while stopped
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
	switch v, msg := verdict(err, os.Getenv("TERN_REQUIRE_DOVECOT")); v {
	case fail:
		t.Fatal(msg)
	case skip:
		t.Skip(msg)
	}
	dovecot, doveadm := bins.dovecot, bins.doveadm
	opts = withDefaults(opts)
	uid, gid, err := mailUser()
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	sweepStale(tempParent())
	dir, err := os.MkdirTemp(tempParent(), "dovetest")
	if err != nil {
		dir, err = os.MkdirTemp("/tmp", "dovetest")
	}
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	s := &Server{
		Host: opts.ListenIP, Dir: dir, Users: slices.Clone(opts.Users), sep: opts.Separator,
		conf: filepath.Join(dir, "dovecot.conf"), dovecot: dovecot, doveadm: doveadm,
		uid: uid, gid: gid,
	}
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
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.master != nil {
		s.master.stop()
		s.master = nil
	}
}

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

// tempParent is where instance directories go. Unix socket paths are
// limited to 108 bytes, so not t.TempDir(). A tmpfs makes big Maildirs
// cheap: 200,000 files took 6 s to write and 2 s to remove there, against
// 40 s and 24 s on the ext4 /tmp of a loaded CI machine.
func tempParent() string {
	var fs syscall.Statfs_t
	const tmpfsMagic = 0x01021994
	if syscall.Statfs("/dev/shm", &fs) == nil && fs.Type == tmpfsMagic {
		return "/dev/shm"
	}
	return "/tmp"
}

// mailUser picks an unprivileged system user for the mail processes, which
// Dovecot refuses to run as root.
func mailUser() (uid, gid int, err error) {
	for _, name := range []string{"dovenull", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 == nil && err2 == nil && uid != 0 {
			return uid, gid, nil
		}
	}
	return 0, 0, errors.New("no unprivileged user (dovenull or nobody) for mail processes")
}

// logs returns what Dovecot and its master wrote, for failure messages.
func (s *Server) logs() string {
	var b strings.Builder
	for _, name := range []string{"master.out", "dovecot.log"} {
		data, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err == nil && len(data) > 0 {
			const max = 16 << 10
			if len(data) > max {
				data = data[len(data)-max:]
			}
			fmt.Fprintf(&b, "--- %s ---\n%s", name, data)
		}
	}
	return b.String()
}
