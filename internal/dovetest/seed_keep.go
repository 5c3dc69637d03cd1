package dovetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// SeedKeepEnv names a directory where benchmarks keep a seeded Maildir
// between runs (SeedMaildirKept); unset, they seed every run.
const SeedKeepEnv = "TERN_BENCH_SEED_DIR"

// SeedMaildirKept is SeedMaildir for a big folder that benchmark runs seed
// again and again (a million messages take a minute or more). With keep
// empty it is SeedMaildir. Otherwise user's whole Maildir, with Dovecot's
// index, is kept in a directory under keep named for folder and n: when
// it is there, it is moved into this instance instead of seeding, and
// when the test ends, Dovecot is stopped and the Maildir moved back. keep
// must be on the instance's file system (a rename: /dev/shm where that is
// a tmpfs) and outside the instances' sweep (not named dovetest*). It
// holds what gen made the first time: give another keep for another gen.
// A run killed before its cleanup leaves nothing kept: the next seeds.
func (s *Server) SeedMaildirKept(t testing.TB, keep, user, folder string, n int, gen func(i int) []byte) {
	t.Helper()
	if keep == "" {
		s.SeedMaildir(t, user, folder, n, gen)
		return
	}
	kept := filepath.Join(keep, fmt.Sprintf("%s-%s-%d", user, strings.ReplaceAll(folder, "/", "_"), n))
	live := filepath.Join(s.home(user), "Maildir")
	if _, err := os.Stat(filepath.Join(kept, "cur")); err == nil {
		if err := os.RemoveAll(live); err != nil { // nothing in it yet: no login has happened
			t.Fatalf("dovetest: %v", err)
		}
		if err := os.Rename(kept, live); err != nil {
			t.Fatalf("dovetest: reusing the Maildir kept in %s: %v", kept, err)
		}
		t.Logf("dovetest: reused the %d messages kept in %s", n, kept)
	} else {
		s.SeedMaildir(t, user, folder, n, gen)
	}
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	t.Cleanup(func() {
		s.Stop() // no Dovecot process may hold the Maildir while it moves
		if err := os.Rename(live, kept); err != nil {
			t.Logf("dovetest: the Maildir was not kept (%v): the next run seeds again", err)
		}
	})
}
