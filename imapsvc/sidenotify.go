package imapsvc

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Other folders live (RFC 5465 NOTIFY; go-imap has no API for it). Where
// the server advertises NOTIFY, a raw connection like the side connection
// (sideconn.go, its bounded reader and parser in sidewire.go) stays logged
// in with notifyCommand, and the server pushes "* STATUS name (MESSAGES n
// UNSEEN n ...)" when a folder changes; they become CountsChanged events.
// Without NOTIFY the UI keeps polling at status_interval. `personal`, not
// `subscribed`: Dovecot 2.3 matches `subscribed` against the subscriptions
// file only, so folders it subscribes itself (auto = subscribe) never
// notified; and the folder pane shows every folder by default.

const notifyCommand = "NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))"

const (
	// notifyKeepalive: a NOOP after this long keeps the session (servers
	// may log out an idle one after 30 minutes); no word from the server in
	// notifyDead means the connection is gone.
	notifyKeepalive = 20 * time.Minute
	notifyDead      = notifyKeepalive + time.Minute
	// maxPushedFolders bounds the counts kept until the UI takes them;
	// beyond it the event says Incomplete and the UI asks for all counts.
	maxPushedFolders = 10000
)

// CountsChanged reports counts the server pushed for folders (NOTIFY),
// the open one included. Incomplete means some change could not be read
// (too many folders, a STATUS without MESSAGES or UNSEEN): ask for every
// folder's counts again.
type CountsChanged struct {
	Counts     map[FolderName]Counts
	Incomplete bool
}

func (CountsChanged) event() {}

// pushed collects pushed counts from the watcher until the owner goroutine
// emits them, folded by folder.
type pushed struct {
	mu         sync.Mutex
	counts     map[FolderName]Counts
	incomplete bool
	ready      chan struct{} // holds a token while something is collected
	running    bool          // a watcher runs
	refused    bool          // the server refused NOTIFY SET: not asked again
}

func (p *pushed) add(name FolderName, c Counts, ok bool) {
	p.mu.Lock()
	if p.counts == nil {
		p.counts = map[FolderName]Counts{}
	}
	_, known := p.counts[name]
	switch {
	case !ok:
		p.incomplete = true
	case known || len(p.counts) < maxPushedFolders:
		p.counts[name] = c
	default:
		p.incomplete = true
	}
	p.mu.Unlock()
	select {
	case p.ready <- struct{}{}:
	default:
	}
}

func (p *pushed) take() (CountsChanged, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ev := CountsChanged{Counts: p.counts, Incomplete: p.incomplete}
	p.counts, p.incomplete = nil, false
	return ev, len(ev.Counts) > 0 || ev.Incomplete
}

// startNotify starts the watcher when the server has NOTIFY and none
// runs, once the folder tree is listed: only then are counts shown. It
// takes the capabilities of the connection that listed.
func (s *Service) startNotify(caps imap.CapSet) {
	if !caps.Has(imap.Cap("NOTIFY")) {
		return
	}
	s.pushed.mu.Lock()
	run := !s.pushed.running && !s.pushed.refused
	s.pushed.running = s.pushed.running || run
	s.pushed.mu.Unlock()
	if run {
		go s.watchNotify()
	}
}

// watchNotify keeps the NOTIFY connection while the account is logged in,
// logging in again (with the reconnect backoff) when it drops. A server
// that refuses NOTIFY SET is left alone: the UI polls.
func (s *Service) watchNotify() {
	defer func() {
		s.pushed.mu.Lock()
		s.pushed.running = false
		s.pushed.mu.Unlock()
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	for attempt := 1; ; attempt++ {
		password, ok := s.bg.login()
		if !ok || ctx.Err() != nil {
			return
		}
		err := s.notifyOnce(ctx, password, func() { attempt = 0 })
		var se *ServerError
		if errors.As(err, &se) {
			s.log.Warn("the server refused NOTIFY; other folders' counts are polled", "err", err)
			s.pushed.mu.Lock()
			s.pushed.refused = true
			s.pushed.mu.Unlock()
			return
		}
		s.log.Info("notify connection lost", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(Backoff(max(attempt, 1), s.live.ReconnectMax, s.live.Rand)):
		}
	}
}

// notifyOnce logs in, sets NOTIFY and reads what the server pushes until
// the connection fails or ctx ends; up runs once NOTIFY is set.
func (s *Service) notifyOnce(ctx context.Context, password string, up func()) error {
	rc, err := s.acct.dialRaw(ctx, password, "notify connection", "N",
		&tap{out: s.tap.out, ring: s.tap.ring, prefix: "notify: "})
	if err != nil {
		return err
	}
	defer rc.conn.Close()
	stop := context.AfterFunc(ctx, func() { rc.conn.Close() })
	defer stop()
	rc.deadline(ctx)
	st, text, err := rc.run(notifyCommand, nil, func(r response) error { s.notePushed(r); return nil })
	if err != nil {
		return err
	}
	if st != "OK" {
		return &ServerError{Op: "NOTIFY", Text: text}
	}
	up()
	// The NOOP goes out from its own goroutine while this one reads; rc's
	// counter and trace are the writer's from here on.
	var (
		wmu  sync.Mutex // guards keep and the writing
		keep *time.Timer
	)
	var noop func()
	noop = func() {
		wmu.Lock()
		defer wmu.Unlock()
		rc.n++
		rc.conn.SetWriteDeadline(time.Now().Add(rawStepTimeout))
		if rc.send(fmt.Sprintf("%s%d", rc.tag, rc.n), "NOOP", nil) == nil {
			keep = time.AfterFunc(notifyKeepalive, noop)
		}
	}
	wmu.Lock()
	keep = time.AfterFunc(notifyKeepalive, noop)
	wmu.Unlock()
	defer func() {
		wmu.Lock() // a NOOP being written finishes first
		keep.Stop()
		wmu.Unlock()
	}()
	for {
		rc.conn.SetReadDeadline(time.Now().Add(notifyDead))
		rc.rd.used = 0 // bounded per response here: nothing is one command's answer
		r, err := rc.rd.readResponse()
		if err != nil {
			return err
		}
		if untaggedKind(r.lines[0]) == "BYE" {
			return fmt.Errorf("the server said goodbye: %s", cleanLine(r.lines[0][2:]))
		}
		s.notePushed(r)
	}
}

// notePushed collects a pushed STATUS; anything else is ignored (the
// NOOP's answer, OK texts).
func (s *Service) notePushed(r response) {
	if untaggedKind(r.lines[0]) != "STATUS" {
		return
	}
	name, items, err := statusResponse(r)
	if err != nil {
		s.log.Warn("unreadable STATUS on the notify connection", "err", err)
		s.pushed.add("", Counts{}, false)
		return
	}
	msgs, okM := items["MESSAGES"]
	unseen, okU := items["UNSEEN"]
	s.pushed.add(FolderName(name), Counts{Messages: clamp32(msgs), Unseen: clamp32(unseen)}, okM && okU)
}

func clamp32(n uint64) uint32 { return uint32(min(n, 1<<32-1)) }

// emitPushed hands what the watcher collected to the UI (owner goroutine).
func (s *Service) emitPushed() {
	if ev, ok := s.pushed.take(); ok {
		s.emit(ev)
	}
}

// mergeCounts folds a later CountsChanged into an earlier one still in the
// backlog, within the same bound as the watcher's.
func mergeCounts(old, later CountsChanged) CountsChanged {
	out := CountsChanged{Counts: make(map[FolderName]Counts, len(old.Counts)), Incomplete: old.Incomplete || later.Incomplete}
	for k, v := range old.Counts {
		out.Counts[k] = v
	}
	for k, v := range later.Counts {
		if _, ok := out.Counts[k]; ok || len(out.Counts) < maxPushedFolders {
			out.Counts[k] = v
		} else {
			out.Incomplete = true
		}
	}
	return out
}
