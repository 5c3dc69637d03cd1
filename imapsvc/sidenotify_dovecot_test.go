package imapsvc

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotNotifyCounts: where the server has NOTIFY, mail another
// client appends to a folder that is not open arrives as a CountsChanged
// event with that folder's new counts, without any request.
func TestDovecotNotifyCounts(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	p := proxy.Start(t, srv.Addr)
	set := make(chan struct{})
	p.InjectAfter(func(dir proxy.Direction, l string) bool {
		if dir == proxy.ToClient && strings.HasPrefix(l, "N2 OK") {
			close(set)
			return true
		}
		return false
	})
	s, trace, _ := liveService(t, srv, p, LiveOptions{})
	if _, err := s.ListFolders(testCtx(t)); err != nil { // the tree's counts go live
		t.Fatal(err)
	}
	// NOTIFY reports changes from when it is set.
	select {
	case <-set:
	case <-time.After(30 * time.Second):
		t.Fatal("NOTIFY SET was never answered OK")
	}

	srv.Append(t, "alice", "Archive", plainMessage(3))
	ev := nextEvent(t, s, func(e CountsChanged) bool { _, ok := e.Counts["Archive"]; return ok })
	if c := ev.Counts["Archive"]; c.Messages != 3 || c.Unseen != 3 {
		t.Fatalf("Archive counts = %+v, want 3/3", c)
	}
	if !strings.Contains(trace.String(), "notify: N2 "+notifyCommand) {
		t.Fatal("NOTIFY SET is not in the trace")
	}
}

// TestDovecotNotifyHidden: without NOTIFY nothing is set up, and the
// counts are there for the polling to ask.
func TestDovecotNotifyHidden(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Archive", 2, plainMessage)
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("NOTIFY")
	p.Strict()
	s, trace, _ := liveService(t, srv, p, LiveOptions{})
	if _, err := s.ListFolders(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	srv.Append(t, "alice", "Archive", plainMessage(3))
	c, err := s.Counts(testCtx(t), []FolderName{"Archive"})
	if err != nil || c.Counts["Archive"].Messages != 3 {
		t.Fatalf("Counts = %+v, %v", c, err)
	}
	s.pushed.mu.Lock()
	running := s.pushed.running
	s.pushed.mu.Unlock()
	if running || strings.Contains(trace.String(), "NOTIFY") || len(p.Violations()) > 0 {
		t.Fatalf("NOTIFY used although hidden: running %v, violations %v", running, p.Violations())
	}
}

// TestNotifyRefusedNotAskedAgain: a server that refuses NOTIFY SET (here
// the proxy turns it into a command Dovecot answers BAD) is asked once;
// later folder lists start no new watcher, each of which would cost a
// login, and the UI's polling is what is left.
func TestNotifyRefusedNotAskedAgain(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("NOTIFY")
	p.Strict()
	s, _, _ := liveService(t, srv, p, LiveOptions{})
	s.pushed.running = true // as startNotify claims it
	s.watchNotify()         // returns at the refusal
	s.pushed.mu.Lock()
	refused, running := s.pushed.refused, s.pushed.running
	s.pushed.mu.Unlock()
	if !refused || running || len(p.Violations()) != 1 {
		t.Fatalf("after the refusal: refused %v, running %v, NOTIFY sent %v", refused, running, p.Violations())
	}
	s.startNotify(imap.CapSet{imap.Cap("NOTIFY"): {}})
	s.pushed.mu.Lock()
	running = s.pushed.running
	s.pushed.mu.Unlock()
	if running {
		t.Fatal("a watcher started again after the server refused NOTIFY")
	}
}

// BenchmarkNotifyCounts measures how long after another client's APPEND
// to a folder that is not open its new counts leave the service
// (CountsChanged). Run with:
//
//	go test -run '^$' -bench NotifyCounts -benchtime 20x ./imapsvc/
func BenchmarkNotifyCounts(b *testing.B) {
	srv := dovetest.Start(b, dovetest.Options{})
	s := New(dovecotAccount(b, srv, SecurityTLS), Options{})
	defer s.Close()
	openInbox(b, s)
	if _, err := s.ListFolders(testCtx(b)); err != nil {
		b.Fatal(err)
	}
	sender, err := srv.Dial("alice")
	if err != nil {
		b.Fatal(err)
	}
	defer sender.Close()
	// NOTIFY is set in the background after the folder list: append until
	// a change is reported.
	var n uint32
	for ready := false; !ready; {
		n++
		appendTo(b, sender, "Archive", n)
		select {
		case ev := <-s.Events():
			_, ready = ev.(CountsChanged)
		case <-time.After(2 * time.Second):
			if n > 15 {
				b.Fatal("no CountsChanged after 15 appends")
			}
		}
	}
	for len(s.Events()) > 0 {
		<-s.Events()
	}
	delays := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		want := n + uint32(i) + 1
		appendTo(b, sender, "Archive", want)
		nextEvent(b, s, func(e CountsChanged) bool { return e.Counts["Archive"].Messages == want })
		delays = append(delays, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(percentile(delays, 50), "ms-median")
	b.ReportMetric(percentile(delays, 99), "ms-p99")
}

func appendTo(b testing.TB, c *imapclient.Client, folder string, i uint32) {
	msg := plainMessage(int(i))
	app := c.Append(folder, int64(len(msg)), nil)
	app.Write(msg)
	app.Close()
	if _, err := app.Wait(); err != nil {
		b.Fatal(err)
	}
}
