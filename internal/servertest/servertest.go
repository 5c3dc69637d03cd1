// Package servertest holds what the private servers of the tests
// (internal/cyrustest, internal/dovetest, internal/mtatest) share: an
// instance directory in a tmpfs with stale ones swept away, free loopback
// ports, the master process in its own process group (start, wait until
// ready, stop every child), the skip-or-fail decision when a server is
// missing, and dialing and seeding over IMAP. What is particular to one server (configuration, users,
// provisioning) stays in its package.
package servertest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tempParent is where instance directories go: short paths, as Unix socket
// paths are limited to 108 bytes (so not t.TempDir()), and a tmpfs where
// there is one, which makes big Maildirs cheap: 200,000 files took 6 s to
// write and 2 s to remove there, against 40 s and 24 s on the ext4 /tmp of
// a loaded CI machine.
func tempParent() string {
	var fs syscall.Statfs_t
	const tmpfsMagic = 0x01021994
	if syscall.Statfs("/dev/shm", &fs) == nil && fs.Type == tmpfsMagic {
		return "/dev/shm"
	}
	return "/tmp"
}

// NewDir sweeps stale instance directories named prefix* away and creates
// a fresh one in tempParent, or in /tmp when that fails.
func NewDir(prefix string) (string, error) {
	parent := tempParent()
	sweepStale(parent, prefix)
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		dir, err = os.MkdirTemp("/tmp", prefix)
	}
	return dir, err
}

// sweepStale removes instance directories that a killed test run left
// behind (a Go test timeout skips cleanups), so that they do not pile up
// in /dev/shm, which is memory. It only takes directories named prefix*,
// untouched for an hour, whose master (run/master.pid) is gone.
func sweepStale(parent, prefix string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, prefix+"*"))
	for _, dir := range dirs {
		fi, err := os.Stat(dir)
		if err != nil || !fi.IsDir() || time.Since(fi.ModTime()) < time.Hour {
			continue
		}
		if masterAlive(filepath.Join(dir, "run", "master.pid")) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// masterAlive reports whether the pid file names a running process.
func masterAlive(pidFile string) bool {
	data, err := os.ReadFile(pidFile)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return false
	}
	err = syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// MkdirOwned creates dir and any missing parents with mode perm, owned by
// uid:gid.
func MkdirOwned(dir string, perm os.FileMode, uid, gid int) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := MkdirOwned(filepath.Dir(dir), perm, uid, gid); err != nil {
		return err
	}
	if err := os.Mkdir(dir, perm); err != nil && !os.IsExist(err) {
		return err
	}
	return os.Chown(dir, uid, gid)
}

// Owner is a system user a server's processes run as, and its group.
type Owner struct {
	User, Group string
	UID, GID    int
}

// SystemUser returns the first of names that exists and is not root.
func SystemUser(names ...string) (Owner, error) {
	for _, name := range names {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		g, err3 := user.LookupGroupId(u.Gid)
		if err1 == nil && err2 == nil && err3 == nil && uid != 0 {
			return Owner{User: name, Group: g.Name, UID: uid, GID: gid}, nil
		}
	}
	return Owner{}, fmt.Errorf("no unprivileged user (%s)", strings.Join(names, " or "))
}

// FreePorts returns two different free TCP ports on ip. Another process may
// still take one before the server binds it: callers retry.
func FreePorts(ip string) (plain, tls int, err error) {
	var ports [2]int
	for i := range ports {
		// Both stay open until both are chosen, so they differ.
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			return 0, 0, err
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports[0], ports[1], nil
}

// ClosedPort is a loopback port nothing listens on: connecting to it is
// refused.
func ClosedPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// Outcome is what a test does about its server.
type Outcome int

const (
	Run Outcome = iota
	Skip
	Fail
)

// Verdict decides what a test does when err keeps it from running its
// server: it skips, unless require (the server's TERN_REQUIRE_* variable)
// is "1", as in CI, where a missing server is a failure. msg is a format
// for err.
func Verdict(err error, require, msg string) (Outcome, string) {
	if err == nil {
		return Run, ""
	}
	m := fmt.Sprintf(msg, err)
	if require == "1" {
		return Fail, m
	}
	return Skip, m
}

// Require skips or fails t, as Verdict decides with the environment
// variable requireVar, when err is not nil.
func Require(t testing.TB, err error, requireVar, msg string) {
	t.Helper()
	switch v, m := Verdict(err, os.Getenv(requireVar), msg); v {
	case Fail:
		t.Fatal(m)
	case Skip:
		t.Skip(m)
	}
}

// LogTail returns the last 16 KiB of each named file in dir that is not
// empty, each under a "--- name ---" line, for failure messages.
func LogTail(dir string, names ...string) string {
	var b strings.Builder
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
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
