package imapsvc

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"tern/internal/dovetest"
)

// BenchmarkOpenLargeFolder measures, against Dovecot over TLS on loopback,
// the time from a new connection to the first window of rows (connect,
// login, SELECT, newest 60 envelopes), then the full UID map, and the heap
// in use afterwards. Run with: go test -run '^$' -bench OpenLargeFolder ./imapsvc/
func BenchmarkOpenLargeFolder(b *testing.B) {
	for _, n := range []int{50_000, 200_000} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			srv := dovetest.Start(b, dovetest.Options{})
			srv.SeedMaildir(b, "alice", "INBOX", n, plainMessage)
			acct := Account{Host: "127.0.0.1", Security: SecurityTLS, Username: "alice", CAFile: srv.CAFile}
			acct.Host, acct.Port = splitHostPort(b, srv.TLSAddr)
			// One open before timing: the first read-write SELECT after
			// seeding moves every file from new/ to cur/, once.
			openFolder(b, acct, n)
			var firstRows, uidMap time.Duration
			var heap uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rows, uids, h := openFolder(b, acct, n)
				firstRows += rows
				uidMap += uids
				heap = max(heap, h)
			}
			b.ReportMetric(float64(firstRows.Milliseconds())/float64(b.N), "ms-first-rows")
			b.ReportMetric(float64(uidMap.Milliseconds())/float64(b.N), "ms-uid-map")
			b.ReportMetric(float64(heap)/(1<<20), "MiB-heap")
		})
	}
}

// openFolder opens INBOX on a new connection and returns the time to the
// first rows, the time for the UID map, and the heap in use afterwards.
func openFolder(b *testing.B, acct Account, n int) (firstRows, uidMap time.Duration, heap uint64) {
	start := time.Now()
	s := New(acct, Options{})
	ctx := testCtx(b)
	if _, err := s.Connect(ctx, "secret"); err != nil {
		b.Fatal(err)
	}
	sel, err := s.Select(ctx, "INBOX", false, 60)
	if err != nil || len(sel.Newest) != 60 {
		b.Fatalf("select: %d rows, %v", len(sel.Newest), err)
	}
	firstRows = time.Since(start)
	mid := time.Now()
	uids, err := s.UIDs(ctx, sel.Mailbox)
	if err != nil || len(uids.UIDs) != n {
		b.Fatalf("uids: %d, %v", len(uids.UIDs), err)
	}
	uidMap = time.Since(mid)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.Logout(ctx)
	return firstRows, uidMap, ms.HeapInuse
}
