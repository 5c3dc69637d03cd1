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
	"tern/ui"
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

// cacheSession is a session with one service, the way prepare builds
// it before it asks for the cache.
func cacheSession(t *testing.T) (*session, *imapsvc.Service) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	s := &session{}
	svc := imapsvc.New(imapsvc.Account{Name: "work"}, imapsvc.Options{})
	s.closer = append(s.closer, svc.Close)
	t.Cleanup(s.close)
	return s, svc
}

var quiet = slog.New(slog.DiscardHandler)

func TestWithCache(t *testing.T) {
	s, svc := cacheSession(t)
	b, _, w := s.withCache(svc, "work", cacheSettings{on: true}, quiet)
	if w != "" {
		t.Fatalf("warning %q", w)
	}
	if _, ok := b.(*cached.Backend); !ok {
		t.Fatalf("backend %T, want the cache in front", b)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "tern", "work.db")); err != nil {
		t.Fatal(err)
	}
}

func TestCacheOff(t *testing.T) {
	s, svc := cacheSession(t)
	if b, _, w := s.withCache(svc, "work", cacheSettings{}, quiet); w != "" || b != imapsvc.Backend(svc) {
		t.Fatalf("cache = false: warning %q, backend %T", w, b)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "tern")); !os.IsNotExist(err) {
		t.Fatalf("cache = false made the cache directory: %v", err)
	}
}

// TestCacheInUse: a second tern on the same account runs without the
// cache and says so.
func TestCacheInUse(t *testing.T) {
	s, svc := cacheSession(t)
	dir, _ := cache.Dir(os.Getenv)
	held, _, err := cache.Open(filepath.Join(dir, cache.FileName("work")), cache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	b, _, w := s.withCache(svc, "work", cacheSettings{on: true}, quiet)
	if w != "cache in use by another tern; running without the cache" {
		t.Fatalf("warning %q", w)
	}
	if b != imapsvc.Backend(svc) {
		t.Fatalf("backend %T, want the service alone", b)
	}
}

func TestClearCacheFlag(t *testing.T) {
	s, svc := cacheSession(t)
	s.withCache(svc, "work", cacheSettings{on: true}, quiet)
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

// TestModelDropsWarm: once the UI is built, the session no longer holds
// the cache's snapshot for the first frame (at 200,000 messages its UID
// list is 0.8 MB that would stay in the heap for the whole run).
func TestModelDropsWarm(t *testing.T) {
	w := &imapsvc.Warmed{UIDs: []imapsvc.UID{1, 2, 3}}
	svc := imapsvc.New(imapsvc.Account{Name: "a", Host: "127.0.0.1", Port: 1}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	s := &session{backend: svc, uiOpts: ui.Options{Account: "a", Warm: w}}
	s.accounts = []ui.AccountSetup{{Backend: svc, Options: s.uiOpts}, {Backend: svc, Options: ui.Options{Account: "b", Warm: w}}}
	if s.model() == nil {
		t.Fatal("no model")
	}
	if s.uiOpts.Warm != nil || s.accounts[0].Options.Warm != nil || s.accounts[1].Options.Warm != nil {
		t.Fatal("the session still holds the warm snapshot after the model was built")
	}
}
