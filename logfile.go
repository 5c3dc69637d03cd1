package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"

	"tern/config"
)

// logFile is where logs and crash reports go: never the terminal.
type logFile struct {
	path string
	file *os.File
}

// openLog opens the log under the state directory.
func openLog(getenv func(string) string) (*logFile, error) {
	dir, err := config.StateDir(getenv)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("log directory: %w", err)
	}
	path := filepath.Join(dir, "tern.log")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	return &logFile{path: path, file: f}, nil
}

// captureStderr points stderr at the log while the screen is up, so that the
// stack trace Bubble Tea prints when it recovers from a panic becomes a crash
// report in the log; the returned func gives the terminal its stderr back.
// unix.Dup2, not Dup3: x/sys has Dup2 on Linux (as Dup3 where the kernel
// lacks dup2), macOS and the BSDs, but no Dup3 on macOS.
func (l *logFile) captureStderr() (restore func(), err error) {
	saved, err := unix.Dup(2)
	if err != nil {
		return nil, err
	}
	if err := unix.Dup2(int(l.file.Fd()), 2); err != nil {
		unix.Close(saved)
		return nil, err
	}
	return func() {
		unix.Dup2(saved, 2)
		unix.Close(saved)
	}, nil
}

func (l *logFile) Close() error { return l.file.Close() }

func splitAddr(addr string) (string, int) {
	host, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)
	return host, port
}
