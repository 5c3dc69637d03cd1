//go:build unix

package ui

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used, user and system: in
// BenchmarkClientSort50k that is tern, the test proxy and the test's own
// terminal, not Dovecot.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
