//go:build !linux

package servertest

import "syscall"

// procAttr puts the master in its own process group. Only Linux has a
// parent-death signal; elsewhere a test process killed outright leaves the
// server running, to be stopped by hand.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
