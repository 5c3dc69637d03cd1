package cyrustest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
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
	ca, err := writeCerts(filepath.Join(s.Dir, "cert"))
	if err != nil {
		return fmt.Errorf("certificates: %v", err)
	}
	s.CAFile = ca
	// imapd reads the key after dropping root.
	if err := os.Chown(filepath.Join(s.Dir, "cert", "server.key"), s.owner.uid, s.owner.gid); err != nil {
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
	if err := os.Chown(db, s.owner.uid, s.owner.gid); err != nil {
		return err
	}
	return os.Chmod(db, 0o600)
}

// choosePorts picks two free ports and writes the configuration for them.
func (s *Server) choosePorts(opts Options) error {
	var ports [2]int
	for i := range ports {
		// Both stay open until both are chosen, so they differ.
		l, err := net.Listen("tcp", net.JoinHostPort(opts.ListenIP, "0"))
		if err != nil {
			return err
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	s.Addr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(ports[0]))
	s.TLSAddr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(ports[1]))
	return writeConfig(configData{
		Dir: s.Dir, Conf: s.conf, Bin: s.inst.bin, Addr: s.Addr, TLSAddr: s.TLSAddr,
		Realm: realm, Admin: Admin, User: s.owner.user, Group: s.owner.group,
		AllowPlaintext: opts.AllowPlaintext,
	})
}

// master is one run of the Cyrus master process.
type master struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the master has exited
}

// start runs the master in the foreground and waits until both listeners
// answer.
func (s *Server) start() error {
	// A file, not a pipe: the master's children inherit stdout and stderr,
	// so a pipe reader would never see EOF.
	out, err := os.OpenFile(filepath.Join(s.Dir, "master.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	// -D keeps stdout and stderr open, where fatal errors go.
	cmd := exec.Command(filepath.Join(s.inst.bin, "master"), "-D",
		"-C", s.conf, "-M", filepath.Join(s.Dir, "cyrus.conf"), "-p", filepath.Join(s.Dir, "run", "master.pid"))
	cmd.Dir = s.Dir
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = os.Environ()
	if s.inst.libDir != "" {
		cmd.Env = append(cmd.Env, "LD_LIBRARY_PATH="+s.inst.libDir)
	}
	// Own process group so stop can kill every child; the kernel kills the
	// master if the test process dies without cleaning up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	m := &master{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(m.done) }()
	if err := s.waitReady(m); err != nil {
		m.stop()
		return err
	}
	s.mu.Lock()
	s.master = m
	s.mu.Unlock()
	return nil
}

// waitReady polls until the IMAP greeting arrives and the imaps port
// accepts, or the master exits, or a generous deadline passes.
func (s *Server) waitReady(m *master) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-m.done:
			return fmt.Errorf("cyrus master exited during start: %v", m.cmd.ProcessState)
		default:
		}
		err := greeting(s.Addr)
		if err == nil {
			var c net.Conn
			if c, err = net.DialTimeout("tcp", s.TLSAddr, time.Second); err == nil {
				c.Close()
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cyrus not ready after 30 s: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func greeting(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("unexpected greeting %q", line)
	}
	return nil
}

// stop ends the instance: SIGTERM to the whole process group, repeated
// every 50 ms so a child forked meanwhile gets it too, SIGKILL after 2 s,
// then a bounded wait until no process of the group runs, so the ports are
// free again.
func (m *master) stop() {
	pgid := m.cmd.Process.Pid
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(2 * time.Second)
term:
	for {
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-m.done:
			break term
		case <-timeout:
			break term
		case <-tick.C:
		}
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	<-m.done
	for deadline := time.Now().Add(5 * time.Second); groupRunning(pgid) && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}

// groupRunning reports whether a process of the group is still running.
// Zombies do not count: orphans are reparented to PID 1, which in some
// containers never reaps them.
func groupRunning(pgid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// After "(comm)": state ppid pgrp ...
		i := bytes.LastIndexByte(data, ')')
		f := strings.Fields(string(data[i+1:]))
		if len(f) > 2 && f[0] != "Z" && f[2] == strconv.Itoa(pgid) {
			return true
		}
	}
	return false
}

// mkdirOwned creates dir and any missing parents inside s.Dir, owned by the
// Cyrus user, mode 0750.
func (s *Server) mkdirOwned(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := s.mkdirOwned(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o750); err != nil && !os.IsExist(err) {
		return err
	}
	return os.Chown(dir, s.owner.uid, s.owner.gid)
}
