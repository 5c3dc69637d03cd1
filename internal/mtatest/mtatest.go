// Package mtatest starts a private Postfix for tests: a real MTA that tern
// submits to and that relays every recipient, whatever the domain, to an
// LMTP server (the test Dovecot's, see dovetest.Options.LMTP).
//
// Each Server has its own main.cf, master.cf, queue, data directory and
// log under one fresh directory and listens on a free port of 127.0.0.1;
// nothing from /etc/postfix is used and no system Postfix is touched. The
// Postfix master needs root; its services run as the postfix user.
package mtatest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tern/internal/servertest"
)

// Options configure Start.
type Options struct {
	// LMTPAddr is host:port of the LMTP server all mail goes to.
	LMTPAddr string
}

// Server is a running private Postfix.
type Server struct {
	Addr string // host:port of SMTP, no TLS, no authentication
	Host string
	Port int
	Dir  string // everything of the instance lives here

	postfix string // the postfix command
	conf    string // the directory of main.cf and master.cf
	proc    *servertest.Process
}

const host = "127.0.0.1"

// unavailable is the message, a format for the error, when Postfix cannot
// run.
const unavailable = "mtatest: %v (install with: apt-get install postfix)"

// Start starts a Postfix instance and registers its shutdown with
// t.Cleanup. Without Postfix (or without root) the test is skipped, unless
// TERN_REQUIRE_MTA=1, where it fails.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	postfix, master, err := findBinaries()
	if err == nil && os.Geteuid() != 0 {
		err = errors.New("the Postfix master must run as root")
	}
	var owner servertest.Owner
	if err == nil {
		owner, err = servertest.SystemUser("postfix")
	}
	if err == nil {
		_, err = exec.Command("getent", "group", "postdrop").Output()
		if err != nil {
			err = fmt.Errorf("no postdrop group: %v", err)
		}
	}
	servertest.Require(t, err, "TERN_REQUIRE_MTA", unavailable)
	if opts.LMTPAddr == "" {
		t.Fatal("mtatest: Options.LMTPAddr is empty")
	}
	dir, err := servertest.NewDir("mtatest")
	if err != nil {
		t.Fatalf("mtatest: %v", err)
	}
	s := &Server{Host: host, Dir: dir, postfix: postfix, conf: filepath.Join(dir, "conf")}
	s.proc = servertest.NewProcess("postfix", filepath.Join(dir, "master.out"), func() *exec.Cmd {
		// -d: stay in the foreground, so the process group can be stopped.
		return exec.Command(master, "-c", s.conf, "-d")
	})
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("mtatest: Postfix log:\n%s", s.Logs())
		}
		os.RemoveAll(dir)
	})
	if err := s.prepare(owner); err != nil {
		t.Fatalf("mtatest: %v", err)
	}
	// Another process may take the port between choosing and binding it.
	for try := 0; ; try++ {
		if err = s.configure(owner, opts.LMTPAddr); err != nil {
			t.Fatalf("mtatest: %v\n%s", err, s.Logs())
		}
		if err = s.proc.StartReady(s.greeting); err == nil {
			return s
		}
		if try == 2 || !strings.Contains(s.Logs(), "Address already in use") {
			t.Fatalf("mtatest: %v\n%s", err, s.Logs())
		}
		os.Remove(filepath.Join(dir, "master.out"))
		os.Remove(filepath.Join(dir, "log", "maillog"))
	}
}

// Stop shuts the instance down and makes sure none of its processes
// remain. It is safe to call more than once.
func (s *Server) Stop() { s.proc.Stop() }

// Logs returns what Postfix logged, for failure messages.
func (s *Server) Logs() string {
	return servertest.LogTail(s.Dir, "master.out", "check.out", "log/maillog")
}

// findBinaries returns the postfix command and the master daemon.
func findBinaries() (postfix, master string, err error) {
	postfix, err = exec.LookPath("postfix")
	if err != nil {
		postfix = "/usr/sbin/postfix"
		if _, err := os.Stat(postfix); err != nil {
			return "", "", errors.New("postfix not found in PATH or /usr/sbin")
		}
	}
	postconf := filepath.Join(filepath.Dir(postfix), "postconf")
	out, err := exec.Command(postconf, "-d", "-h", "daemon_directory").Output()
	if err != nil {
		return "", "", fmt.Errorf("%s -d daemon_directory: %v", postconf, err)
	}
	master = filepath.Join(strings.TrimSpace(string(out)), "master")
	if _, err := os.Stat(master); err != nil {
		return "", "", fmt.Errorf("the Postfix master: %v", err)
	}
	return postfix, master, nil
}

// prepare lays out the instance directory. The queue directory belongs to
// root, what is in it to the postfix user: "postfix check" creates that.
func (s *Server) prepare(owner servertest.Owner) error {
	// Postfix's unprivileged services must traverse every parent.
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	for _, d := range []string{"conf", "spool"} {
		if err := os.Mkdir(filepath.Join(s.Dir, d), 0o755); err != nil {
			return err
		}
	}
	for _, d := range []string{"data", "log"} {
		if err := servertest.MkdirOwned(filepath.Join(s.Dir, d), 0o755, owner.UID, owner.GID); err != nil {
			return err
		}
	}
	return nil
}

// configure picks a free port, writes the configuration for it and lets
// "postfix check" create the queue's directories with their owners.
func (s *Server) configure(owner servertest.Owner, lmtp string) error {
	port, _, err := servertest.FreePorts(host)
	if err != nil {
		return err
	}
	s.Port = port
	s.Addr = net.JoinHostPort(host, strconv.Itoa(port))
	d := configData{Dir: s.Dir, Host: host, LMTP: lmtp, Owner: owner.User, SetgidGroup: "postdrop", Port: port}
	if err := render(filepath.Join(s.conf, "main.cf"), mainTemplate, d); err != nil {
		return err
	}
	if err := render(filepath.Join(s.conf, "master.cf"), masterTemplate, d); err != nil {
		return err
	}
	out, err := exec.Command(s.postfix, "-c", s.conf, "check").CombinedOutput()
	if err != nil {
		os.WriteFile(filepath.Join(s.Dir, "check.out"), out, 0o644)
		return fmt.Errorf("postfix check: %v", err)
	}
	return nil
}

// greeting succeeds once the SMTP listener sends its 220 greeting.
func (s *Server) greeting() error { return servertest.Greeting(s.Addr, "220 ") }
