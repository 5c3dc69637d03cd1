package cache

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"tern/imapsvc"
)

type boltTx = bolt.Tx

// TestMain runs the child processes of the tests below: the test binary
// itself, told what to do by the environment.
func TestMain(m *testing.M) {
	switch os.Getenv("TERN_CACHE_CHILD") {
	case "hold":
		childHold(os.Getenv("TERN_CACHE_PATH"))
	case "write":
		childWrite(os.Getenv("TERN_CACHE_PATH"))
	default:
		os.Exit(m.Run())
	}
}

// childHold opens the cache, says so, and keeps it until stdin closes.
func childHold(path string) {
	s, _, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// childWrite rewrites the same 300 rows again and again, each generation
// in one transaction, and prints a generation once it is committed.
func childWrite(path string) {
	s, _, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	s.Begin(inbox.Name, inbox.UIDValidity)
	for gen := 1; ; gen++ {
		rows := make([]imapsvc.Row, 300)
		for i := range rows {
			rows[i] = row(imapsvc.UID(i+1), fmt.Sprintf("gen %d %s", gen, strings.Repeat("p", gen%97)))
		}
		if err := s.PutRows(inbox, rows); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("gen", gen)
	}
}

func child(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TERN_CACHE_CHILD="+mode, "TERN_CACHE_PATH="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

func TestSecondProcessRunsWithout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	_, lines := child(t, "hold", path)
	if !lines.Scan() || lines.Text() != "ready" {
		t.Fatalf("child: %q", lines.Text())
	}
	s, _, err := Open(path, Options{LockTimeout: 50 * time.Millisecond})
	if err != ErrInUse {
		if s != nil {
			s.Close()
		}
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	if !strings.Contains(err.Error(), "cache in use by another tern; running without the cache") {
		t.Fatalf("message: %v", err)
	}
}

func TestKillMidWriteLeavesCommittedState(t *testing.T) {
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "a.db")
		cmd, lines := child(t, "write", path)
		last, want := 0, 5+round*7
		for last < want && lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) != 2 || f[0] != "gen" {
				t.Fatalf("child: %q", lines.Text())
			}
			last, _ = strconv.Atoi(f[1])
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		s, notice, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("reopen after kill: %v", err)
		}
		if notice != "" {
			t.Fatalf("reopen after kill: %s", notice)
		}
		var uids []imapsvc.UID
		for u := imapsvc.UID(1); u <= 300; u++ {
			uids = append(uids, u)
		}
		rows, err := s.Rows(inbox, uids)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 300 {
			t.Fatalf("%d rows after the kill, want 300", len(rows))
		}
		gen := strings.Fields(rows[0].Subject)[1]
		for _, r := range rows {
			if g := strings.Fields(r.Subject)[1]; g != gen {
				t.Fatalf("rows of generations %s and %s mixed: not one committed state", gen, g)
			}
		}
		if g, _ := strconv.Atoi(gen); g < last {
			t.Fatalf("generation %d after the kill, but %d was committed", g, last)
		}
	}
}

// damagedFile makes a cache with rows, closes it and hands back its path.
func damagedFile(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "a.db")
	s, _, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, inbox, 3000)
	s.Close()
	return path
}

func TestDamagedFileIsRebuilt(t *testing.T) {
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rand.IntN(256))
		}
		return b
	}
	cases := map[string]func(t *testing.T, path string){
		"truncated": func(t *testing.T, path string) {
			fi, _ := os.Stat(path)
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		},
		"truncated to a page": func(t *testing.T, path string) { os.Truncate(path, 4096) },
		"random bytes": func(t *testing.T, path string) {
			os.WriteFile(path, random(64<<10), 0o600)
		},
		"wrong version": func(t *testing.T, path string) {
			os.Remove(path)
			s, _, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.db.Update(func(tx *boltTx) error { return tx.Bucket(bucketMeta).Put(keyVersion, []byte("tern-cache-0")) })
			s.Close()
		},
		"not ours": func(t *testing.T, path string) {
			os.Remove(path)
			s, _, _ := Open(path, Options{})
			s.db.Update(func(tx *boltTx) error { return tx.DeleteBucket(bucketMeta) })
			s.Close()
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			path := damagedFile(t)
			damage(t, path)
			s, notice, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer s.Close()
			if !strings.Contains(notice, "rebuilt") {
				t.Fatalf("notice %q", notice)
			}
			if _, err := os.Stat(path + ".damaged"); err != nil {
				t.Errorf("damaged file not kept aside: %v", err)
			}
			if r, err := s.Rows(inbox, []imapsvc.UID{1, 2}); err != nil || len(r) != 0 {
				t.Fatalf("rebuilt cache has rows %v, %v", r, err)
			}
			fill(t, s, inbox, 2) // usable again
		})
	}
}

// TestDamagedPagesNeverGiveWrongRows scribbles over the data pages (the
// header pages stay good, so the file opens) and reads every row: each
// is either right or the read fails and the cache is rebuilt; no panic.
func TestDamagedPagesNeverGiveWrongRows(t *testing.T) {
	for seed := range uint64(12) {
		path := damagedFile(t)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		r := rand.New(rand.NewPCG(seed, 1))
		for range 20 {
			off := 4*4096 + r.Int64N(fi.Size()-4*4096)
			junk := make([]byte, 1+r.IntN(300))
			for i := range junk {
				junk[i] = byte(r.IntN(256))
			}
			f.WriteAt(junk, off)
		}
		f.Close()

		s, _, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("seed %d: open: %v", seed, err)
		}
		var uids []imapsvc.UID
		for u := imapsvc.UID(1); u <= 3000; u++ {
			uids = append(uids, u)
		}
		rows, err := s.Rows(inbox, uids)
		if err == nil {
			for _, got := range rows {
				if !sameRow(got, row(got.UID, fmt.Sprintf("message %d", got.UID))) {
					t.Fatalf("seed %d: wrong row %+v", seed, got)
				}
			}
		} else if t.Logf("seed %d: %v", seed, err); len(s.Notices()) == 0 {
			t.Fatalf("seed %d: damage found (%v) but no notice", seed, err)
		}
		s.Close()
	}
}
