package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// idleStopTimeout bounds how long a request waits for IDLE to end; a server
// that does not answer DONE in that time is treated as gone.
const idleStopTimeout = 5 * time.Second

// ErrClosed answers requests made after Close.
var ErrClosed = errors.New("connection closed")

// ErrNotConnected answers requests made before Connect succeeded.
var ErrNotConnected = errors.New("not connected")

// Service owns one account's connection. Its goroutine runs requests one at
// a time; the unilateral handlers only queue what they see.
type Service struct {
	acct   Account
	log    *slog.Logger
	tap    *tap
	reqs   chan request
	events chan Event
	done   chan struct{}
	once   sync.Once
	uni    *queue

	live   LiveOptions
	side   sideConn   // STATUS RECENT and LSUB (side.go)
	bg     bgConn     // fetches nobody waits for (bgconn.go)
	keys   [2]keyConn // the client sort's keys (keyconn.go)
	pushed pushed     // other folders' counts from NOTIFY (sidenotify.go)
	redial chan redialResult
	hung   hungConn   // what do() closes when a command outlives its caller
	lc     *limitConn // c's connection, for holdReads
	// testBeforeMove, for tests, runs between tern's MOVE check and Move.
	testBeforeMove func()
	// ownTimeout bounds commands the owner sends on its own; tests shorten
	// it before the first request.
	ownTimeout time.Duration
	// stepTimeout bounds each step of connecting (0: connectStepTimeout).
	stepTimeout time.Duration

	// Owned by the run goroutine.
	c         *imapclient.Client
	sel       *selected
	idle      *imapclient.IdleCommand
	idleSince time.Time
	lastPoll  time.Time
	retry     retryState
	bye       string    // text of the server's BYE on this connection, for the lost notice
	backlog   backlog   // events the full channel could not take yet
	resync    *selected // the folder open when the connection was lost
}

// selected is the open folder as the connection sees it.
type selected struct {
	Mailbox
	readOnly bool
	seq      seqMap
	recent   uint32
	unseen   int64
	perm     []string // PERMANENTFLAGS as sent, for Store
	high     UID      // highest UID known to exist; newer ones are new mail
	grew     bool     // EXISTS grew: fetch high+1:*
	modSeq   uint64   // HIGHESTMODSEQ at SELECT (CONDSTORE), 0 without
	// lastExpunge is when an EXPUNGE was last applied; see seqFlagsDoubt.
	lastExpunge time.Time
}

type request struct {
	fn func()
}

// New starts the goroutine that will own the account's connection.
func New(acct Account, opts Options) *Service {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	n := opts.EventBuffer
	if n <= 0 {
		n = 256
	}
	s := &Service{
		acct:   acct,
		log:    logger,
		reqs:   make(chan request),
		events: make(chan Event, n),
		done:   make(chan struct{}),
		uni:    newQueue(),
		pushed: pushed{ready: make(chan struct{}, 1)},
		live:   opts.Live.withDefaults(),
		redial: make(chan redialResult, 1),
		side:   newIdleConn(sideIdle, closeRaw),
		bg:     bgConn{idleConn: newIdleConn(bgIdle, closeClient)},
		keys:   [2]keyConn{newIdleConn(keysIdle, closeRaw), newIdleConn(keysIdle, closeRaw)},

		ownTimeout: ownCommandTimeout,
	}
	s.tap = &tap{out: opts.Trace, ring: newRing(traceKeep), onLine: func(l serverLine) { s.uni.push(l) }}
	go s.run()
	return s
}

// Events delivers unsolicited server data and state changes.
func (s *Service) Events() <-chan Event { return s.events }

// Close drops the connection without LOGOUT and stops the goroutine.
func (s *Service) Close() {
	s.once.Do(func() {
		close(s.done)
		s.side.close()
		s.bg.close()
		s.keys[0].close()
		s.keys[1].close()
	})
}

// do runs fn on the owner goroutine and waits for it or for ctx.
func (s *Service) do(ctx context.Context, fn func() error) error {
	reply := make(chan error, 1)
	var mu sync.Mutex
	gone := false // the caller stopped waiting
	r := request{fn: func() {
		err := fn()
		mu.Lock()
		defer mu.Unlock()
		if gone {
			s.late(err)
			return
		}
		reply <- err
	}}
	select {
	case s.reqs <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.done:
		return ErrClosed
	}
	select {
	case err := <-reply:
		return cleanError(err)
	case <-ctx.Done():
		mu.Lock()
		gone = true
		mu.Unlock()
		select {
		case err := <-reply: // answered just in time
			return cleanError(err)
		default:
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			// The server left a command unanswered: treat the connection
			// as gone, which also frees the owner goroutine.
			s.hung.close(errors.New("the server left a command unanswered until its timeout"))
		}
		return ctx.Err()
	}
}

// late passes on what a request found after its caller stopped waiting,
// where the user must hear it: what the server holds after a cut.
func (s *Service) late(err error) {
	var ie *InterruptedError
	if errors.As(err, &ie) {
		s.emit(LateInterrupted{Err: ie})
	}
}

func (s *Service) run() {
	defer s.shutdown()
	for {
		s.drainUnilateral()
		s.fetchNew()
		s.startIdle()
		var closed <-chan struct{}
		if s.c != nil {
			closed = s.c.Closed()
		}
		keep, stopKeep := timerAt(s.keepaliveDue())
		retry, stopRetry := timerAt(s.retry.at)
		// The backlog's head goes out as soon as the UI makes room.
		var out chan<- Event
		var head Event
		if !s.backlog.empty() {
			out, head = s.events, s.backlog.head()
		}
		select {
		case out <- head:
			s.backlogSent()
		case r := <-s.reqs:
			s.stopIdle()
			r.fn()
		case <-s.uni.ready:
		case <-s.pushed.ready:
			s.emitPushed()
		case <-closed:
			s.drainUnilateral() // a BYE just before the close
			s.lost(s.hung.reason(errors.New("the server closed the connection")))
		case <-keep:
			s.keepalive()
		case <-retry:
			s.startRedial()
		case res := <-s.redial:
			s.redialed(res)
		case <-s.done:
			stopKeep()
			stopRetry()
			return
		}
		stopKeep()
		stopRetry()
	}
}

func (s *Service) shutdown() {
	s.stopIdle()
	if s.c != nil {
		s.c.Close()
	}
}

// lost forgets a dead connection, tells the UI and schedules a reconnect
// when there is a password to log in with again.
func (s *Service) lost(err error) {
	if s.c != nil {
		s.c.Close()
	}
	// News about the dead connection's folder is dropped, but a BYE says
	// why the server hung up.
	for _, item := range s.uni.take() {
		s.noteAlert(item)
	}
	if s.bye != "" {
		err = fmt.Errorf("the server said goodbye: %s", s.bye)
	}
	s.idle = nil
	s.setClient(nil, nil)
	s.keepResyncMark()
	s.sel = nil
	s.emit(StateChanged{State: StateDisconnected, Err: err})
	s.scheduleRetry(err)
}

// emit never blocks the owner goroutine and never loses state: what the
// full channel cannot take waits in the backlog, folded (a burst of 10,000
// expunges becomes one Resync of the folder), and the run loop hands it
// over as the UI reads.
func (s *Service) emit(ev Event) {
	ev = cleanEvent(ev)
	s.flush()
	if s.backlog.empty() {
		select {
		case s.events <- ev:
			return
		default:
			s.log.Warn("the UI is not reading events: folding them until it does")
		}
	}
	s.backlog.add(ev, s.sel)
}

// flush moves what fits from the backlog into the channel.
func (s *Service) flush() {
	for !s.backlog.empty() {
		select {
		case s.events <- s.backlog.head():
			s.backlogSent()
		default:
			return
		}
	}
}

// backlogSent pops the event the channel just took.
func (s *Service) backlogSent() {
	s.backlog.pop()
	if s.backlog.empty() && s.backlog.folded > 0 {
		s.log.Warn("events folded while the UI was not reading", "count", s.backlog.folded)
		s.backlog.folded = 0
	}
}

func (s *Service) startIdle() {
	if s.idle != nil || s.c == nil || s.sel == nil || !s.has(imap.CapIdle) {
		return
	}
	idle, err := s.c.Idle()
	if err != nil {
		s.log.Warn("IDLE failed", "err", err)
		return
	}
	s.idle, s.idleSince = idle, time.Now()
	s.emit(StateChanged{State: StateIdle})
}

// stopIdle ends IDLE without waiting for the server's answer, so the next
// command follows DONE at once (RFC 2177 allows it) and a request or the
// fetch of new mail costs one round trip, not two. go-imap keeps the order:
// IDLE holds the command encoder until DONE is written, so the next command
// waits for that write, never for the answer. Writing DONE and its answer
// are awaited off the owner goroutine, bounded: a server that does not
// answer in idleStopTimeout is treated as gone, which also ends the command
// sent behind DONE.
func (s *Service) stopIdle() {
	if s.idle == nil {
		return
	}
	idle, c := s.idle, s.c
	s.idle = nil
	go func() {
		done := make(chan error, 1)
		go func() {
			if err := idle.Close(); err != nil {
				done <- err
				return
			}
			done <- idle.Wait()
		}()
		select {
		case err := <-done:
			if err != nil {
				s.log.Warn("ending IDLE", "err", err)
			}
		case <-time.After(idleStopTimeout):
			s.hung.closeIf(c, errors.New("the server did not answer DONE after IDLE"))
		}
	}()
	if s.sel != nil {
		s.emit(StateChanged{State: StateSelected})
	}
}

// client returns the live connection or ErrNotConnected.
func (s *Service) client() (*imapclient.Client, error) {
	if s.c == nil {
		return nil, ErrNotConnected
	}
	return s.c, nil
}

// open returns the connection and the open folder, checking that mb is
// still the folder the caller means.
func (s *Service) open(mb Mailbox) (*imapclient.Client, *selected, error) {
	c, err := s.client()
	if err != nil {
		return nil, nil, err
	}
	sel, err := s.current(mb)
	return c, sel, err
}

// current checks that mb is still the open folder.
func (s *Service) current(mb Mailbox) (*selected, error) {
	if s.sel == nil || s.sel.Mailbox != mb {
		return nil, ErrStale
	}
	return s.sel, nil
}
