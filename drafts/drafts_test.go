package drafts

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDir(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}
	d, err := Dir(func(k string) string { return env[k] })
	if err != nil || d != filepath.Join("/s", "tern", "drafts") {
		t.Errorf("Dir = %q, %v", d, err)
	}
	delete(env, "XDG_STATE_HOME")
	d, err = Dir(func(k string) string { return env[k] })
	if err != nil || d != filepath.Join("/h", ".local", "state", "tern", "drafts") {
		t.Errorf("Dir without XDG_STATE_HOME = %q, %v", d, err)
	}
}

func TestSaveListRemove(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "drafts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", fi.Mode().Perm())
	}
	a := NewID(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	b := NewID(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	for _, id := range []string{b, a} {
		if err := s.Save(id, "To: x@y\n\nbody "+id); err != nil {
			t.Fatal(err)
		}
	}
	if fi, _ := os.Stat(s.Path(a)); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if err := s.Save(a, "second version"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(a); got != "second version" {
		t.Errorf("Load = %q", got)
	}
	if err := os.WriteFile(s.File(a, "orig.eml"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(s.FilesDir(a), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.FilesDir(a), "Fwd.eml"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := s.List()
	if err != nil || len(l) != 2 || l[0].ID != a || l[1].ID != b {
		t.Fatalf("List = %v, %v", l, err)
	}
	if err := s.Remove(a); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.File(a, "orig.eml")); !os.IsNotExist(err) {
		t.Errorf("the draft's other file is still there: %v", err)
	}
	if _, err := os.Stat(s.FilesDir(a)); !os.IsNotExist(err) {
		t.Errorf("the draft's files directory is still there: %v", err)
	}
	if l, _ := s.List(); len(l) != 1 || l[0].ID != b {
		t.Errorf("after Remove: %v", l)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name()[0] == '.' {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestBadIDs(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"", "../x", ".hidden", `a\b`} {
		if err := s.Save(id, "x"); err == nil {
			t.Errorf("Save(%q) accepted", id)
		}
		if err := s.Remove(id); err == nil {
			t.Errorf("Remove(%q) accepted", id)
		}
	}
}

func TestListMissingDir(t *testing.T) {
	l, err := Store{dir: filepath.Join(t.TempDir(), "none")}.List()
	if err != nil || l != nil {
		t.Errorf("List = %v, %v", l, err)
	}
}
