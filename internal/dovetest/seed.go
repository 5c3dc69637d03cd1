package dovetest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tern/internal/servertest"
)

// SeedMaildir writes n messages, gen(0) to gen(n-1), straight into user's
// Maildir folder ("" or "INBOX" for the inbox; other folders are created if
// needed) and then has Dovecot index them. UIDs follow i. It is meant for
// big folders: 200,000 small messages take seconds, not an APPEND each.
// gen is called from one goroutine, in order.
func (s *Server) SeedMaildir(t testing.TB, user, folder string, n int, gen func(i int) []byte) {
	t.Helper()
	if strings.EqualFold(folder, "INBOX") {
		folder = ""
	}
	dir, err := s.maildir(user, folder)
	if err != nil {
		t.Fatalf("dovetest: seed %s/%s: %v", user, folder, err)
	}
	if err := s.writeMessages(dir, n, gen); err != nil {
		t.Fatalf("dovetest: seed %s/%s: %v", user, folder, err)
	}
	if folder == "" {
		folder = "INBOX"
	}
	// With maildir_very_dirty_syncs Dovecot does not look into cur/ for
	// changes it did not make: force-resync makes it, and builds the index
	// so the first SELECT of the test does not pay for it.
	s.Doveadm(t, "force-resync", "-u", user, folder)
}

// maildir returns the Maildir directory of a folder, creating the folder
// through Dovecot (which knows its on-disk name) and its cur/new/tmp.
func (s *Server) maildir(user, folder string) (string, error) {
	if folder != "" {
		if _, err := s.doveadmRun("mailbox", "create", "-u", user, folder); err != nil &&
			!strings.Contains(err.Error(), "already exists") {
			return "", err
		}
	} else {
		folder = "INBOX"
	}
	out, err := s.doveadmRun("mailbox", "path", "-u", user, folder)
	if err != nil {
		return "", err
	}
	dir := strings.TrimSpace(out)
	if !filepath.IsAbs(dir) {
		return "", fmt.Errorf("doveadm mailbox path answered %q", out)
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := mkdirOwned(filepath.Join(dir, sub), s.uid, s.gid); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// writeMessages writes each message to tmp/ and renames it into cur/. Into
// new/, Dovecot must rename every file again, which grows worse than
// linearly: 200,000 took 39 s to index, against 0.5 s from cur/. Names sort
// in the order of i, as Dovecot assigns UIDs to new files in name order;
// ",S=" spares Dovecot a stat for the size.
func (s *Server) writeMessages(dir string, n int, gen func(i int) []byte) error {
	type job struct {
		i   int
		msg []byte
	}
	jobs := make(chan job, 256)
	errs := make(chan error, runtime.NumCPU())
	var wg sync.WaitGroup
	// The time part sorts in the order of i; the nonce keeps names unique
	// across calls. Each part varies once: Dovecot's hash of Maildir names
	// collides heavily when the same number appears twice (indexing 50,000
	// names with a "Q<i>" part as well took 12 s, without it 0.1 s).
	now := time.Now()
	base, nonce := now.Unix(), strconv.FormatInt(now.UnixNano()%1e9, 36)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				name := fmt.Sprintf("%d.M%06dP%d_%s.dovetest,S=%d",
					base+int64(j.i/1_000_000), j.i%1_000_000, os.Getpid(), nonce, len(j.msg))
				if err := s.writeMessage(dir, name, j.msg); err != nil {
					errs <- err
					for range jobs {
					}
					return
				}
			}
		}()
	}
	for i := range n {
		jobs <- job{i, gen(i)}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func (s *Server) writeMessage(dir, name string, msg []byte) error {
	tmp := filepath.Join(dir, "tmp", name)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(msg)
	if err == nil {
		err = f.Chown(s.uid, s.gid)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "cur", name+":2,"))
}

// Message returns a small RFC 5322 message, handy as a SeedMaildir gen.
func Message(i int) []byte { return servertest.Message(i, "dovetest.example") }
