package imapsvc

import (
	"regexp"
	"strings"
	"testing"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotKeyChunksNoIdle: the chunks of a client sort follow each other
// on the keys connection, which never IDLEs, so no chunk waits for
// an IDLE to end (8–30 ms each on Dovecot when they ran on the main
// connection, whose owner starts IDLE whenever its queue is empty). Every
// key comes once, and a UID the server does not have is left out.
func TestDovecotKeyChunksNoIdle(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 30, plainMessage)
	p := proxy.Start(t, srv.Addr)
	s, trace, mb := liveService(t, srv, p, LiveOptions{})
	uids, err := s.UIDs(testCtx(t), mb)
	if err != nil || len(uids.UIDs) != 30 {
		t.Fatalf("UIDs = %d, %v", len(uids.UIDs), err)
	}
	nextEvent(t, s, isIdleEvent) // the main connection IDLEs

	asked := append(append([]UID{}, uids.UIDs...), uids.UIDs[29]+1000) // one the server lacks
	seen := map[UID]int{}
	for i := 0; i < len(asked); i += 10 {
		chunk := asked[i:min(i+10, len(asked))]
		l, err := s.SortKeys(testCtx(t), mb, i, chunk, KeySubject)
		if err != nil {
			t.Fatalf("SortKeys chunk %d: %v", i/10, err)
		}
		for _, k := range l.Keys {
			seen[k.UID]++
		}
	}
	for _, u := range uids.UIDs {
		if seen[u] != 1 {
			t.Fatalf("UID %d answered %d times", u, seen[u])
		}
	}
	if len(seen) != 30 {
		t.Fatalf("%d UIDs answered, want the 30 the server has", len(seen))
	}

	idleCmd := regexp.MustCompile(`(?i)^(?:bg|keys): (?:\S+ IDLE|DONE)\r?$`)
	if !idleCmd.MatchString("keys: K9 IDLE") {
		t.Fatal("the check would not see an IDLE")
	}
	fetches := 0
	for _, l := range strings.Split(trace.String(), "\n") {
		switch {
		case idleCmd.MatchString(l):
			t.Fatalf("the connection of the keys IDLEd: %q", l)
		case strings.Contains(l, "UID FETCH") && strings.Contains(l, "HEADER.FIELDS"):
			if !strings.HasPrefix(l, "keys: ") {
				t.Fatalf("a key chunk ran on the main connection: %q", l)
			}
			fetches++
		}
	}
	if fetches != 4 {
		t.Fatalf("%d key fetches in the trace, want 4", fetches)
	}
}
