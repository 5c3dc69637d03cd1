package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tern/cache"
	"tern/cached"
	"tern/imapsvc"
)

// TestMain keeps the tests' header caches out of the user's home.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tern-main-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func cacheSession(t *testing.T, on bool) *session {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s := &session{cache: cacheSettings{on: on}}
	s.svc = imapsvc.New(imapsvc.Account{Name: "work"}, imapsvc.Options{})
	s.closer = append(s.closer, s.svc.Close)
	s.backend = s.svc
	t.Cleanup(s.close)
	return s
}

func TestWithCache(t *testing.T) {
	s := cacheSession(t, true)
	if w := s.withCache("work", slog.New(slog.DiscardHandler)); w != "" {
		t.Fatalf("warning %q", w)
	}
	if _, ok := s.backend.(*cached.Backend); !ok {
		t.Fatalf("backend %T, want the cache in front", s.backend)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "tern", "work.db")); err != nil {
		t.Fatal(err)
	}
}

func TestCacheOff(t *testing.T) {
	s := cacheSession(t, false)
	if w := s.withCache("work", slog.New(slog.DiscardHandler)); w != "" || s.backend != imapsvc.Backend(s.svc) {
		t.Fatalf("cache = false: warning %q, backend %T", w, s.backend)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "tern")); !os.IsNotExist(err) {
		t.Fatalf("cache = false made the cache directory: %v", err)
	}
}

// TestCacheInUse: a second tern on the same account runs without the
// cache and says so.
func TestCacheInUse(t *testing.T) {
	s := cacheSession(t, true)
	dir, _ := cache.Dir(os.Getenv)
	held, _, err := cache.Open(filepath.Join(dir, cache.FileName("work")), cache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	w := s.withCache("work", slog.New(slog.DiscardHandler))
	if w != "cache in use by another tern; running without the cache" {
		t.Fatalf("warning %q", w)
	}
	if s.backend != imapsvc.Backend(s.svc) {
		t.Fatalf("backend %T, want the service alone", s.backend)
	}
}

func TestClearCacheFlag(t *testing.T) {
	s := cacheSession(t, true)
	s.withCache("work", slog.New(slog.DiscardHandler))
	s.close()
	var out, errOut bytes.Buffer
	if code := clearCache(os.Getenv, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	dir, _ := cache.Dir(os.Getenv)
	if _, err := os.Stat(dir); !os.IsNotExist(err) || !strings.Contains(out.String(), "removed") {
		t.Fatalf("after --clear-cache: %v, %q", err, out.String())
	}
	if f, err := parseFlags([]string{"--clear-cache"}, &errOut); err != nil || !f.clearCache {
		t.Fatalf("--clear-cache not parsed: %v", err)
	}
}
