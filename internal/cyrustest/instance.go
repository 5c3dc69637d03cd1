package cyrustest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"tern/internal/servertest"
	"tern/internal/testcert"
)

// realm is the instance's servername, and so the SASL realm its sasldb
// entries are written for.
const realm = "localhost"

// validName keeps user names simple: Cyrus maps "." and other characters in
// user names to mailbox names in ways no test here needs.
var validName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// prepare lays out the instance directory as Debian's makedirs does for a
// system Cyrus: certificates, the config directory tree, the spool and the
// password database.
func (s *Server) prepare() error {
	// The Cyrus user must traverse it.
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	for _, d := range []string{"cert", "run"} {
		if err := os.Mkdir(filepath.Join(s.Dir, d), 0o755); err != nil {
			return err
		}
	}
	certs, err := testcert.WriteFiles(filepath.Join(s.Dir, "cert"))
	if err != nil {
		return fmt.Errorf("certificates: %v", err)
	}
	s.CAFile = certs.CA
	// imapd reads the key after dropping root.
	if err := os.Chown(certs.Key, s.owner.UID, s.owner.GID); err != nil {
		return err
	}
	dirs := []string{"spool", "conf/db", "conf/proc", "conf/socket", "conf/log", "conf/msg"}
	// Per-user files (seen state, subscriptions, quotas, locks, sieve
	// scripts) go into a directory named by the user's first letter.
	for _, d := range []string{"user", "quota", "lock", "sieve"} {
		for c := 'a'; c <= 'z'; c++ {
			dirs = append(dirs, filepath.Join("conf", d, string(c)))
		}
	}
	for _, d := range dirs {
		if err := s.mkdirOwned(filepath.Join(s.Dir, d)); err != nil {
			return err
		}
	}
	return s.writeSasldb()
}

// writeSasldb stores the admin's and each user's password with saslpasswd2.
func (s *Server) writeSasldb() error {
	db := filepath.Join(s.Dir, "sasldb2")
	users := append([]User{{Admin, AdminPassword}}, s.Users...)
	for _, u := range users {
		if !validName.MatchString(u.Name) || strings.ContainsAny(u.Password, "\n") {
			return fmt.Errorf("user %q: want a name of a-z, 0-9, '_' and '-', and no newline in the password", u.Name)
		}
		cmd := exec.Command(s.inst.saslpasswd2, "-p", "-c", "-f", db, "-u", realm, u.Name)
		cmd.Stdin = strings.NewReader(u.Password)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("saslpasswd2 %s: %v: %s", u.Name, err, out)
		}
	}
	if err := os.Chown(db, s.owner.UID, s.owner.GID); err != nil {
		return err
	}
	return os.Chmod(db, 0o600)
}

// choosePorts picks two free ports and writes the configuration for them.
func (s *Server) choosePorts(opts Options) error {
	port, tlsPort, err := servertest.FreePorts(opts.ListenIP)
	if err != nil {
		return err
	}
	s.Addr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(port))
	s.TLSAddr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(tlsPort))
	return writeConfig(configData{
		Dir: s.Dir, Conf: s.conf, Bin: s.inst.bin, Addr: s.Addr, TLSAddr: s.TLSAddr,
		Realm: realm, Admin: Admin, User: s.owner.User, Group: s.owner.Group,
		AllowPlaintext: opts.AllowPlaintext,
	})
}

// command is the master's command line: in the foreground, where -D keeps
// stdout and stderr open, where fatal errors go.
func (s *Server) command() *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.inst.bin, "master"), "-D",
		"-C", s.conf, "-M", filepath.Join(s.Dir, "cyrus.conf"), "-p", filepath.Join(s.Dir, "run", "master.pid"))
	cmd.Dir = s.Dir
	cmd.Env = os.Environ()
	if s.inst.libDir != "" {
		cmd.Env = append(cmd.Env, "LD_LIBRARY_PATH="+s.inst.libDir)
	}
	return cmd
}

// start runs the master and waits until both listeners answer.
func (s *Server) start() error {
	return s.proc.Start(s.Addr, s.TLSAddr)
}

// mkdirOwned creates dir and any missing parents inside s.Dir, owned by the
// Cyrus user, mode 0750.
func (s *Server) mkdirOwned(dir string) error {
	return servertest.MkdirOwned(dir, 0o750, s.owner.UID, s.owner.GID)
}
