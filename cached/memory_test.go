package cached

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// syncBuffer is a trace sink the test reads while the service writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fetchesAfter lists the FETCH commands tern sent after the trace's first
// mark bytes.
func fetchesAfter(trace string, mark int) []string {
	var out []string
	for _, l := range strings.Split(trace[mark:], "\n") {
		// Another connection's lines carry its name ("bg: ", "keys: ").
		for _, conn := range []string{"bg: ", "side: ", "notify: ", "keys: ", "keys2: "} {
			l = strings.TrimPrefix(l, conn)
		}
		// A command is "<tag> UID FETCH ..."; answers start with "*".
		if strings.Contains(l, " FETCH ") && !strings.HasPrefix(l, "*") && !strings.HasPrefix(l, "+") {
			out = append(out, l)
		}
	}
	return out
}

// TestDovecotJumpsFromMemory: once a folder's cache is confirmed, rows at
// either end (G, g, PgUp, PgDn), their sizes, and the keys of a sort by
// size or arrival are answered with no FETCH. Without CONDSTORE the
// flags are checked in the background first, and then the same holds.
func TestDovecotJumpsFromMemory(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 2000, message)
	for _, hide := range [][]string{nil, {"CONDSTORE", "QRESYNC"}} {
		t.Run(strings.Join(append([]string{"hide"}, hide...), "-"), func(t *testing.T) {
			p := proxy.Start(t, srv.Addr)
			p.HideCapability(hide...)
			path := cachePath(t)
			s1, _ := startAt(t, p.Addr, path, nil)
			sel, uids := s1.open(t, "INBOX")
			s1.rows(t, sel.Mailbox, uids)
			for i := 0; i < len(uids); i += 200 {
				if _, err := s1.b.Details(testCtx(t), sel.Mailbox, 1, uids[i:min(i+200, len(uids))]); err != nil {
					t.Fatal(err)
				}
			}
			s1.flush()
			s1.close()

			trace := &syncBuffer{}
			s2, _ := startAt(t, p.Addr, path, trace)
			sel2, uids2 := s2.open(t, "INBOX")
			s2.flush()
			mark := len(trace.String())
			if len(fetchesAfter(trace.String(), 0)) == 0 {
				t.Fatal("the trace shows no FETCH at all: the check below would prove nothing")
			}
			for _, window := range [][]imapsvc.UID{uids2[:60], uids2[len(uids2)-60:], uids2[900:960]} {
				l, err := s2.b.Rows(testCtx(t), sel2.Mailbox, 7, window)
				if err != nil || len(l.Rows) != 60 || l.RequestID != 7 {
					t.Fatalf("rows: %d, %v", len(l.Rows), err)
				}
				d, err := s2.b.Details(testCtx(t), sel2.Mailbox, 8, window)
				if err != nil || len(d.Rows) != 60 || d.Rows[0].Size == 0 {
					t.Fatalf("details: %+v, %v", d.Rows[:1], err)
				}
			}
			k, err := s2.b.SortKeys(testCtx(t), sel2.Mailbox, 9, uids2[:1000], imapsvc.KeySize|imapsvc.KeyArrived)
			if err != nil || len(k.Keys) != 1000 || k.Keys[0].Known != imapsvc.KeySize|imapsvc.KeyArrived || k.Keys[0].Size == 0 {
				t.Fatalf("sort keys: %d, %+v, %v", len(k.Keys), k.Keys[:1], err)
			}
			if f := fetchesAfter(trace.String(), mark); len(f) > 0 {
				t.Fatalf("%d FETCHes for a confirmed cached folder, first %q", len(f), f[0])
			}
			// A key the cache lacks comes from the server, once: a second
			// sort by it sends no FETCH.
			k, err = s2.b.SortKeys(testCtx(t), sel2.Mailbox, 9, uids2[:300], imapsvc.KeySize|imapsvc.KeySubject|imapsvc.KeyDate)
			if err != nil || len(k.Keys) != 300 || k.Keys[3].Subject != "message 3" || k.Keys[3].Size == 0 || k.Keys[3].Date.IsZero() {
				t.Fatalf("mixed sort keys: %+v, %v", k.Keys[:4], err)
			}
			if f := fetchesAfter(trace.String(), mark); len(f) != 1 || strings.Contains(f[0], "RFC822.SIZE") {
				t.Fatalf("the first sort by subject sent %q, want one FETCH without the sizes the cache has", f)
			}
			s2.flush()
			mark = len(trace.String())
			again, err := s2.b.SortKeys(testCtx(t), sel2.Mailbox, 10, uids2[:300], imapsvc.KeySubject|imapsvc.KeyDate)
			if err != nil || len(again.Keys) != 300 || again.Keys[3].Subject != "message 3" || !again.Keys[3].Date.Equal(k.Keys[3].Date) {
				t.Fatalf("kept sort keys: %+v, %v", again.Keys[:4], err)
			}
			if f := fetchesAfter(trace.String(), mark); len(f) > 0 {
				t.Fatalf("a second sort by subject sent %q", f[0])
			}
			// Then by sender (with the subject still wanted, as the list
			// asks while a subject sort is shown): the From alone is read.
			s2.flush()
			mark = len(trace.String())
			from, err := s2.b.SortKeys(testCtx(t), sel2.Mailbox, 11, uids2[:300], imapsvc.KeySubject|imapsvc.KeyFrom)
			if err != nil || len(from.Keys) != 300 || from.Keys[3].Subject != "message 3" || from.Keys[3].From == "" ||
				from.Keys[3].Known&(imapsvc.KeySubject|imapsvc.KeyFrom) != imapsvc.KeySubject|imapsvc.KeyFrom {
				t.Fatalf("sender and kept subject: %+v, %v", from.Keys[:4], err)
			}
			if f := fetchesAfter(trace.String(), mark); len(f) != 1 || !strings.Contains(f[0], "From") || strings.Contains(f[0], "Subject") {
				t.Fatalf("a sort by sender after one by subject sent %q, want one FETCH of From alone", f)
			}
		})
	}
}
