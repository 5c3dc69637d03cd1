package imapsvc

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// noLinks fails as os.Link does on vfat or exFAT.
func noLinks(oldname, newname string) error {
	return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: syscall.EPERM}
}

// TestPlaceNewWithoutHardLinks: where hard links fail, the saved part is
// copied into a new file created exclusively; a file already there, or one
// that appears while tern saves, is never replaced.
func TestPlaceNewWithoutHardLinks(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".tern-save-1")
	if err := os.WriteFile(tmp, []byte("attachment bytes"), 0o600); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(dir, "report.pdf")
	if err := placeNew(tmp, path, noLinks); err != nil {
		t.Fatalf("placeNew without hard links: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "attachment bytes" {
		t.Fatalf("saved %q, %v", got, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", fi.Mode().Perm())
	}

	// The file exists now: placing again must refuse and keep it.
	if err := os.WriteFile(tmp, []byte("other bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := placeNew(tmp, path, noLinks); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("over an existing file: %v, want fs.ErrExist", err)
	}
	// A file that appears between the failed link and the copy.
	racy := filepath.Join(dir, "racy.pdf")
	appear := func(oldname, newname string) error {
		if err := os.WriteFile(newname, []byte("someone else's"), 0o600); err != nil {
			t.Fatal(err)
		}
		return noLinks(oldname, newname)
	}
	if err := placeNew(tmp, racy, appear); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("over a file that appeared: %v, want fs.ErrExist", err)
	}
	for p, want := range map[string]string{path: "attachment bytes", racy: "someone else's"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s now holds %q, want %q", filepath.Base(p), got, want)
		}
	}

	// With hard links the link itself refuses an existing name.
	if err := placeNew(tmp, path, os.Link); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("os.Link over an existing file: %v, want fs.ErrExist", err)
	}
	fresh := filepath.Join(dir, "fresh.pdf")
	if err := placeNew(tmp, fresh, os.Link); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(fresh); string(got) != "other bytes" {
		t.Errorf("linked file holds %q", got)
	}
}
