package imapsvc

import (
	"bytes"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// BenchmarkNewMailLatency measures what tern adds to the server's own
// announcement delay: for each delivery (an APPEND from a third
// connection), the time from the untagged EXISTS reaching a bare IDLE
// connection to NewMail, with the row, leaving the service. Dovecot itself
// takes 0.5-0.9 s to announce, which is why both clients are timed in the
// same run. ms-own-* is tern's own share: from the EXISTS reaching tern's
// socket to NewMail. The proxy-50ms run puts both clients behind the test
// proxy with 50 ms added to every round trip (plaintext, so the proxy can
// read lines): there ending IDLE and fetching cost what they would over a
// real network. Run with:
//
//	go test -run '^$' -bench NewMailLatency -benchtime 100x ./imapsvc/
func BenchmarkNewMailLatency(b *testing.B) {
	b.Run("tls-loopback", func(b *testing.B) { newMailLatency(b, 0) })
	b.Run("proxy-50ms", func(b *testing.B) { newMailLatency(b, 50*time.Millisecond) })
}

func newMailLatency(b *testing.B, rtt time.Duration) {
	srv := dovetest.Start(b, dovetest.Options{})
	srv.SeedMaildir(b, "alice", "INBOX", 1000, plainMessage)
	own := &existsClock{}
	acct, dial := dovecotAccount(b, srv, SecurityTLS), ""
	if rtt > 0 {
		p := proxy.Start(b, srv.Addr)
		p.Delay(rtt)
		host, port := splitHostPort(b, p.Addr)
		acct, dial = Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice"}, p.Addr
	}
	s := New(acct, Options{Trace: own})
	defer s.Close()
	openInbox(b, s)
	nextEvent(b, s, isIdleEvent)

	raw := bareIdler(b, srv, dial)
	sender, err := srv.Dial("alice")
	if err != nil {
		b.Fatal(err)
	}
	defer sender.Close()

	delays, owns := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		// Deliveries are spaced like real mail, not back to back: tern's
		// fetch of the previous message touches Dovecot's index, which
		// starts the bare connection's 500 ms notify timer early, and a
		// delivery inside that window would reach the bare connection
		// sooner than any client that fetched anything. This pacing is
		// not a wait for a condition; nothing is timed across it.
		b.StopTimer()
		<-time.After(deliveryGap)
		b.StartTimer()
		for len(raw) > 0 {
			<-raw // nothing stale: each delivery is timed against its own EXISTS
		}
		own.reset()
		msg := plainMessage(2000 + i)
		app := sender.Append("INBOX", int64(len(msg)), nil)
		app.Write(msg)
		app.Close()
		if _, err := app.Wait(); err != nil {
			b.Fatal(err)
		}
		nextEvent[NewMail](b, s, nil)
		tern := time.Now()
		var bare time.Time
		select {
		case bare = <-raw:
		case <-time.After(30 * time.Second):
			b.Fatal("the bare connection saw no EXISTS")
		}
		delays = append(delays, tern.Sub(bare))
		owns = append(owns, tern.Sub(own.first()))
		nextEvent(b, s, isIdleEvent) // idling again before the next one
	}
	b.StopTimer()
	b.ReportMetric(percentile(delays, 50), "ms-median")
	b.ReportMetric(percentile(delays, 99), "ms-p99")
	b.ReportMetric(percentile(owns, 50), "ms-own-median")
	b.ReportMetric(percentile(owns, 99), "ms-own-p99")
}

// deliveryGap is longer than Dovecot's notify delay (500 ms).
const deliveryGap = 700 * time.Millisecond

// percentile p of ds, in milliseconds.
func percentile(ds []time.Duration, p int) float64 {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	d := ds[min(len(ds)-1, len(ds)*p/100)]
	return float64(d.Microseconds()) / 1000
}

// existsClock notes when an EXISTS line reaches tern's connection: the
// trace is written by go-imap's reader as the bytes arrive.
type existsClock struct {
	mu sync.Mutex
	at time.Time
}

func (e *existsClock) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(" EXISTS")) {
		e.mu.Lock()
		if e.at.IsZero() {
			e.at = time.Now()
		}
		e.mu.Unlock()
	}
	return len(p), nil
}

func (e *existsClock) reset() {
	e.mu.Lock()
	e.at = time.Time{}
	e.mu.Unlock()
}

func (e *existsClock) first() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.at
}

// bareIdler is a plain go-imap connection idling on INBOX, over TLS, or
// in plaintext to plain when set; it reports when each EXISTS arrives.
func bareIdler(b testing.TB, srv *dovetest.Server, plain string) <-chan time.Time {
	seen := make(chan time.Time, 1024)
	cfg, err := srv.TLSConfig()
	if err != nil {
		b.Fatal(err)
	}
	opts := &imapclient.Options{TLSConfig: cfg,
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					seen <- time.Now()
				}
			},
		}}
	var c *imapclient.Client
	if plain != "" {
		c, err = imapclient.DialInsecure(plain, opts)
	} else {
		c, err = imapclient.DialTLS(srv.TLSAddr, opts)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	if err := c.Login("alice", "secret").Wait(); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Idle(); err != nil {
		b.Fatal(err)
	}
	return seen
}
