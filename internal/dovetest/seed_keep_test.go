package dovetest

import (
	"os"
	"path/filepath"
	"testing"

	"tern/internal/servertest"
)

// TestSeedMaildirKept: the first run seeds and keeps the Maildir when it
// ends; the next moves it in instead of seeding (the generator is not
// called), with Dovecot's UIDs and UIDVALIDITY as they were.
func TestSeedMaildirKept(t *testing.T) {
	probe := Start(t, Options{})
	// On the instances' file system, outside their sweep.
	keep, err := os.MkdirTemp(filepath.Dir(probe.Dir), "tern-keep-test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(keep) })
	probe.Stop()

	var validity [2]uint32
	for run := range 2 {
		t.Run("run", func(t *testing.T) {
			s := Start(t, Options{})
			calls := 0
			s.SeedMaildirKept(t, keep, "alice", "INBOX", 5, func(i int) []byte { calls++; return Message(i) })
			if want := []int{5, 0}[run]; calls != want {
				t.Fatalf("run %d: the generator was called %d times, want %d", run, calls, want)
			}
			c := servertest.Login(t, s, "alice")
			sel, err := c.Select("INBOX", nil).Wait()
			if err != nil {
				t.Fatal(err)
			}
			if sel.NumMessages != 5 || sel.UIDNext != 6 {
				t.Fatalf("run %d: %d messages, UIDNEXT %d; want 5 and 6", run, sel.NumMessages, sel.UIDNext)
			}
			validity[run] = sel.UIDValidity
			c.Logout().Wait()
		})
		if _, err := os.Stat(filepath.Join(keep, "alice-INBOX-5", "cur")); err != nil {
			t.Fatalf("after run %d the Maildir is not kept: %v", run, err)
		}
	}
	if validity[0] != validity[1] {
		t.Fatalf("UIDVALIDITY %d, then %d: not the same folder", validity[0], validity[1])
	}
}
