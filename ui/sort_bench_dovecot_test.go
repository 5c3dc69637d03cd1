package ui

import (
	"bytes"
	"net"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// BenchmarkClientSort50k measures a sort tern does itself: Dovecot with
// 50,000 messages behind the test proxy, which hides SORT and THREAD. Each
// iteration starts tern afresh (no keys cached) and times ":sort KEY" from
// the key press until the sorted view is on screen: UID SORT's absence
// found out, the UID list if it is not in yet, the keys fetched in chunks,
// the sort. Size needs INTERNALDATE and RFC822.SIZE only; date and subject
// need a header field, which Dovecot reads from every message file. Run
// with:
//
//	go test -run '^$' -bench ClientSort50k -benchtime 1x ./ui/
func BenchmarkClientSort50k(b *testing.B) {
	const n = 50_000
	srv := dovetest.Start(b, dovetest.Options{})
	srv.SeedMaildir(b, "alice", "INBOX", n, dovetest.Message)
	p := proxy.Start(b, srv.Addr)
	p.HideCapability("SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=REFS", "THREAD=ORDEREDSUBJECT")
	host, portStr, _ := net.SplitHostPort(p.Addr)
	port, _ := strconv.Atoi(portStr)
	for _, key := range []string{"size", "date", "subject"} {
		b.Run("key="+key, func(b *testing.B) { clientSort(b, host, port, n, key) })
	}
}

func clientSort(b *testing.B, host string, port, n int, key string) {
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
			Username: "alice"}, imapsvc.Options{})
		opts := testOptions()
		opts.Account = "dove"
		tm := teatest.NewTestModel(b, New(svc, opts), teatest.WithInitialTermSize(100, 30))
		benchWait(b, tm, strconv.Itoa(n)+" exists")
		b.StartTimer()
		start := time.Now()
		tm.Send(press(":"))
		for _, m := range typed("sort " + key) {
			tm.Send(m)
		}
		tm.Send(press("enter"))
		benchWait(b, tm, "sorted by "+key)
		total += time.Since(start)
		b.StopTimer()
		tm.Send(tea.Quit())
		svc.Close()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-sorted-view")
}

func benchWait(b *testing.B, tm *teatest.TestModel, want string) {
	b.Helper()
	var last []byte
	teatest.WaitFor(b, tm.Output(), func(out []byte) bool {
		last = append(last, out...)
		return bytes.Contains(last, []byte(want))
	}, teatest.WithDuration(120*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}
