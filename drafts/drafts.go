// Package drafts keeps each message being written in a local file, so
// that nothing typed is lost to a crash, a dropped connection or a failed
// send: the file is written before any network step and removed only
// after the send or the APPEND to Drafts succeeded. Files left behind are
// what a crash left, and tern offers them at start.
package drafts

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"tern/config"
)

// ext names the draft text; files of one draft share its id as prefix
// (an attached original is id.orig.eml).
const ext = ".draft"

// Store is the drafts directory.
type Store struct{ dir string }

// Dir is $XDG_STATE_HOME/tern/drafts, else ~/.local/state/tern/drafts.
func Dir(getenv func(string) string) (string, error) {
	d, err := config.StateDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "drafts"), nil
}

// Open makes dir (mode 0700, also when it existed wider) and returns the
// store in it.
func Open(dir string) (Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Store{}, fmt.Errorf("drafts: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return Store{}, fmt.Errorf("drafts: %w", err)
	}
	return Store{dir: dir}, nil
}

// Dir is the store's directory.
func (s Store) Dir() string { return s.dir }

// NewID names a new draft: its time, so listings sort by age, and random
// bits, so two tern processes never share one.
func NewID(now time.Time) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return now.UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// Path is the file of the draft text; the editor edits it in place, so
// even what is typed before tern gets control back is on disk.
func (s Store) Path(id string) string { return filepath.Join(s.dir, id+ext) }

// File is another file of the draft (name must be a plain name).
func (s Store) File(id, name string) string { return filepath.Join(s.dir, id+"."+name) }

// FilesDir is a directory of the draft for files kept under their own
// names (a forwarded original, whose name becomes the attachment's); it
// goes with the draft.
func (s Store) FilesDir(id string) string { return filepath.Join(s.dir, id+".files") }

// Save writes the draft text atomically (a temporary file renamed over
// it), mode 0600.
func (s Store) Save(id, text string) error {
	if err := validID(id); err != nil {
		return err
	}
	f, err := os.CreateTemp(s.dir, ".tmp-"+id+"-*")
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a rename this finds nothing
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("drafts: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("drafts: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("drafts: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	if err := os.Rename(tmp, s.Path(id)); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	return nil
}

// Load reads the draft text.
func (s Store) Load(id string) (string, error) {
	if err := validID(id); err != nil {
		return "", err
	}
	b, err := os.ReadFile(s.Path(id))
	if err != nil {
		return "", fmt.Errorf("drafts: %w", err)
	}
	return string(b), nil
}

// Remove deletes the draft and every file of it. Call it only once the
// message is safe elsewhere (sent, or APPENDed to Drafts) or the user
// chose to discard it.
func (s Store) Remove(id string) error {
	if err := validID(id); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(s.dir, id+".*"))
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range files {
		if err := os.RemoveAll(f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Entry is a draft found on disk.
type Entry struct {
	ID       string
	Modified time.Time
	Size     int64
}

// List returns the drafts in the directory, oldest first.
func (s Store) List() ([]Entry, error) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("drafts: %w", err)
	}
	var out []Entry
	for _, de := range des {
		n := de.Name()
		if !strings.HasSuffix(n, ext) || strings.HasPrefix(n, ".") || !de.Type().IsRegular() {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Entry{ID: strings.TrimSuffix(n, ext), Modified: info.ModTime(), Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// validID refuses ids that would name a file outside the directory.
func validID(id string) error {
	if id == "" || strings.ContainsAny(id, `/\`) || strings.HasPrefix(id, ".") {
		return fmt.Errorf("drafts: bad draft id %q", id)
	}
	return nil
}

// WithDir is the store in dir without creating it (listing only).
func (Store) WithDir(dir string) Store { return Store{dir: dir} }
