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

// withCache puts the account's header cache in front of the service.
// Without it tern runs as before; the returned warning says why.
func (s *session) withCache(account string, log *slog.Logger) string {
	if !s.cache.on {
		return ""
	}
	dir, err := cache.Dir(os.Getenv)
	if err != nil {
		return "running without the header cache: " + err.Error()
	}
	store, notice, err := cache.Open(filepath.Join(dir, cache.FileName(account)), cache.Options{BodyLimit: s.cache.bodies})
	if err != nil {
		log.Warn("header cache", "err", err)
		if err == cache.ErrInUse {
			return err.Error()
		}
		return "running without the header cache: " + err.Error()
	}
	b := cached.New(s.svc, store, log)
	s.backend = b
	// Read before the screen opens, so the first frame shows the rows:
	// a few milliseconds from disk, even at 200,000 messages.
	if w, ok, err := b.Warm(context.Background(), "", warmRows); err == nil && ok {
		s.warm = &w
	}
	// Closed after the service (closers run last first): the last events
	// are written before the file closes.
	s.closer = append(s.closer[:len(s.closer)-1], b.Close, s.svc.Close)
	if notice != "" {
		log.Warn("header cache", "notice", notice)
	}
	return notice
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
