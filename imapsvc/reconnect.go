package imapsvc

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// retryState is the reconnect schedule, owned by the run goroutine. The
// password is kept in memory only, to log in again after a loss; it is
// never logged or traced (the tap redacts it). An account that logs in
// with a token keeps no token: each login runs the token command.
type retryState struct {
	password string
	armed    bool      // logged in once, so a lost connection is dialled again
	attempt  int       // tries made since the loss
	at       time.Time // next try; zero when none is due
	gen      int       // bumped by Connect so a stale dial is dropped
	dialing  bool
}

type redialResult struct {
	gen int
	c   *imapclient.Client
	lc  *limitConn
	err error
}

// hungConn lets do() close the live connection from the caller's goroutine
// when a command outlives its timeout.
type hungConn struct {
	mu  sync.Mutex
	c   *imapclient.Client
	why error // why tern closed c itself
	// The client that broke a limit, and which; kept apart from why as
	// it may happen before c is made the live connection.
	limited  *imapclient.Client
	limitWhy error
}

func (h *hungConn) set(c *imapclient.Client) {
	h.mu.Lock()
	h.c, h.why = c, nil
	h.mu.Unlock()
}

// close closes the live connection because of why.
func (h *hungConn) close(why error) {
	h.mu.Lock()
	c := h.c
	if c != nil && h.why == nil {
		h.why = why
	}
	h.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// closeIf closes c because of why, if c is still the live connection.
func (h *hungConn) closeIf(c *imapclient.Client, why error) {
	h.mu.Lock()
	live := c != nil && h.c == c
	if live && h.why == nil {
		h.why = why
	}
	h.mu.Unlock()
	if live {
		c.Close()
	}
}

// noteLimit records that c broke a limit, when c is the live connection.
// It runs on c's reader goroutine, which closes c itself.
func (h *hungConn) noteLimit(c *imapclient.Client, why error) {
	h.mu.Lock()
	h.limited, h.limitWhy = c, why
	h.mu.Unlock()
}

// reason is why the connection closed: tern's own reason, else err.
func (h *hungConn) reason(err error) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.why != nil {
		return h.why
	}
	if h.limited != nil && h.limited == h.c {
		return h.limitWhy
	}
	return err
}

// setClient makes c the live connection (nil: none).
func (s *Service) setClient(c *imapclient.Client, lc *limitConn) {
	s.c, s.lc, s.bye = c, lc, ""
	s.hung.set(c)
}

// timerAt returns a channel that fires at t (nil for the zero time, which
// never fires) and a function to release its timer.
func timerAt(t time.Time) (<-chan time.Time, func()) {
	if t.IsZero() {
		return nil, func() {}
	}
	tm := time.NewTimer(time.Until(t))
	return tm.C, func() { tm.Stop() }
}

// dialLogin opens a new connection and logs in; it touches no Service
// state but the handlers, so it may run off the owner goroutine.
func (s *Service) dialLogin(password string) (*imapclient.Client, *limitConn, error) {
	c, lc, err := s.openLoggedIn(&imapclient.Options{
		DebugWriter:           s.tap,
		UnilateralDataHandler: s.handler(),
	}, password)
	if err != nil {
		return nil, nil, err
	}
	lc.setOnLimit(func(err error) { s.hung.noteLimit(c, err) })
	if err := lc.failure(s.acct.Host, nil); err != nil {
		c.Close() // broken just before the hook was in place
		return nil, nil, lc.failure(s.acct.Host, err)
	}
	return c, lc, nil
}

// openLoggedIn dials and logs in with opts, each step under the deadline
// stepTimeout (default connectStepTimeout). Every connection tern opens
// for a mailbox session goes through here, so none can hang at a step.
func (s *Service) openLoggedIn(opts *imapclient.Options, password string) (*imapclient.Client, *limitConn, error) {
	step := s.stepTimeout
	if step <= 0 {
		step = connectStepTimeout
	}
	if s.acct.usesToken() && password == "" {
		// Before dialling, so the server is not kept waiting meanwhile.
		var err error
		if password, err = s.fetchToken(step); err != nil {
			return nil, nil, err
		}
	}
	c, lc, err := s.acct.dial(opts, step)
	if err != nil {
		return nil, nil, classifyConnect(s.acct.Host, err)
	}
	fail := func(err error) (*imapclient.Client, *limitConn, error) {
		c.Close()
		return nil, nil, classifyConnect(s.acct.Host, lc.failure(s.acct.Host, err))
	}
	lc.setStep("CAPABILITY", step)
	if c.Caps() == nil {
		return fail(errors.New("the server did not answer CAPABILITY"))
	}
	lc.setStep("login", step)
	if s.acct.usesToken() {
		tp, _ := opts.DebugWriter.(*tap)
		err = s.tokenLogin(c, lc, tp, step, password)
	} else {
		err = login(c, s.acct.Username, password)
	}
	if err != nil {
		return fail(err)
	}
	// Servers may change their capabilities at login; ask now, in time.
	lc.setStep("CAPABILITY", step)
	if c.Caps() == nil {
		return fail(errors.New("the server did not answer CAPABILITY after login"))
	}
	lc.setStep("", 0)
	return c, lc, nil
}

// scheduleRetry plans the next reconnect try after err, if tern has
// logged in before and may do so again.
func (s *Service) scheduleRetry(err error) {
	if !s.retry.armed || s.retry.dialing {
		return
	}
	s.retry.attempt++
	s.retry.at = time.Now().Add(Backoff(s.retry.attempt, s.live.ReconnectMax, s.live.Rand))
	s.emit(Reconnecting{Attempt: s.retry.attempt, At: s.retry.at, Err: err})
}

// cancelRetry stops reconnecting (Connect by hand, Logout, a refused login).
func (s *Service) cancelRetry() {
	s.retry.attempt, s.retry.at, s.retry.dialing = 0, time.Time{}, false
	s.retry.gen++
}

// startRedial dials in a goroutine, so requests keep being answered (with
// ErrNotConnected) while the network is slow.
func (s *Service) startRedial() {
	s.retry.at, s.retry.dialing = time.Time{}, true
	s.emit(StateChanged{State: StateConnecting})
	gen, password := s.retry.gen, s.retry.password
	go func() {
		c, lc, err := s.dialLogin(password)
		select {
		case s.redial <- redialResult{gen: gen, c: c, lc: lc, err: err}:
		case <-s.done:
			if c != nil {
				c.Close()
			}
		}
	}()
}

// redialed takes the result of a reconnect try.
func (s *Service) redialed(res redialResult) {
	if res.gen != s.retry.gen {
		if res.c != nil {
			res.c.Close() // Connect by hand won meanwhile
		}
		return
	}
	s.retry.dialing = false
	var ae *AuthError
	switch {
	case errors.As(res.err, &ae):
		// A refused login is reported once and never retried; a NO
		// [UNAVAILABLE] (the server cannot check it now) is retried.
		s.retry.password, s.retry.armed = "", false
		s.bg.setLogin("", false)
		s.cancelRetry()
		s.emit(StateChanged{State: StateDisconnected, Err: fmt.Errorf("logging in again: %w", res.err)})
	case res.err != nil:
		s.emit(StateChanged{State: StateDisconnected, Err: res.err})
		s.scheduleRetry(res.err)
	default:
		s.cancelRetry()
		s.setClient(res.c, res.lc)
		s.emit(StateChanged{State: StateAuthenticated})
		s.emit(Reconnected{})
	}
}

// noteAlert shows a BYE or [ALERT] the tap picked up; a BYE also says why
// the server hangs up.
func (s *Service) noteAlert(item any) {
	if l, ok := item.(serverLine); ok && l.alert != "" {
		s.alert(l.alert)
	}
}

// keepResyncMark remembers the open folder when the connection is lost, so
// that selecting it again can ask only for what changed meanwhile.
func (s *Service) keepResyncMark() {
	if s.sel != nil && s.sel.modSeq > 0 {
		s.resync = s.sel
	}
}

// changedSince, after a reconnect and on a server with CONDSTORE, fetches
// the flags that changed while tern was away: UID FETCH 1:* (FLAGS)
// (CHANGEDSINCE <HIGHESTMODSEQ when the folder was opened>). Without it
// the UI fetches the flags of what it shows again. Expunges are found by
// the UID list either way: QRESYNC's VANISHED is beyond go-imap.
func (s *Service) changedSince(c *imapclient.Client, sel *selected, out *Selection) error {
	mark := s.resync
	s.resync = nil
	if mark == nil || mark.Mailbox != sel.Mailbox || sel.modSeq == 0 {
		return nil
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true, ChangedSince: mark.modSeq}).Collect()
	if err != nil {
		return serverErr("UID FETCH (CHANGEDSINCE)", err)
	}
	for _, m := range msgs {
		out.Changed = append(out.Changed, Row{UID: UID(m.UID), Flags: toFlags(m.Flags)})
	}
	out.FlagsCurrent = true
	return nil
}
