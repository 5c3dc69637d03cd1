package cached

import (
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/internal/dovetest"
)

// BenchmarkResyncAfterChanges: tern filled the cache of a 50,000-message
// INBOX and quit; another client then changed the flags of 1,000
// messages and expunged 500. It measures the next start from Connect
// until the folder's cache is confirmed (SELECT, CHANGEDSINCE, the UID
// list, the writes on disk), and checks that the cached UIDs and flags
// then equal the server's. Run with:
//
//	go test -run '^$' -bench ResyncAfterChanges -benchtime 1x ./cached
func BenchmarkResyncAfterChanges(b *testing.B) {
	const n = 50_000
	b.StopTimer() // only the resync is timed
	srv := dovetest.Start(b, dovetest.Options{})
	srv.SeedMaildir(b, "alice", "INBOX", n, dovetest.Message)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		path := cachePath(b)
		s1, _ := startAt(b, srv.Addr, path, nil)
		sel, uids := s1.open(b, "INBOX")
		s1.rows(b, sel.Mailbox, uids)
		s1.flush()
		s1.close()

		other := srv.Selected(b, "alice", "INBOX")
		var flag, drop imap.UIDSet
		for k := 0; k < 1000; k++ {
			flag.AddNum(imap.UID(uids[len(uids)-1-k*7]))
		}
		for k := 0; k < 500; k++ {
			drop.AddNum(imap.UID(uids[k*11+3]))
		}
		for _, step := range []struct {
			set  imap.UIDSet
			flag imap.Flag
		}{{flag, imap.FlagFlagged}, {drop, imap.FlagDeleted}} {
			if err := other.Store(step.set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
				Flags: []imap.Flag{step.flag}}, nil).Close(); err != nil {
				b.Fatal(err)
			}
		}
		if err := other.Expunge().Close(); err != nil {
			b.Fatal(err)
		}
		want, flagged, _ := truth(b, other)

		s2, _ := startAt(b, srv.Addr, path, nil)
		b.StartTimer()
		start := time.Now()
		sel2, uids2 := s2.open(b, "INBOX")
		s2.flush()
		total += time.Since(start)
		b.StopTimer()
		if !slices.Equal(uids2, want) {
			b.Fatalf("UIDs %d, server %d", len(uids2), len(want))
		}
		cached, err := s2.b.store.Rows(sel2.Mailbox, want)
		if err != nil || len(cached) != len(want) {
			b.Fatalf("cache holds %d of %d rows (%v)", len(cached), len(want), err)
		}
		for _, r := range cached {
			if r.Flags.Flagged != flagged[r.UID] {
				b.Fatalf("UID %d flagged=%v, server %v", r.UID, r.Flags.Flagged, flagged[r.UID])
			}
		}
		s2.close()
		// Undo the flags for the next round; the expunged stay gone.
		if err := other.Store(flag, &imap.StoreFlags{Op: imap.StoreFlagsDel, Silent: true,
			Flags: []imap.Flag{imap.FlagFlagged}}, nil).Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-resync")
}
