package servertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSweepStale: only old instance directories of the prefix whose master
// is gone are removed.
func TestSweepStale(t *testing.T) {
	parent := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	mk := func(name, pid string, mtime time.Time) string {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "run"), 0o755); err != nil {
			t.Fatal(err)
		}
		if pid != "" {
			if err := os.WriteFile(filepath.Join(dir, "run", "master.pid"), []byte(pid+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(dir, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	dead := mk("srvtest1", "", old)
	deadPid := mk("srvtest2", "0", old)
	young := mk("srvtest3", "", time.Now())
	live := mk("srvtest4", strconv.Itoa(os.Getpid()), old)
	other := mk("othertest1", "", old)

	sweepStale(parent, "srvtest")
	for dir, want := range map[string]bool{dead: false, deadPid: false, young: true, live: true, other: true} {
		_, err := os.Stat(dir)
		if got := err == nil; got != want {
			t.Errorf("%s: exists = %v, want %v", filepath.Base(dir), got, want)
		}
	}
}

func TestFreePortsDiffer(t *testing.T) {
	plain, tls, err := FreePorts("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if plain == tls || plain == 0 || tls == 0 {
		t.Fatalf("FreePorts = %d, %d", plain, tls)
	}
}

// TestLogTail: empty and missing files are left out, long ones cut to
// their end.
func TestLogTail(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 20<<10) + "END"
	os.WriteFile(filepath.Join(dir, "a.log"), []byte(long), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.log"), nil, 0o644)
	got := LogTail(dir, "missing.log", "empty.log", "a.log")
	if !strings.HasPrefix(got, "--- a.log ---\n") || !strings.HasSuffix(got, "END") {
		t.Fatalf("LogTail = %.40q...", got)
	}
	if n := len(got) - len("--- a.log ---\n"); n != 16<<10 {
		t.Fatalf("LogTail kept %d bytes, want %d", n, 16<<10)
	}
	if LogTail(dir, "empty.log") != "" {
		t.Fatal("an empty log gave text")
	}
}
