package dovetest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// prepare lays out the instance directory: certificates, users, homes.
func (s *Server) prepare(opts Options) error {
	if s.sep != "/" && s.sep != "." {
		return fmt.Errorf("separator %q: want \"/\" or \".\"", s.sep)
	}
	// Dovecot's unprivileged processes must traverse every parent.
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	for _, d := range []string{"cert", "state", "home"} {
		if err := os.Mkdir(filepath.Join(s.Dir, d), 0o755); err != nil {
			return err
		}
	}
	ca, err := writeCerts(filepath.Join(s.Dir, "cert"))
	if err != nil {
		return fmt.Errorf("certificates: %v", err)
	}
	s.CAFile = ca
	// Written by mail processes when a user shares a mailbox.
	if err := mkdirOwned(filepath.Join(s.Dir, "shared"), s.uid, s.gid); err != nil {
		return err
	}
	var passwd strings.Builder
	for _, u := range s.Users {
		if u.Name == "" || strings.ContainsAny(u.Name+u.Password, ":\n/") {
			return fmt.Errorf("user %q: name must be non-empty, no ':', '/' or newline in name or password", u.Name)
		}
		home := s.home(u.Name)
		if err := mkdirOwned(home, s.uid, s.gid); err != nil {
			return err
		}
		fmt.Fprintf(&passwd, "%s:{PLAIN}%s:%d:%d::%s::\n", u.Name, u.Password, s.uid, s.gid, home)
	}
	// Read by the auth process, which runs as the dovecot user.
	return os.WriteFile(filepath.Join(s.Dir, "passwd"), []byte(passwd.String()), 0o644)
}

func (s *Server) home(user string) string { return filepath.Join(s.Dir, "home", user) }

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
	return writeConfig(s.conf, configData{
		Dir: s.Dir, Instance: "tern-" + filepath.Base(s.Dir), Host: opts.ListenIP,
		Separator: opts.Separator, Port: ports[0], TLSPort: ports[1],
		UID: s.uid, GID: s.gid, QuotaStorageKB: opts.QuotaStorageKB,
	})
}

// master is one run of the Dovecot master process.
type master struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the master has exited
}

// start runs the master in the foreground and waits until both listeners
// answer.
func (s *Server) start() error {
	// A file, not a pipe: the master keeps its stdout and stderr open for
	// life, so a pipe reader would never see EOF.
	out, err := os.OpenFile(filepath.Join(s.Dir, "master.out"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	cmd := exec.Command(s.dovecot, "-F", "-c", s.conf)
	cmd.Stdout, cmd.Stderr = out, out
	// Own process group so Stop can kill every child; the kernel kills the
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
			return fmt.Errorf("dovecot exited during start: %v", m.cmd.ProcessState)
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
			return fmt.Errorf("dovecot not ready after 30 s: %v", err)
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

// stop ends the instance. SIGTERM goes to the whole process group, so each
// process stops at once (signalling only the master takes 1-6 s while it
// waits for its children), and again every 50 ms: a login process forked
// just then would miss it and keep the master waiting. After 2 s, SIGKILL.
// Then a bounded wait until no process of the group runs, so the ports are
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
// containers never reaps them, so kill(-pgid, 0) would succeed forever.
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

// mkdirOwned creates dir and any missing parents, owned by uid:gid.
func mkdirOwned(dir string, uid, gid int) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := mkdirOwned(filepath.Dir(dir), uid, gid); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !os.IsExist(err) {
		return err
	}
	return os.Chown(dir, uid, gid)
}
