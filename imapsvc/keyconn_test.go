package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/hostile"
	"tern/internal/proxy"
)

// TestHostileKeyFetchBounded: the keys connection takes from a key FETCH
// answer only the UIDs asked, each once, keeps a bounded part of a 32 MiB
// header, and is not led astray by unasked answers and other responses.
func TestHostileKeyFetchBounded(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Exists: 3, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd != "UID" || !strings.Contains(args, "HEADER.FIELDS") {
			return false
		}
		c.Send(`* 9 FETCH (UID 9 BODY[HEADER.FIELDS (Subject)] {11}`, "Subject: no)",
			`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (Subject)] {12}`, "Subject: one)",
			`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (Subject)] {12}`, "Subject: two)",
			`* 3 FETCH (FLAGS (\Seen))`, `* 4 EXISTS`, `* OK [ALERT] hello`)
		c.SendLiteral(`* 2 FETCH (UID 2 BODY[HEADER.FIELDS (Subject)] `, 32<<20, ")")
		c.Send(`* 3 FETCH (UID 3 BODY[HEADER.FIELDS (Subject)] "Subject: three")`, tag+" OK done")
		return true
	}})
	s, trace := tracedService(t, Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u"}, Options{})
	sel := connectInbox(t, s, "pw")
	before := totalAlloc()
	l, err := s.SortKeys(testCtx(t), sel.Mailbox, 1, []UID{1, 2, 3}, KeySubject)
	grew := totalAlloc() - before
	if err != nil || len(l.Keys) != 3 {
		t.Fatalf("SortKeys = %+v, %v", l, err)
	}
	if k := l.Keys; k[0].UID != 1 || k[0].Subject != "one" || k[1].UID != 2 || k[1].Subject != "" ||
		k[2].UID != 3 || k[2].Subject != "three" {
		t.Fatalf("keys %+v", l.Keys)
	}
	if grew > 16<<20 {
		t.Fatalf("tern allocated %d MiB for a 32 MiB header", grew>>20)
	}
	if !strings.Contains(trace.String(), "keys: K3 UID FETCH 1:3 (UID BODY.PEEK[HEADER.FIELDS (Subject)])") {
		t.Fatalf("the key fetch did not run on the keys connection:\n%s", trace)
	}
}

// TestKeysWithoutKeysConnection: where the keys connection cannot log in,
// the keys come over the background connection, and tern does not try
// the keys connection again at every chunk. There too a 32 MiB header is
// kept only in part (it was read whole, into 128 MiB of buffers).
func TestKeysWithoutKeysConnection(t *testing.T) {
	var refused atomic.Int32
	srv := hostile.Start(t, hostile.Options{Exists: 3, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd == "LOGIN" && strings.HasSuffix(args, "}") { // the raw connections' LOGIN
			refused.Add(1)
			c.Send(tag + " NO too many connections")
			return true
		}
		if cmd == "UID" && strings.Contains(args, "HEADER.FIELDS") {
			c.SendLiteral(`* 2 FETCH (UID 2 BODY[HEADER.FIELDS (Subject)] `, 32<<20, ")")
			c.Send(`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (Subject)] {12}`, "Subject: one)", tag+" OK done")
			return true
		}
		return false
	}})
	s, trace := tracedService(t, Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u"}, Options{})
	sel := connectInbox(t, s, "pw")
	for i := 0; i < 2; i++ {
		before := totalAlloc()
		l, err := s.SortKeys(testCtx(t), sel.Mailbox, i, []UID{1, 2}, KeySubject)
		grew := totalAlloc() - before
		if err != nil || len(l.Keys) != 2 || l.Keys[0].Subject != "one" {
			t.Fatalf("SortKeys %d = %+v, %v", i, l, err)
		}
		if grew > 16<<20 {
			t.Fatalf("tern allocated %d MiB for a 32 MiB header", grew>>20)
		}
	}
	if n := refused.Load(); n != 1 {
		t.Fatalf("%d logins of the keys connection, want 1 (then not again for a while)", n)
	}
	if strings.Count(trace.String(), "bg: ") == 0 || !strings.Contains(trace.String(), "HEADER.FIELDS") {
		t.Fatalf("the keys did not come over the background connection:\n%s", trace)
	}
}

// TestKeysConnectionStale: a folder whose UIDVALIDITY changed answers
// ErrStale on the keys connection too.
func TestKeysConnectionStale(t *testing.T) {
	srv := hostile.Start(t, hostile.Options{Exists: 3})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	sel := connectInbox(t, s, "pw")
	mb := sel.Mailbox
	mb.UIDValidity++
	if _, err := s.SortKeys(testCtx(t), mb, 1, []UID{1}, KeySubject); !errors.Is(err, ErrStale) {
		t.Fatalf("SortKeys with an old UIDVALIDITY = %v, want ErrStale", err)
	}
}

// TestDovecotKeyTraceSummarized: the trace of a key fetch holds the
// command, a sample answer and a count, not a line per message: 500
// FETCH lines pushed everything else out of the console's copy of the
// trace, and tracing them cost a twelfth of tern's CPU in a sort. The
// password stays out of the trace, and Logout closes the connection.
func TestDovecotKeyTraceSummarized(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 500, plainMessage)
	s, trace, mb := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	uids, err := s.UIDs(testCtx(t), mb)
	if err != nil || len(uids.UIDs) != 500 {
		t.Fatalf("UIDs = %d, %v", len(uids.UIDs), err)
	}
	before := trace.Len()
	l, err := s.SortKeys(testCtx(t), mb, 1, uids.UIDs, KeySubject)
	if err != nil || len(l.Keys) != 500 {
		t.Fatalf("SortKeys = %d keys, %v", len(l.Keys), err)
	}
	sorted := trace.String()[before:]
	if n := strings.Count(sorted, "FETCH"); n > 10 {
		t.Fatalf("the trace of one key fetch has %d FETCH lines:\n%s", n, sorted)
	}
	if !strings.Contains(sorted, "(500 responses read by the key reader, 500 of them answers") {
		t.Fatalf("no count of the answers in the trace:\n%s", sorted)
	}
	if strings.Contains(trace.String(), "secret") {
		t.Fatal("the password is in the trace")
	}
	if err := s.Logout(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	s.keys[0].mu.Lock()
	open := s.keys[0].c != nil
	s.keys[0].mu.Unlock()
	if open {
		t.Fatal("the keys connection outlived Logout")
	}
}

// TestDovecotKeysOnTwoConnections: a chunk of at least keysSplitMin is
// fetched in halves on two keys connections, every key once; a small one
// on the first connection alone.
func TestDovecotKeysOnTwoConnections(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", keysSplitMin+10, plainMessage)
	s, trace, mb := liveService(t, srv, proxy.Start(t, srv.Addr), LiveOptions{})
	uids, err := s.UIDs(testCtx(t), mb)
	if err != nil || len(uids.UIDs) != keysSplitMin+10 {
		t.Fatalf("UIDs = %d, %v", len(uids.UIDs), err)
	}
	l, err := s.SortKeys(testCtx(t), mb, 1, uids.UIDs, KeySubject|KeyDate|KeyArrived)
	if err != nil || len(l.Keys) != len(uids.UIDs) {
		t.Fatalf("SortKeys = %d keys, %v", len(l.Keys), err)
	}
	for i, k := range l.Keys {
		if k.UID != uids.UIDs[i] || k.Subject != fmt.Sprintf("message %d", i) || k.Date.IsZero() {
			t.Fatalf("key %d = %+v", i, k)
		}
	}
	text := trace.String()
	for _, prefix := range []string{"keys: ", "keys2: "} {
		if !strings.Contains(text, prefix+"K3 UID FETCH ") {
			t.Fatalf("no key fetch on %q:\n%s", prefix, text)
		}
	}
	before := trace.Len()
	if l, err := s.SortKeys(testCtx(t), mb, 2, uids.UIDs[:10], KeySubject); err != nil || len(l.Keys) != 10 {
		t.Fatalf("SortKeys of 10 = %+v, %v", l, err)
	}
	if small := trace.String()[before:]; strings.Contains(small, "keys2: ") || !strings.Contains(small, "keys: K4 UID FETCH 1:10 ") {
		t.Fatalf("a small chunk was split:\n%s", small)
	}
	// Sizes alone stay on the background connection, whose session has
	// read them already (on Dovecot a session's first RFC822.SIZE reads
	// the whole folder).
	before = trace.Len()
	if l, err := s.SortKeys(testCtx(t), mb, 3, uids.UIDs, KeySize); err != nil || len(l.Keys) != len(uids.UIDs) || l.Keys[0].Size == 0 {
		t.Fatalf("SortKeys by size = %d keys, %v", len(l.Keys), err)
	}
	if sizes := trace.String()[before:]; strings.Contains(sizes, "keys: ") || !strings.Contains(sizes, "bg: ") {
		t.Fatalf("sizes were not fetched on the background connection:\n%s", sizes)
	}
}

// TestKeysWithoutSecondConnection: where only one keys connection can log
// in (either: they log in at once), it fetches both halves.
func TestKeysWithoutSecondConnection(t *testing.T) {
	var logins atomic.Int32
	n := uint32(keysSplitMin + 2)
	srv := hostile.Start(t, hostile.Options{Exists: n, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd == "LOGIN" && strings.HasSuffix(args, "}") && logins.Add(1) > 1 {
			c.Send(tag + " NO too many connections")
			return true
		}
		if cmd == "UID" && strings.Contains(args, "HEADER.FIELDS") {
			var lo, hi int
			fmt.Sscanf(strings.Fields(args)[1], "%d:%d", &lo, &hi)
			var lines []string
			for u := lo; u <= hi; u++ {
				lines = append(lines, fmt.Sprintf(`* %d FETCH (UID %d BODY[HEADER.FIELDS (Subject)] "Subject: s%d")`, u, u, u))
			}
			c.Send(append(lines, tag+" OK done")...)
			return true
		}
		return false
	}})
	s, trace := tracedService(t, Account{Host: srv.Host, Port: srv.Port, Security: SecurityPlain, Username: "u"}, Options{})
	sel := connectInbox(t, s, "pw")
	var uids []UID
	for u := UID(1); u <= UID(n); u++ {
		uids = append(uids, u)
	}
	l, err := s.SortKeys(testCtx(t), sel.Mailbox, 1, uids, KeySubject)
	if err != nil || len(l.Keys) != len(uids) {
		t.Fatalf("SortKeys = %d keys, %v", len(l.Keys), err)
	}
	for i, k := range l.Keys {
		if k.UID != uids[i] || k.Subject != fmt.Sprintf("s%d", i+1) {
			t.Fatalf("key %d = %+v", i, k)
		}
	}
	fetches := 0
	for _, l := range strings.Split(trace.String(), "\n") {
		if strings.Contains(l, "UID FETCH") && (strings.HasPrefix(l, "keys: K") || strings.HasPrefix(l, "keys2: K")) {
			fetches++
		}
	}
	if fetches != 2 || strings.Contains(trace.String(), "bg: ") {
		t.Fatalf("both halves should come over the keys connection that logged in:\n%s", trace)
	}
}

// TestKeysCancelled: a caller that stops waiting (the folder was left)
// ends a key fetch the server sits on: the connection is closed, and the
// next fetch logs in anew and is answered.
func TestKeysCancelled(t *testing.T) {
	held := make(chan struct{})
	var fetches, logins atomic.Int32
	srv := hostile.Start(t, hostile.Options{Exists: 3, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd == "LOGIN" && strings.HasSuffix(args, "}") {
			logins.Add(1)
			return false
		}
		if cmd != "UID" || !strings.Contains(args, "HEADER.FIELDS") {
			return false
		}
		if fetches.Add(1) == 1 {
			close(held) // and never answer
			return true
		}
		c.Send(`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (Subject)] "Subject: one")`, tag+" OK done")
		return true
	}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	sel := connectInbox(t, s, "pw")
	ctx, cancel := context.WithCancel(testCtx(t))
	done := make(chan error, 1)
	go func() {
		_, err := s.SortKeys(ctx, sel.Mailbox, 1, []UID{1}, KeySubject)
		done <- err
	}()
	select {
	case <-held:
	case <-time.After(30 * time.Second):
		t.Fatal("the key fetch never went out")
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled key fetch succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a cancelled key fetch kept waiting for the server")
	}
	l, err := s.SortKeys(testCtx(t), sel.Mailbox, 2, []UID{1}, KeySubject)
	if err != nil || len(l.Keys) != 1 || l.Keys[0].Subject != "one" {
		t.Fatalf("the next fetch = %+v, %v", l, err)
	}
	if n := logins.Load(); n != 2 {
		t.Fatalf("%d logins of the keys connection, want 2", n)
	}
}

// TestKeysRefusedFetch: a NO to a key fetch reads as the server's answer,
// short (not the whole UID set), and leaves the keys connection in use.
func TestKeysRefusedFetch(t *testing.T) {
	var fetches, logins atomic.Int32
	srv := hostile.Start(t, hostile.Options{Exists: 900, Handle: func(c *hostile.Conn, tag, cmd, args string) bool {
		if cmd == "LOGIN" && strings.HasSuffix(args, "}") {
			logins.Add(1)
			return false
		}
		if cmd != "UID" || !strings.Contains(args, "HEADER.FIELDS") {
			return false
		}
		if fetches.Add(1) == 1 {
			c.Send(tag + " NO [SERVERBUG] try later")
			return true
		}
		c.Send(`* 1 FETCH (UID 1 BODY[HEADER.FIELDS (Subject)] "Subject: one")`, tag+" OK done")
		return true
	}})
	s := hostileService(t, srv, SecurityPlain, "", LiveOptions{})
	sel := connectInbox(t, s, "pw")
	var odd []UID // a set that spells out every UID
	for u := UID(1); u < 900; u += 2 {
		odd = append(odd, u)
	}
	_, err := s.SortKeys(testCtx(t), sel.Mailbox, 1, odd, KeySubject)
	var se *ServerError
	if !errors.As(err, &se) || err.Error() != "UID FETCH: NO [SERVERBUG] try later" {
		t.Fatalf("SortKeys = %v, want the server's NO", err)
	}
	l, err := s.SortKeys(testCtx(t), sel.Mailbox, 2, []UID{1}, KeySubject)
	if err != nil || len(l.Keys) != 1 || l.Keys[0].Subject != "one" {
		t.Fatalf("the next fetch = %+v, %v", l, err)
	}
	if n := logins.Load(); n != 1 {
		t.Fatalf("%d logins of the keys connection, want 1", n)
	}
}
