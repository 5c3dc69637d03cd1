// Package cache is tern's on-disk header cache: per account one bbolt
// file holding, per folder and UIDVALIDITY, the UID list, the list rows
// (envelope fields, flags, internal date, size, attachment mark), the
// folder's HIGHESTMODSEQ, and the text of recently read messages, bounded.
//
// bbolt rather than SQLite: it is pure Go (no cgo, one static binary),
// one file per account, ACID with crash safety by copy-on-write (a kill
// mid-write leaves the last committed state), it takes an exclusive file
// lock (a second tern on the same account finds it taken and runs without
// the cache), and it is small. Rows are read by window, never loaded
// whole, so the heap does not grow with the folder; only the UID list is.
package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"tern/imapsvc"
)

// formatVersion is the layout of the file; another version is moved
// aside and rebuilt.
const formatVersion = "tern-cache-1"

// DefaultBodyLimit bounds the cached message texts (cache_bodies).
const DefaultBodyLimit = 200 << 20

// defaultLockTimeout is how long Open waits for another tern's lock.
const defaultLockTimeout = 300 * time.Millisecond

// ErrInUse is the file locked by another tern process.
var ErrInUse = errors.New("cache in use by another tern; running without the cache")

// ErrDamaged is a cache file found damaged while in use; the store has
// been moved aside and started afresh.
var ErrDamaged = errors.New("header cache damaged")

var (
	bucketMeta    = []byte("meta")
	bucketFolders = []byte("folders")
	bucketBodies  = []byte("bodies")
	bucketAge     = []byte("bodyage") // sequence number -> body key, oldest first
	keyVersion    = []byte("version")
	keyFolderList = []byte("folderlist")
	keyBodyBytes  = []byte("bodybytes")
	keySeq        = []byte("bodyseq")
)

// Options tune Open.
type Options struct {
	// LockTimeout is how long to wait for another process's lock
	// (default 300 ms).
	LockTimeout time.Duration
	// BodyLimit bounds cached message texts in bytes (0: the default,
	// negative: none are kept).
	BodyLimit int64
}

// Store is one account's cache file. Its methods are safe for concurrent
// use; each runs in one bbolt transaction.
type Store struct {
	// mu guards db: transactions hold it shared (bbolt runs readers
	// beside its one writer), a rebuild exclusively.
	mu        sync.RWMutex
	db        *bolt.DB
	path      string
	bodyLimit int64
	timeout   time.Duration
	notices   []string // what the user should hear: damage found and rebuilt
}

// Dir is the cache directory: $XDG_CACHE_HOME/tern, else ~/.cache/tern.
func Dir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tern"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither XDG_CACHE_HOME nor HOME is set")
	}
	return filepath.Join(home, ".cache", "tern"), nil
}

// FileName is the cache file of an account: its name with anything but
// letters, digits, dot, dash and underscore replaced, so several
// accounts each get their own file.
func FileName(account string) string {
	var b strings.Builder
	for _, r := range account {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "%%%02x", r)
		}
	}
	if b.Len() == 0 || strings.HasPrefix(b.String(), ".") {
		return "account-" + b.String() + ".db"
	}
	return b.String() + ".db"
}

// Clear removes every cache file in dir (tern --clear-cache).
func Clear(dir string) error {
	err := os.RemoveAll(dir)
	if err != nil {
		return fmt.Errorf("clearing the cache: %w", err)
	}
	return nil
}

// Open opens or creates the cache file at path (its directory is made
// 0700, the file 0600). Another tern holding it gives ErrInUse. A file
// that is damaged, truncated or of another format is moved aside to
// path+".damaged" and a fresh one made; the returned notice says so.
func Open(path string, opts Options) (*Store, string, error) {
	s := &Store{path: path, bodyLimit: opts.BodyLimit, timeout: opts.LockTimeout}
	if s.bodyLimit == 0 {
		s.bodyLimit = DefaultBodyLimit
	}
	if s.timeout <= 0 {
		s.timeout = defaultLockTimeout
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, "", err
	}
	db, err := s.openChecked()
	if errors.Is(err, ErrInUse) {
		return nil, "", err
	}
	notice := ""
	if err != nil {
		notice = s.moveAside(err)
		if db, err = s.openChecked(); err != nil {
			return nil, "", err
		}
	}
	s.db = db
	return s, notice, nil
}

// openChecked opens the file and checks that it is whole and ours.
func (s *Store) openChecked() (db *bolt.DB, err error) {
	defer panicOnFault()()
	defer guard(&err)
	db, err = bolt.Open(s.path, 0o600, &bolt.Options{Timeout: s.timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrInUse
	}
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(s.path, 0o600); err != nil {
		db.Close()
		return nil, err
	}
	if err := check(db, s.path); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// check compares the file with what its header says it holds, reads the
// format version, and makes the buckets of a new file.
func check(db *bolt.DB, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return db.Update(func(tx *bolt.Tx) error {
		if fi.Size() < tx.Size() {
			return fmt.Errorf("file truncated (%d of %d bytes)", fi.Size(), tx.Size())
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return errors.New("not a tern cache")
			}
			if meta, err = tx.CreateBucket(bucketMeta); err != nil {
				return err
			}
			if err := meta.Put(keyVersion, []byte(formatVersion)); err != nil {
				return err
			}
		}
		if v := meta.Get(keyVersion); string(v) != formatVersion {
			return fmt.Errorf("cache format %q, not %q", v, formatVersion)
		}
		for _, name := range [][]byte{bucketFolders, bucketBodies, bucketAge} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
}

// moveAside renames a damaged file out of the way (keeping one copy for
// a bug report) and says so.
func (s *Store) moveAside(why error) string {
	aside := s.path + ".damaged"
	if err := os.Rename(s.path, aside); err != nil {
		os.Remove(s.path)
		return fmt.Sprintf("header cache was unusable (%v); removed and rebuilt", why)
	}
	return fmt.Sprintf("header cache was unusable (%v); moved aside to %s and rebuilt", why, filepath.Base(aside))
}

// guard turns a panic or memory fault inside bbolt (a damaged page of the
// mapped file) into an error. Faults become panics only on this
// goroutine, and only while guard's caller runs.
func guard(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrDamaged, r)
	}
}

func panicOnFault() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// Close releases the file and its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// Path is the file the store uses.
func (s *Store) Path() string { return s.path }

// Notices returns, once, what the user should hear about the cache.
func (s *Store) Notices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.notices
	s.notices = nil
	return n
}

// view and update run fn in a transaction. Damage found on the way (a
// record that does not decode, a fault on a damaged page) moves the file
// aside and starts a fresh one, so the caller never gets a wrong row;
// the error says so and Notices tells the user.
func (s *Store) view(fn func(tx *bolt.Tx) error) error { return s.tx(false, fn) }

func (s *Store) update(fn func(tx *bolt.Tx) error) error { return s.tx(true, fn) }

// inFolder runs fn on mb's bucket in a read (write false) or write
// transaction. A folder the cache does not hold, or holds under another
// UIDVALIDITY, is nothing to read or change: fn does not run.
func (s *Store) inFolder(mb imapsvc.Mailbox, write bool, fn func(tx *bolt.Tx, b *bolt.Bucket) error) error {
	return s.tx(write, func(tx *bolt.Tx) error {
		b := folderBucket(tx, mb.Name, mb.UIDValidity)
		if b == nil {
			return nil
		}
		return fn(tx, b)
	})
}

func (s *Store) tx(write bool, fn func(tx *bolt.Tx) error) (err error) {
	s.mu.RLock()
	db := s.db
	if db == nil {
		s.mu.RUnlock()
		return errors.New("cache closed")
	}
	err = func() (err error) {
		defer panicOnFault()()
		defer guard(&err)
		if write {
			return db.Update(fn)
		}
		return db.View(fn)
	}()
	s.mu.RUnlock()
	if errors.Is(err, errDamaged) || errors.Is(err, ErrDamaged) {
		s.mu.Lock()
		if s.db == db { // not rebuilt by another caller meanwhile
			s.rebuild(err)
		}
		s.mu.Unlock()
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return err
}

// rebuild replaces a damaged file with a fresh one; with s.mu held.
func (s *Store) rebuild(why error) {
	func() {
		defer panicOnFault()()
		defer func() { _ = recover() }()
		s.db.Close()
	}()
	s.db = nil
	notice := s.moveAside(why)
	db, err := s.openChecked()
	if err != nil {
		s.notices = append(s.notices, notice+"; reopening failed: "+err.Error()+": running without the cache")
		return
	}
	s.db = db
	s.notices = append(s.notices, notice)
}
