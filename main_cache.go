package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"tern/cache"
	"tern/cached"
	"tern/imapsvc"
)

// warmRows is how many of the newest rows the first frame gets from the
// cache, before the terminal's size is known.
const warmRows = 120

// cacheSettings are the account's cache keys; the zero value (the demo)
// keeps no cache.
type cacheSettings struct {
	on     bool
	bodies int64 // cache_bodies in bytes; 0 the default, -1 none
}

// withCache puts the account's header cache in front of its service and
// reads the last folder for the first frame. Without the cache the
// service itself is the backend; the warning says why.
func (s *session) withCache(svc *imapsvc.Service, account string, cs cacheSettings, log *slog.Logger) (imapsvc.Backend, *imapsvc.Warmed, string) {
	if !cs.on {
		return svc, nil, ""
	}
	dir, err := cache.Dir(os.Getenv)
	if err != nil {
		return svc, nil, "running without the header cache: " + err.Error()
	}
	store, notice, err := cache.Open(filepath.Join(dir, cache.FileName(account)), cache.Options{BodyLimit: cs.bodies})
	if err != nil {
		log.Warn("header cache", "account", account, "err", err)
		if err == cache.ErrInUse {
			return svc, nil, err.Error()
		}
		return svc, nil, "running without the header cache: " + err.Error()
	}
	b := cached.New(svc, store, log)
	var warm *imapsvc.Warmed
	// Read before the screen opens, so the first frame shows the rows:
	// a few milliseconds from disk, even at 200,000 messages.
	if w, ok, err := b.Warm(context.Background(), "", warmRows); err == nil && ok {
		warm = &w
	}
	// Closed after the service (closers run last first, and the service's
	// Close was added just before): the last events are written before
	// the file closes.
	s.closer = append(s.closer[:len(s.closer)-1], b.Close, svc.Close)
	if notice != "" {
		log.Warn("header cache", "account", account, "notice", notice)
	}
	return b, warm, notice
}

// clearCache is tern --clear-cache.
func clearCache(getenv func(string) string, stdout, stderr io.Writer) int {
	dir, err := cache.Dir(getenv)
	if err == nil {
		err = cache.Clear(dir)
	}
	if err != nil {
		fmt.Fprintln(stderr, "tern:", err)
		return 1
	}
	fmt.Fprintln(stdout, "tern: removed the header cache", dir)
	return 0
}

// dropWarm forgets the cache's snapshots for the first frame once the
// models hold what they show: the session lives as long as the program,
// and at 200,000 messages each snapshot's UID list is 0.8 MB of heap the
// list already has a copy of.
func (s *session) dropWarm() {
	s.uiOpts.Warm = nil
	for i := range s.accounts {
		s.accounts[i].Options.Warm = nil
	}
}
