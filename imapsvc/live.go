package imapsvc

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// LiveOptions tune live watching and reconnecting.
type LiveOptions struct {
	// IdleRefresh restarts IDLE after this long (RFC 2177: servers may drop
	// an IDLE after 30 minutes). Default 25m.
	IdleRefresh time.Duration
	// PollInterval is how often a server without IDLE is asked (NOOP) for
	// news while a folder is open. Default 1m.
	PollInterval time.Duration
	// ReconnectMax caps the wait between reconnect tries. Default 5m.
	ReconnectMax time.Duration
	// Rand returns a number in [0, 1) for the reconnect jitter; tests fix
	// it. Default math/rand/v2.
	Rand func() float64
}

const (
	defaultIdleRefresh  = 25 * time.Minute
	defaultPollInterval = time.Minute
	defaultReconnectMax = 5 * time.Minute
	reconnectBase       = time.Second
)

func (o LiveOptions) withDefaults() LiveOptions {
	if o.IdleRefresh <= 0 {
		o.IdleRefresh = defaultIdleRefresh
	}
	if o.PollInterval <= 0 {
		o.PollInterval = defaultPollInterval
	}
	if o.ReconnectMax <= 0 {
		o.ReconnectMax = defaultReconnectMax
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return o
}

// Backoff is the wait before reconnect try attempt (1, 2, ...): 1 s
// doubling per try, capped at max, with jitter that keeps the wait in
// [d/2, d) so many clients cut off at once do not come back in step.
func Backoff(attempt int, max time.Duration, random func() float64) time.Duration {
	d := reconnectBase
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	return d/2 + time.Duration(random()*float64(d/2))
}

// keepaliveDue is when the owner goroutine must next act on its own: the
// IDLE refresh, or a NOOP poll on a server without IDLE. Zero: never.
func (s *Service) keepaliveDue() time.Time {
	switch {
	case s.c == nil || s.sel == nil:
		return time.Time{}
	case s.idle != nil:
		return s.idleSince.Add(s.live.IdleRefresh)
	case !s.has(imap.CapIdle):
		return s.lastPoll.Add(s.live.PollInterval)
	}
	return time.Time{}
}

// keepalive restarts IDLE (the loop starts it again) or polls with NOOP;
// news that NOOP brings arrives through the unilateral handlers.
func (s *Service) keepalive() {
	if s.idle != nil {
		s.stopIdle()
		return
	}
	s.lastPoll = time.Now()
	if err := s.bounded(func() error { return s.c.Noop().Wait() }); err != nil {
		s.log.Warn("NOOP failed", "err", err)
	}
}

// ownCommandTimeout bounds the commands the owner goroutine sends on its
// own (NOOP, fetching new mail), which have no caller with a timeout.
const ownCommandTimeout = 30 * time.Second

// bounded runs such a command; a server that leaves it unanswered is
// treated as gone (the connection is closed, which ends the wait, and the
// run loop reconnects).
func (s *Service) bounded(fn func() error) error {
	d := s.ownTimeout
	t := time.AfterFunc(d, func() {
		s.hung.close(fmt.Errorf("the server did not answer for %v", d))
	})
	defer t.Stop()
	return fn()
}

// maxNewRows is the most new messages fetched as new mail at once.
const maxNewRows = 500

// fetchNew fetches messages announced by EXISTS, by UID, and emits them:
// one UID FETCH of the new range instead of listing the whole folder
// again, which costs the server ~170 ms at 200,000 messages.
func (s *Service) fetchNew() {
	sel := s.sel
	if s.c == nil || sel == nil || !sel.grew {
		return
	}
	sel.grew = false
	if sel.seq.unknownTail() > maxNewRows {
		// A burst (another client copying thousands of messages here) is
		// not fetched on this connection, where keys would wait behind
		// it: the UI reads the UID list again and fetches what it shows.
		s.emit(Resync{Mailbox: sel.Mailbox, Exists: sel.seq.len(), Recent: sel.recent})
		return
	}
	s.stopIdle() // DONE; the FETCH follows without waiting for its answer
	if s.c == nil {
		return
	}
	from := sel.high + 1
	// from:* is answered with the last message even when from is past it,
	// so the answer is filtered by UID.
	var set imap.UIDSet
	set.AddRange(imap.UID(from), 0) // 0 is "*"
	var msgs []*imapclient.FetchMessageBuffer
	err := s.bounded(func() (err error) {
		msgs, err = s.c.Fetch(set, rowItems()).Collect()
		return err
	})
	if err != nil {
		s.log.Warn("fetching new messages", "err", err)
		return
	}
	var rows []Row
	for _, m := range msgs {
		sel.seq.learn(m.SeqNum, UID(m.UID))
		if UID(m.UID) >= from {
			rows = append(rows, toRow(m))
			sel.high = max(sel.high, UID(m.UID))
		}
	}
	if len(rows) == 0 {
		return
	}
	sortRows(rows)
	s.emit(NewMail{Mailbox: sel.Mailbox, Rows: rows})
}
