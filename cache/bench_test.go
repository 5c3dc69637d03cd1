package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tern/imapsvc"
)

// BenchmarkCacheSize fills a cache with 100,000 rows such as a mailbox
// shows (a 40-byte subject, a 20-byte sender, flags, date, size) and the
// UID list, and reports the file's size; then reads a 60-row window at
// the far end, as G does.
//
//	go test -run '^$' -bench CacheSize -benchtime 20x ./cache
func BenchmarkCacheSize(b *testing.B) {
	const n = 100_000
	path := filepath.Join(b.TempDir(), "a.db")
	s, _, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	mb := imapsvc.Mailbox{Name: "INBOX", UIDValidity: 1}
	s.Begin(mb.Name, mb.UIDValidity)
	uids := make([]imapsvc.UID, 0, n)
	for u := imapsvc.UID(1); u <= n; u++ {
		uids = append(uids, u)
	}
	if err := s.SetUIDs(mb, uids); err != nil {
		b.Fatal(err)
	}
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i += 1000 {
		rows := make([]imapsvc.Row, 0, 1000)
		for u := uids[i]; u < uids[i]+1000; u++ {
			rows = append(rows, imapsvc.Row{UID: u, Flags: imapsvc.Flags{Seen: u%3 != 0},
				Date: date.Add(time.Duration(u) * time.Minute), From: fmt.Sprintf("Sender Number %6d", u),
				Subject: fmt.Sprintf("Re: the quarterly report, part %12d", u), Size: int64(2000 + u%5000),
				HasDetails: true})
		}
		if err := s.PutRows(mb, rows); err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		window := uids[:60]
		if i%2 == 1 {
			window = uids[n-60:]
		}
		rows, err := s.Rows(mb, window)
		if err != nil || len(rows) != 60 {
			b.Fatal(len(rows), err)
		}
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB-per-100k")
	b.StopTimer()
	start := time.Now()
	if _, err := s.UIDs(mb); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-uid-list")
}

// BenchmarkDecodeUIDs unpacks a stored 1,000,000-UID list, as the first
// frame does at start: one run, and a folder with a hole every 50 UIDs.
//
//	go test -run '^$' -bench DecodeUIDs ./cache
func BenchmarkDecodeUIDs(b *testing.B) {
	for _, every := range []int{0, 50} {
		b.Run(fmt.Sprintf("hole-every=%d", every), func(b *testing.B) {
			uids := make([]imapsvc.UID, 0, 1_000_000)
			for u := imapsvc.UID(1); len(uids) < cap(uids); u++ {
				if every == 0 || int(u)%every != 0 {
					uids = append(uids, u)
				}
			}
			p := PackUIDs(uids)
			for b.Loop() {
				if _, err := decodeUIDs(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(p)), "bytes-stored")
		})
	}
}
