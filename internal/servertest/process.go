package servertest

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
	"sync"
	"syscall"
	"time"
)

// Process is a server's master process, which can be started, stopped and
// started again. Each run has its own process group, so Stop reaches every
// child the master forked.
type Process struct {
	name    string
	logFile string
	command func() *exec.Cmd

	mu  sync.Mutex
	run *run // nil while stopped
}

// NewProcess returns a stopped Process. name goes into error messages;
// command makes the master's command line for each start (it must stay in
// the foreground); its stdout and stderr are appended to logFile.
func NewProcess(name, logFile string, command func() *exec.Cmd) *Process {
	return &Process{name: name, logFile: logFile, command: command}
}

// run is one run of the master.
type run struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the master has exited
}

// Start runs the master and waits until addr sends an IMAP greeting and
// tlsAddr accepts connections.
func (p *Process) Start(addr, tlsAddr string) error {
	return p.StartReady(func() error {
		if err := Greeting(addr, "* OK"); err != nil {
			return err
		}
		c, err := net.DialTimeout("tcp", tlsAddr, time.Second)
		if err == nil {
			c.Close()
		}
		return err
	})
}

// StartReady runs the master and waits until ready returns nil, for
// servers that do not speak IMAP.
func (p *Process) StartReady(ready func() error) error {
	// A file, not a pipe: the master and its children keep stdout and
	// stderr open, so a pipe reader would never see EOF.
	out, err := os.OpenFile(p.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	cmd := p.command()
	cmd.Stdout, cmd.Stderr = out, out
	// Own process group so stop can kill every child (procattr_*.go).
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		return err
	}
	r := &run{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(r.done) }()
	if err := p.waitReady(r, ready); err != nil {
		r.stop()
		return err
	}
	p.mu.Lock()
	p.run = r
	p.mu.Unlock()
	return nil
}

// Stop ends the master and all its children, if running. It is safe to
// call more than once.
func (p *Process) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.run != nil {
		p.run.stop()
		p.run = nil
	}
}

// waitReady polls until ready succeeds, or the master exits, or a generous
// deadline passes.
func (p *Process) waitReady(r *run, ready func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-r.done:
			return fmt.Errorf("%s exited during start: %v", p.name, r.cmd.ProcessState)
		default:
		}
		err := ready()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after 30 s: %v", p.name, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Greeting succeeds once the server at addr sends a first line starting
// with prefix ("* OK" for IMAP, "220 " for SMTP).
func Greeting(addr, prefix string) error {
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
	if !strings.HasPrefix(line, prefix) {
		return fmt.Errorf("unexpected greeting %q", line)
	}
	return nil
}

// stop ends the run. SIGTERM goes to the whole process group, so each
// process stops at once (signalling only Dovecot's master takes 1-6 s while
// it waits for its children), and again every 50 ms: a login process
// forked just then would miss it and keep the master waiting. After 2 s,
// SIGKILL. Then a bounded wait until no process of the group runs, so the
// ports are free again.
func (r *run) stop() {
	pgid := r.cmd.Process.Pid
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(2 * time.Second)
term:
	for {
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-r.done:
			break term
		case <-timeout:
			break term
		case <-tick.C:
		}
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	<-r.done
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
