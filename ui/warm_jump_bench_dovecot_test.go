package ui

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/cache"
	"tern/cached"
	"tern/imapsvc"
	"tern/internal/dovetest"
)

// BenchmarkJumpCached measures g and G on a Dovecot INBOX through the UI
// model: from the key sent to the program until a View holds the row at
// that end of the list (newest first: G shows the oldest message) (Bubble Tea's renderer then writes it within a
// frame, 1/60 s at most). cache=warm is a folder whose header cache is
// confirmed (rows read from disk, no round trip); cache=off is tern
// without the cache (the rows of the new window come from the server).
// Run with:
//
//	go test -run '^$' -bench JumpCached -benchtime 5x ./ui/
//
// TERN_BENCH_SEED_DIR keeps the seeded Maildir between runs, as for
// BenchmarkLaunch.
func BenchmarkJumpCached(b *testing.B) {
	n := 200_000
	if v, err := strconv.Atoi(os.Getenv("TERN_BENCH_JUMP_N")); err == nil && v > 0 {
		n = v // a smaller folder, to try the benchmark out
	}
	srv := dovetest.Start(b, dovetest.Options{})
	srv.SeedMaildirKept(b, os.Getenv(dovetest.SeedKeepEnv), "alice", "INBOX", n, dovetest.Message)
	host, portStr, _ := net.SplitHostPort(srv.Addr)
	port, _ := strconv.Atoi(portStr)
	path := filepath.Join(b.TempDir(), "tern", "dove.db")
	for _, cached := range []bool{false, true} {
		b.Run(fmt.Sprintf("messages=%d/cache=%s", n, map[bool]string{false: "off", true: "warm"}[cached]), func(b *testing.B) {
			var sums [2]time.Duration
			for i := 0; i < b.N; i++ {
				g, bigG := jumpOnce(b, host, port, path, cached, n)
				sums[0] += g
				sums[1] += bigG
			}
			b.ReportMetric(float64(sums[0].Microseconds())/1000/float64(b.N), "ms-g")
			b.ReportMetric(float64(sums[1].Microseconds())/1000/float64(b.N), "ms-G")
		})
	}
}

// jumpOnce starts tern, waits until the folder is open (and, cached,
// until its cache is confirmed), then times g and G.
func jumpOnce(b *testing.B, host string, port int, path string, withCache bool, n int) (g, bigG time.Duration) {
	b.StopTimer()
	defer b.StartTimer()
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{})
	defer svc.Close()
	var backend imapsvc.Backend = svc
	var cb *cached.Backend
	if withCache {
		store, _, err := cache.Open(path, cache.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cb = cached.New(svc, store, nil)
		defer cb.Close()
		backend = cb
	}
	opts := testOptions()
	opts.Account = "dove"
	jm := &jumpModel{inner: New(backend, opts), seen: make(chan time.Time, 1)}
	tm := teatest.NewTestModel(b, jm, teatest.WithInitialTermSize(120, 40))
	defer tm.Send(tea.Quit())
	w := &screenWait{tm: tm}
	w.wait(b, "unseen") // the UID list is in
	if withCache {
		deadline := time.Now().Add(5 * time.Minute)
		for !jm.confirmed(cb) { // the first run fills the cache; later ones resync it
			if time.Now().After(deadline) {
				b.Fatal("the folder's cache was never confirmed")
			}
			time.Sleep(20 * time.Millisecond) // polling a benchmark's setup, not a test
		}
	}
	timeKey := func(key, want string) time.Duration {
		jm.want.Store(regexp.MustCompile(want))
		start := time.Now()
		tm.Send(press(key))
		select {
		case at := <-jm.seen:
			return at.Sub(start)
		case <-time.After(60 * time.Second):
			b.Fatalf("%s never showed %q:\n%s", key, want, ansi.Strip(jm.inner.View()))
			return 0
		}
	}
	// Newest first: G goes to the oldest message, g back to the newest.
	bigG = timeKey("G", fmt.Sprintf(`message %d\b`, 0))
	g = timeKey("g", fmt.Sprintf(`message %d\b`, n-1))
	return g, bigG
}

// jumpModel says when a View first holds want, once per want.
type jumpModel struct {
	inner tea.Model
	want  atomic.Pointer[regexp.Regexp]
	seen  chan time.Time
	mb    atomic.Pointer[imapsvc.Mailbox]
}

func (j *jumpModel) Init() tea.Cmd { return j.inner.Init() }

func (j *jumpModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := j.inner.Update(msg)
	j.inner = next
	mb := next.(Model).list.mb
	j.mb.Store(&mb)
	return j, cmd
}

func (j *jumpModel) View() string {
	v := j.inner.View()
	if w := j.want.Load(); w != nil && w.MatchString(ansi.Strip(v)) {
		j.want.Store(nil)
		j.seen <- time.Now()
	}
	return v
}

func (j *jumpModel) confirmed(cb *cached.Backend) bool {
	mb := j.mb.Load()
	return mb != nil && cb.Confirmed(*mb)
}
