package imapsvc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
)

// The keys connections fetch the header fields of the client sort's keys
// (SortKeys; sizes alone stay on the background connection). Each is a
// raw connection (sideconn.go) with a reader of just these FETCH answers
// (keyfetch.go): go-imap's decoding of them, its deadline per literal and
// the trace of every line were most of tern's CPU in a sort of 50,000
// messages, and on two cores shared with the server that CPU was time.
// It EXAMINEs the folder it fetches from, opens on the first key fetch
// (the second: on the first of keysSplitMin keys or more), closes after
// keysIdle unused, on Logout and on Close. When the first cannot log in
// (a server that limits connections per user), the keys are fetched on
// the background connection as before, and tern does not try again for
// keysRetry; where only one logs in, it fetches both halves.

const (
	keysIdle  = 2 * time.Minute
	keysRetry = time.Minute
)

// keyConn is a keys connection.
type keyConn = idleConn[*rawConn]

// keyReadBuffer is the keys connection's read buffer: a chunk's answer
// is about half a megabyte, read in 4 KB it cost a system call per 30
// messages.
const keyReadBuffer = 64 << 10

// errNoKeysConn says the keys must be fetched the other way.
var errNoKeysConn = errors.New("no keys connection")

// withKeys runs fn on keys connection i (0 or 1) with mb examined. A
// reused connection the server dropped unnoticed is replaced once.
func (s *Service) withKeys(ctx context.Context, i int, mb Mailbox, fn func(rc *rawConn) error) error {
	k := &s.keys[i]
	return k.with(ctx, func() (*rawConn, bool, error) { return s.keysOpen(ctx, i) },
		func(rc *rawConn) error { return s.keysRun(ctx, k, rc, mb, fn) },
		func(err error) bool {
			var se *ServerError
			return errors.As(err, &se)
		})
}

// onKeyConns fetches the keys of uids on the keys connections with
// fetchPart. A large request is fetched in halves on two connections at
// once: on Dovecot, a header field not yet in its cache costs a read of
// every message file, and two server processes read on two cores. It
// answers errNoKeysConn where no keys connection can log in.
func (s *Service) onKeyConns(ctx context.Context, mb Mailbox, uids []UID,
	fetchPart func([]UID, keyFetch) ([]MessageKeys, error)) ([]MessageKeys, error) {
	onKeys := func(i int, part []UID) (keys []MessageKeys, err error) {
		err = s.withKeys(ctx, i, mb, func(rc *rawConn) error {
			keys, err = fetchPart(part, func(uids []UID, items *imap.FetchOptions, f func(*keyAnswer)) error {
				return rc.fetchKeys(ctx, uids, items, f)
			})
			return err
		})
		return keys, err
	}
	parts := [][]UID{uids}
	if len(uids) >= keysSplitMin {
		parts = [][]UID{uids[:len(uids)/2], uids[len(uids)/2:]}
	}
	got := make([][]MessageKeys, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = onKeys(i, part)
		}()
	}
	wg.Wait()
	// Where one of the two could not log in, the other fetches its half.
	for i := range parts {
		if j := 1 - i; len(parts) == 2 && errors.Is(errs[i], errNoKeysConn) && errs[j] == nil {
			got[i], errs[i] = onKeys(j, parts[i])
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return slices.Concat(got...), nil
}

// keysRun runs fn in mb on rc; a caller that stops waiting closes rc's
// connection, which ends the command.
func (s *Service) keysRun(ctx context.Context, k *keyConn, rc *rawConn, mb Mailbox, fn func(rc *rawConn) error) error {
	stop := context.AfterFunc(ctx, func() { rc.conn.Close() })
	defer stop()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.deadline(ctx)
	if err := examineKeys(k, rc, mb); err != nil {
		return err
	}
	return fn(rc)
}

// keysOpen returns open keys connection i or logs in a new one.
func (s *Service) keysOpen(ctx context.Context, i int) (rc *rawConn, reused bool, err error) {
	k := &s.keys[i]
	rc, closed, failed := k.take()
	password, ok := s.bg.login()
	switch {
	case closed:
		return nil, false, ErrClosed
	case !ok:
		return nil, false, ErrNotConnected
	case rc != nil:
		return rc, true, nil
	case !failed.IsZero() && time.Since(failed) < keysRetry:
		return nil, false, errNoKeysConn
	}
	what, prefix := "keys connection", "keys: "
	if i > 0 {
		what, prefix = "second keys connection", "keys2: "
	}
	rc, err = s.acct.dialRaw(ctx, password, what, "K", &tap{out: s.tap.out, ring: s.tap.ring, prefix: prefix})
	if err != nil {
		s.log.Warn("no "+what+"; sort keys are fetched on fewer connections", "err", err)
		k.loginFailed()
		return nil, false, errNoKeysConn
	}
	// From here the key reader traces what it reads itself (a summary of
	// the FETCH answers, not each line), so the reader stops copying to the
	// trace, unless the server sent more after the login than was read.
	if rc.rd.r.Buffered() == 0 {
		rc.rd = &wireReader{r: bufio.NewReaderSize(rc.conn, keyReadBuffer)}
	}
	if !k.keep(rc) { // Close came meanwhile
		return nil, false, ErrClosed
	}
	return rc, false, nil
}

// examineKeys makes mb the folder examined on rc, unless it is already. A
// folder whose UIDVALIDITY is no longer mb's is stale.
func examineKeys(k *keyConn, rc *rawConn, mb Mailbox) error {
	if k.folder() == mb {
		return nil
	}
	k.setBox(rc, Mailbox{})
	var validity uint64
	err := rc.keyCommand("EXAMINE "+cleanLine(mb.Name), "EXAMINE "+quoteWire(encodeMUTF7(string(mb.Name))), func(r *keyResp) error {
		line := string(r.line(0))
		rc.traceRead(line)
		if v, ok := uidValidityOf(line); ok {
			validity = v
		}
		return nil
	})
	if err != nil {
		return err
	}
	if validity != uint64(mb.UIDValidity) {
		return ErrStale
	}
	k.setBox(rc, mb)
	return nil
}

// uidValidityOf reads "* OK [UIDVALIDITY n] ...".
func uidValidityOf(line string) (uint64, bool) {
	rest, ok := strings.CutPrefix(strings.ToUpper(line), "* OK [UIDVALIDITY ")
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	return n, err == nil
}

// traceRead traces one line read, when rc is traced.
func (rc *rawConn) traceRead(line string) {
	if rc.read != nil && line != "" {
		fmt.Fprintf(rc.read, "%s\r\n", line)
	}
}
