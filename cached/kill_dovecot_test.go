package cached

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"tern/cache"
	"tern/imapsvc"
	"tern/internal/dovetest"
)

// TestMain runs the child process of TestDovecotKillMidWrite: the test
// binary itself, told by the environment to run a tern session.
func TestMain(m *testing.M) {
	if os.Getenv("TERN_CACHED_CHILD") == "session" {
		os.Exit(childSession(os.Getenv("TERN_ADDR"), os.Getenv("TERN_PATH")))
	}
	os.Exit(m.Run())
}

// childSession fills the cache from the server and flags messages, over
// and over, printing "round N" after each round's writes are on disk,
// until it is killed.
func childSession(addr, path string) int {
	fail := func(err error) int { fmt.Println("error", err); return 1 }
	host, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)
	svc := imapsvc.New(imapsvc.Account{Host: host, Port: port, Security: imapsvc.SecurityPlain, Username: "alice"}, imapsvc.Options{})
	store, _, err := cache.Open(path, cache.Options{})
	if err != nil {
		return fail(err)
	}
	b := New(svc, store, nil)
	go func() {
		for range b.Events() {
		}
	}()
	ctx := context.Background()
	if _, err := b.Connect(ctx, "secret"); err != nil {
		return fail(err)
	}
	sel, err := b.Select(ctx, "INBOX", false, 20)
	if err != nil {
		return fail(err)
	}
	l, err := b.UIDs(ctx, sel.Mailbox)
	if err != nil {
		return fail(err)
	}
	s := &session{svc: svc, b: b}
	for round := 1; ; round++ {
		for i := 0; i < len(l.UIDs); i += 100 {
			w := l.UIDs[i:min(i+100, len(l.UIDs))]
			if _, err := b.Rows(ctx, sel.Mailbox, round, w); err != nil {
				return fail(err)
			}
			op := imapsvc.StoreAdd
			if round%2 == 0 {
				op = imapsvc.StoreRemove
			}
			if _, err := b.Store(ctx, sel.Mailbox, w[:10], op, []string{`\Flagged`}); err != nil {
				return fail(err)
			}
		}
		s.flush()
		fmt.Println("round", round)
	}
}

// TestDovecotKillMidWrite: a tern process filling the cache and changing
// flags holds the cache (a second process is refused it) and is killed
// with SIGKILL mid-write. The file reopens without a notice, every row in
// it is the message its UID names, and after the resync the rows equal
// the server's.
func TestDovecotKillMidWrite(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "INBOX", 600, message)
	path := cachePath(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TERN_CACHED_CHILD=session", "TERN_ADDR="+srv.Addr, "TERN_PATH="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(out)
	for rounds := 0; rounds < 3; {
		if !lines.Scan() {
			t.Fatalf("child ended: %v", lines.Err())
		}
		if _, err := fmt.Sscanf(lines.Text(), "round %d", &rounds); err != nil {
			t.Fatalf("child: %q", lines.Text())
		}
	}
	if s, _, err := cache.Open(path, cache.Options{LockTimeout: 50 * time.Millisecond}); err != cache.ErrInUse {
		if s != nil {
			s.Close()
		}
		t.Fatalf("second process: %v, want ErrInUse", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	store, notice, err := cache.Open(path, cache.Options{})
	if err != nil || notice != "" {
		t.Fatalf("reopen after the kill: %v %q", err, notice)
	}
	st, ok, err := store.Folder("INBOX")
	if err != nil || !ok {
		t.Fatalf("folder: %v %v", ok, err)
	}
	mb := imapsvc.Mailbox{Name: "INBOX", UIDValidity: st.UIDValidity}
	n := 0
	err = store.EachRow(mb, func(r imapsvc.Row) {
		n++
		if want := fmt.Sprintf("message %d", r.UID-1); r.Subject != want {
			t.Errorf("UID %d holds %q, want %q", r.UID, r.Subject, want)
		}
	})
	store.Close()
	if err != nil || n != 600 {
		t.Fatalf("%d rows after the kill (%v), want 600", n, err)
	}

	s2, _ := startSession(t, srv, path)
	sel, uids := s2.open(t, "INBOX")
	s2.flush()
	wantUIDs, flagged, _ := truth(t, srv.Selected(t, "alice", "INBOX"))
	if len(uids) != len(wantUIDs) {
		t.Fatalf("%d UIDs, server %d", len(uids), len(wantUIDs))
	}
	for _, r := range s2.rows(t, sel.Mailbox, uids) {
		if r.Flags.Flagged != flagged[r.UID] {
			t.Fatalf("UID %d flagged=%v after the resync, server %v", r.UID, r.Flags.Flagged, flagged[r.UID])
		}
	}
}
