package imapsvc

import (
	"bufio"

	"strings"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// commandCounter counts the commands a client sends, from the trace:
// a tagged line whose second word is not OK, NO or BAD. IDLE is left
// out: it is how the connection waits, not part of an action.
type commandCounter struct{ syncBuffer }

// take returns the commands seen since the last call.
func (c *commandCounter) take() []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(c.drain()))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || f[0] == "*" || f[0] == "+" || !strings.HasPrefix(f[0], "T") {
			continue
		}
		switch f[1] {
		case "OK", "NO", "BAD", "IDLE":
			continue
		}
		verb := f[1]
		if verb == "UID" && len(f) > 2 {
			verb += " " + f[2]
		}
		out = append(out, verb)
	}
	return out
}

// BenchmarkFlagAndMove10k flags 10,000 selected messages of a
// 50,000-message folder on Dovecot, then moves them, and reports the
// commands each took (one UID STORE; one UID MOVE, or COPY + STORE +
// UID EXPUNGE without MOVE) and the time. The selection is every message
// of a 12,500 range but each fifth, so its UID set has 2,500 ranges.
// Each iteration takes a new range: run it with -benchtime 3x (at most 4).
// Run: go test -run '^$' -bench FlagAndMove10k -benchtime 3x ./imapsvc/
func BenchmarkFlagAndMove10k(b *testing.B) {
	for _, hide := range []string{"", "MOVE"} {
		name := "MOVE"
		if hide != "" {
			name = "no-MOVE"
		}
		b.Run(name, func(b *testing.B) {
			if b.N > 4 {
				b.Fatal("at most 4 iterations: run with -benchtime 3x")
			}
			srv := dovetest.Start(b, dovetest.Options{})
			srv.SeedMaildir(b, "alice", "INBOX", 50_000, plainMessage)
			srv.SeedMaildir(b, "alice", "Archive", 0, plainMessage)
			p := proxy.Start(b, srv.Addr)
			if hide != "" {
				p.HideCapability(hide)
			}
			host, port := splitHostPort(b, p.Addr)
			cc := &commandCounter{}
			s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: "alice"}, Options{Trace: cc})
			b.Cleanup(s.Close)
			ctx := testCtx(b)
			mb := openInbox(b, s)
			var flagT, moveT time.Duration
			var flagCmds, moveCmds []string
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var uids []UID
				for u := i*12_500 + 1; u <= (i+1)*12_500; u++ {
					if u%5 != 0 {
						uids = append(uids, UID(u))
					}
				}
				cc.take()
				b.StartTimer()
				start := time.Now()
				res, err := s.Store(ctx, mb, uids, StoreAdd, []string{`\Flagged`})
				flagT += time.Since(start)
				if err != nil || len(res.Updated) != len(uids) {
					b.Fatalf("store: %d updated, %v", len(res.Updated), err)
				}
				flagCmds = cc.take()
				start = time.Now()
				tr, err := s.Move(ctx, mb, uids, "Archive")
				moveT += time.Since(start)
				if err != nil || len(tr.DestUIDs) != len(uids) {
					b.Fatalf("move: %d copied, %v", len(tr.DestUIDs), err)
				}
				moveCmds = cc.take()
			}
			b.StopTimer()
			b.ReportMetric(float64(flagT.Milliseconds())/float64(b.N), "ms-flag")
			b.ReportMetric(float64(moveT.Milliseconds())/float64(b.N), "ms-move")
			b.ReportMetric(float64(len(flagCmds)), "cmds-flag")
			b.ReportMetric(float64(len(moveCmds)), "cmds-move")
			b.Logf("%s: flag sent %v; move sent %v", name, flagCmds, moveCmds)
		})
	}
}
