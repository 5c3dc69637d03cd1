package ui

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
	"tern/ui/folderview"
)

// BenchmarkClientSort50k measures a sort tern does itself: Dovecot with
// 50,000 messages behind the test proxy, which hides SORT and THREAD. Each
// iteration starts tern afresh (no keys cached in tern) and times ":sort
// KEY" from the key press until the sorted view is on screen, its note and
// the rows of its window: the UID list if it is not in yet, the keys
// fetched in chunks (SORT's absence is known from the session's
// capabilities), the sort, the window's rows.
//
// Each key runs in two states of Dovecot's own cache (dovecot.index.cache):
// cache=cold removes it before every iteration, as for a user's first sort
// by that key in a folder no client asked those fields of; cache=warm
// keeps what the iterations before fetched, as for a later sort. The
// message files stay in the operating system's page cache in both.
//
// Besides the time (ms-sorted-view) it reports the longest Update plus
// View of the UI during the sort (ms-longest-update): a key pressed
// meanwhile waits at most that long; and the CPU time of the test's
// process (ms-cpu-tern: tern, the proxy, the test's terminal; Dovecot
// runs apart), which other work on the machine changes less than the
// wall time. ms-before-keys, ms-keys and ms-between-chunks split the time
// (see keyTimes). Run with:
//
//	go test -run '^$' -bench ClientSort50k -benchtime 3x ./ui/
func BenchmarkClientSort50k(b *testing.B) {
	const n = 50_000
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50)) // as main runs tern
	}
	srv := dovetest.Start(b, dovetest.Options{})
	srv.SeedMaildir(b, "alice", "INBOX", n, dovetest.Message)
	p := proxy.Start(b, srv.Addr)
	p.HideCapability("SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=REFS", "THREAD=ORDEREDSUBJECT")
	host, portStr, _ := net.SplitHostPort(p.Addr)
	port, _ := strconv.Atoi(portStr)
	cache := filepath.Join(strings.TrimSpace(srv.Doveadm(b, "mailbox", "path", "-t", "index", "-u", "alice", "INBOX")),
		"dovecot.index.cache")
	for _, key := range []string{"size", "date", "subject"} {
		for _, state := range []string{"cold", "warm"} {
			b.Run("key="+key+"/cache="+state, func(b *testing.B) {
				var before func()
				if state == "cold" {
					before = func() {
						if err := os.Remove(cache); err != nil && !os.IsNotExist(err) {
							b.Fatal(err)
						}
					}
				}
				clientSort(b, host, port, n, key, before)
			})
		}
	}
}

func clientSort(b *testing.B, host string, port, n int, key string, before func()) {
	var total, longest, cpu, toKeys, keysTotal, gaps time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if before != nil {
			before()
		}
		svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
			Username: "alice"}, imapsvc.Options{})
		opts := testOptions()
		opts.Account = "dove"
		keys := &keyTimes{Backend: svc}
		timed := &timedModel{inner: New(keys, opts), shown: make(chan struct{}, 1)}
		tm := teatest.NewTestModel(b, timed, teatest.WithInitialTermSize(100, 30))
		w := &screenWait{tm: tm}
		w.wait(b, strconv.Itoa(n)+" exists")
		timed.reset()
		b.StartTimer()
		start, cpu0 := time.Now(), processCPU()
		keys.reset()
		tm.Send(press(":"))
		for _, m := range typed("sort " + key) {
			tm.Send(m)
		}
		tm.Send(press("enter"))
		w.wait(b, "sorted by "+key)
		select { // and the rows of the sorted window
		case <-timed.shown:
		case <-time.After(120 * time.Second):
			b.Fatal("the sorted view's rows never came")
		}
		total += time.Since(start)
		cpu += processCPU() - cpu0
		first, fetching, between := keys.spans()
		toKeys, keysTotal, gaps = toKeys+first.Sub(start), keysTotal+fetching, gaps+between
		b.StopTimer()
		longest = max(longest, timed.longest())
		tm.Send(tea.Quit())
		svc.Close()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-sorted-view")
	b.ReportMetric(float64(longest.Microseconds())/1000, "ms-longest-update")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "ms-cpu-tern")
	b.ReportMetric(float64(toKeys.Milliseconds())/float64(b.N), "ms-before-keys")
	b.ReportMetric(float64(keysTotal.Milliseconds())/float64(b.N), "ms-keys")
	b.ReportMetric(float64(gaps.Milliseconds())/float64(b.N), "ms-between-chunks")
}

// keyTimes records when the key requests of a sort ran, to split the
// sorted view's time: before the first request (ms-before-keys), from its
// start to the last answer (ms-keys), and within that the time no request
// was out (ms-between-chunks: the server waits for tern).
type keyTimes struct {
	imapsvc.Backend
	mu         sync.Mutex
	first, end time.Time
	out        int
	idle       time.Duration
}

func (k *keyTimes) reset() {
	k.mu.Lock()
	k.first, k.end, k.out, k.idle = time.Time{}, time.Time{}, 0, 0
	k.mu.Unlock()
}

func (k *keyTimes) SortKeys(ctx context.Context, mb imapsvc.Mailbox, id int, uids []imapsvc.UID, f imapsvc.KeyFields) (imapsvc.KeyList, error) {
	k.mu.Lock()
	now := time.Now()
	switch {
	case k.first.IsZero():
		k.first = now
	case k.out == 0:
		k.idle += now.Sub(k.end)
	}
	k.out++
	k.mu.Unlock()
	l, err := k.Backend.SortKeys(ctx, mb, id, uids, f)
	k.mu.Lock()
	k.out--
	k.end = time.Now()
	k.mu.Unlock()
	return l, err
}

// spans: when the first request went out, from then to the last answer,
// and the time between in which none was out.
func (k *keyTimes) spans() (first time.Time, fetching, between time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.first, k.end.Sub(k.first), k.idle
}

// timedModel records the longest Update plus View of the model it wraps:
// Bubble Tea runs them one after the other on its event loop, message by
// message, so a key waits at most that long behind the work of a result.
// It also says (shown) when, after reset, a View first draws a view
// sorted here with every row of the window in: the note "sorted by" alone
// comes before the rows of the new window are fetched.
type timedModel struct {
	inner   tea.Model
	on      atomic.Bool
	fired   atomic.Bool
	max     atomic.Int64 // nanoseconds
	shown   chan struct{}
	updated time.Duration // the last Update's; only the event loop uses it
}

func (t *timedModel) reset() { t.max.Store(0); t.fired.Store(false); t.on.Store(true) }

func (t *timedModel) longest() time.Duration { return time.Duration(t.max.Load()) }

func (t *timedModel) Init() tea.Cmd { return t.inner.Init() }

func (t *timedModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	start := time.Now()
	next, cmd := t.inner.Update(msg)
	t.inner, t.updated = next, time.Since(start)
	return t, cmd
}

func (t *timedModel) View() string {
	start := time.Now()
	v := t.inner.View()
	if d := int64(t.updated + time.Since(start)); t.on.Load() && d > t.max.Load() {
		t.max.Store(d) // only the event loop stores
	}
	if t.on.Load() && !t.fired.Load() && sortedShown(t.inner.(Model).list) {
		t.fired.Store(true)
		t.shown <- struct{}{}
	}
	return v
}

// sortedShown: the list shows a view sorted here, and has the rows of
// every message in its window.
func sortedShown(l listModel) bool {
	if l.look.spec.Kind != folderview.ClientSort || l.sorting.want != nil {
		return false
	}
	d := l.disp()
	for i := l.offset; i < min(d.Len(), l.offset+l.height); i++ {
		if _, ok := l.rows[d.At(i)]; !ok || l.stale[d.At(i)] {
			return false
		}
	}
	return true
}

// screenWait waits for text on the screen, keeping only the output's tail:
// scanning all output again every few milliseconds took the benchmark's
// own CPU from tern and Dovecot.
type screenWait struct {
	tm   *teatest.TestModel
	tail []byte
}

func (w *screenWait) wait(b *testing.B, want string) {
	b.Helper()
	teatest.WaitFor(b, w.tm.Output(), func(out []byte) bool {
		w.tail = append(w.tail, out...)
		found := bytes.Contains(w.tail, []byte(want))
		if keep := 4096; len(w.tail) > keep {
			w.tail = append(w.tail[:0], w.tail[len(w.tail)-keep:]...)
		}
		return found
	}, teatest.WithDuration(120*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	w.tail = w.tail[:0]
}
