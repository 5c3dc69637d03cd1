package cyrustest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// sweepStale removes instance directories that a killed test run left
// behind (a Go test timeout skips cleanups), so that they do not pile up
// in /dev/shm, which is memory. It only takes directories with our prefix,
// untouched for an hour, whose master is gone.
func sweepStale(parent string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, "cyrustest*"))
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
