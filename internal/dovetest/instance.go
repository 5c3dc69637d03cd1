package dovetest

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"tern/internal/servertest"
	"tern/internal/testcert"
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
	// The key is read by Dovecot's config process, which runs as root.
	certs, err := testcert.WriteFiles(filepath.Join(s.Dir, "cert"))
	if err != nil {
		return fmt.Errorf("certificates: %v", err)
	}
	s.CAFile = certs.CA
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
	port, tlsPort, err := servertest.FreePorts(opts.ListenIP)
	if err != nil {
		return err
	}
	s.Addr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(port))
	s.TLSAddr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(tlsPort))
	lmtpPort := 0
	if opts.LMTP {
		if lmtpPort, err = freePortBut(opts.ListenIP, port, tlsPort); err != nil {
			return err
		}
		s.LMTPAddr = net.JoinHostPort(opts.ListenIP, strconv.Itoa(lmtpPort))
	}
	return writeConfig(s.conf, configData{
		Dir: s.Dir, Instance: "tern-" + filepath.Base(s.Dir), Host: opts.ListenIP,
		Separator: opts.Separator, Port: port, TLSPort: tlsPort,
		UID: s.uid, GID: s.gid, QuotaStorageKB: opts.QuotaStorageKB,
		OAuth2URL: opts.OAuth2IntrospectionURL, LMTPPort: lmtpPort,
	})
}

// freePortBut returns a free port on ip other than the ones given.
func freePortBut(ip string, taken ...int) (int, error) {
	for {
		a, b, err := servertest.FreePorts(ip)
		if err != nil {
			return 0, err
		}
		for _, p := range []int{a, b} {
			if !slices.Contains(taken, p) {
				return p, nil
			}
		}
	}
}

// start runs the master in the foreground and waits until both listeners
// answer.
func (s *Server) start() error {
	return s.proc.Start(s.Addr, s.TLSAddr)
}

// mkdirOwned creates dir and any missing parents, owned by uid:gid.
func mkdirOwned(dir string, uid, gid int) error {
	return servertest.MkdirOwned(dir, 0o700, uid, gid)
}
