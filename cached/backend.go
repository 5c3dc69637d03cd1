// Package cached puts the header cache (package cache) in front of an
// imapsvc.Service: it answers the UI from the cache where the cache is
// known to be right, fills the cache from every answer and event, and
// resyncs a folder's cache when it is opened.
//
// A folder's cached rows are "confirmed" once, in this session, its
// flags have been brought up to date (CONDSTORE: UID FETCH 1:* (FLAGS)
// (CHANGEDSINCE <cached HIGHESTMODSEQ>); without it, the flags of every
// UID, a batch at a time in the background) and its UID list has come
// from the server. Only then are rows served from disk without a round
// trip; before, rows come from the server (or, offline, from the cache,
// which the UI marks as not confirmed).
package cached

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"tern/cache"
	"tern/imapsvc"
)

// writeQueue bounds cache writes waiting for the writer goroutine; a
// caller waits when it is full rather than losing a write.
const writeQueue = 64

// Backend is an imapsvc.Backend with the cache in front.
type Backend struct {
	*imapsvc.Service
	store  *cache.Store
	log    *slog.Logger
	events chan imapsvc.Event
	writes chan func() error
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once

	mu sync.Mutex
	// The folder the service has open, as the last Select answered.
	sel imapsvc.Mailbox
	// modSeq is its HIGHESTMODSEQ at SELECT (0 without CONDSTORE).
	modSeq uint64
	// flagsOK: the cached flags of sel are current (CHANGEDSINCE applied,
	// or every flag fetched); uidsOK: the cached UID list is the server's.
	flagsOK, uidsOK bool
	// ready: flagsOK and uidsOK, and the writes that made them so are on
	// disk; only then are rows read from the cache as the server's.
	ready bool
	// gen counts selections and losses; a background sync of an older
	// one stops.
	gen int
	// selecting is the folder a Select is on its way for, "" when none.
	selecting imapsvc.FolderName
	// settled, for tests, hears each folder whose cache became confirmed.
	settled chan imapsvc.Mailbox
}

// New wraps svc with store. Close closes the store (not svc).
func New(svc *imapsvc.Service, store *cache.Store, log *slog.Logger) *Backend {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Backend{
		Service: svc, store: store, log: log,
		events: make(chan imapsvc.Event, 256),
		writes: make(chan func() error, writeQueue),
		done:   make(chan struct{}),
	}
	b.wg.Add(2)
	go b.forward()
	go b.writer()
	return b
}

// Close stops the forwarding, finishes the writes queued and closes the
// store.
func (b *Backend) Close() {
	b.once.Do(func() {
		close(b.done)
		b.wg.Wait()
		b.store.Close()
	})
}

// Events delivers the service's events after the cache has seen them.
func (b *Backend) Events() <-chan imapsvc.Event { return b.events }

// write queues a change of the cache; the writer runs them in order.
func (b *Backend) write(fn func() error) {
	select {
	case b.writes <- fn:
	case <-b.done:
	}
}

func (b *Backend) writer() {
	defer b.wg.Done()
	run := func(fn func() error) {
		if err := fn(); err != nil {
			b.log.Warn("header cache", "err", err)
			if errors.Is(err, cache.ErrDamaged) {
				b.lose() // a fresh file: nothing is confirmed in it
				b.tell()
			}
		}
	}
	for {
		select {
		case fn := <-b.writes:
			run(fn)
		case <-b.done:
			for {
				select {
				case fn := <-b.writes:
					run(fn)
				default:
					return
				}
			}
		}
	}
}

// forward applies each event to the cache and passes it on. When the UI
// does not read, it waits; the service keeps its backlog meanwhile.
func (b *Backend) forward() {
	defer b.wg.Done()
	in := b.Service.Events()
	for {
		select {
		case ev := <-in:
			b.apply(ev)
			b.tell()
			b.pass(ev)
		case <-b.done:
			return
		}
	}
}

// tell passes on what the store has to say (damage found, the file
// rebuilt) as a notice.
func (b *Backend) tell() {
	for _, n := range b.store.Notices() {
		b.pass(imapsvc.CacheNotice{Text: "header cache: " + n})
	}
}

func (b *Backend) pass(ev imapsvc.Event) {
	select {
	case b.events <- ev:
	case <-b.done:
	}
}

func (b *Backend) apply(ev imapsvc.Event) {
	s := b.store
	switch ev := ev.(type) {
	case imapsvc.FlagsChanged:
		up := []imapsvc.FlagUpdate{{UID: ev.UID, Flags: ev.Flags}}
		b.write(func() error { return s.SetFlags(ev.Mailbox, up) })
	case imapsvc.Expunged:
		b.write(func() error { return s.Remove(ev.Mailbox, []imapsvc.UID{ev.UID}) })
	case imapsvc.NewMail:
		uids := make([]imapsvc.UID, 0, len(ev.Rows))
		for _, r := range ev.Rows {
			uids = append(uids, r.UID)
		}
		b.write(func() error {
			if err := s.PutRows(ev.Mailbox, ev.Rows); err != nil {
				return err
			}
			return s.AddUIDs(ev.Mailbox, uids)
		})
	case imapsvc.Resync, imapsvc.Reconnecting:
		b.lose() // news was folded or missed: resync before trusting the cache
	case imapsvc.StateChanged:
		if ev.State == imapsvc.StateDisconnected {
			b.lose()
		}
	}
}

// lose forgets that the open folder's cache is current.
func (b *Backend) lose() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flagsOK, b.uidsOK, b.ready = false, false, false
	b.gen++
}

// confirmed reports whether mb's cached rows may be shown as the server's.
func (b *Backend) confirmed(mb imapsvc.Mailbox) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return mb == b.sel && b.ready
}

// settle records, once flags and UIDs are both current, the MODSEQ up to
// which the cache is right, for the next start's CHANGEDSINCE.
// It runs in the writer, after the writes that made them current.
func (b *Backend) settle() {
	b.mu.Lock()
	mb, mod, gen := b.sel, b.modSeq, b.gen
	b.mu.Unlock()
	b.write(func() error {
		b.mu.Lock()
		ok := b.gen == gen && b.flagsOK && b.uidsOK
		b.ready = ok
		b.mu.Unlock()
		if !ok {
			return nil
		}
		if b.settled != nil {
			b.settled <- mb
		}
		return b.store.SetState(mb.Name, cache.FolderState{UIDValidity: mb.UIDValidity, ModSeq: mod})
	})
}

// Warm answers from the cache alone (imapsvc.Warmer).
func (b *Backend) Warm(ctx context.Context, name imapsvc.FolderName, window int) (imapsvc.Warmed, bool, error) {
	var out imapsvc.Warmed
	ro := false
	if name == "" {
		var err error
		if name, ro, err = b.store.Last(); err != nil || name == "" {
			return out, false, err
		}
	}
	st, ok, err := b.store.Folder(name)
	if err != nil || !ok {
		return out, false, err
	}
	mb := imapsvc.Mailbox{Name: name, UIDValidity: st.UIDValidity}
	uids, err := b.store.UIDs(mb)
	if err != nil || uids == nil {
		return out, false, err
	}
	rows, err := b.store.Rows(mb, uids[max(0, len(uids)-window):])
	if err != nil {
		return out, false, err
	}
	out.Selection = imapsvc.Selection{Mailbox: mb, ReadOnly: ro, Exists: uint32(len(uids)),
		UIDNext: st.UIDNext, Newest: rows}
	out.UIDs = uids
	return out, true, nil
}

// CachedFolders answers the last folder list kept (imapsvc.Warmer).
func (b *Backend) CachedFolders(ctx context.Context) (imapsvc.FolderList, bool, error) {
	fs, err := b.store.FolderList()
	return imapsvc.FolderList{Folders: fs}, fs != nil, err
}

// ListFolders keeps the answer for starting offline.
func (b *Backend) ListFolders(ctx context.Context) (imapsvc.FolderList, error) {
	l, err := b.Service.ListFolders(ctx)
	if err == nil {
		fs := slices.Clone(l.Folders)
		b.write(func() error { return b.store.SetFolderList(fs) })
	}
	return l, err
}

// Select opens the folder and brings its cache up to date: a cache of
// another UIDVALIDITY is dropped; with CONDSTORE the flags changed since
// the cached HIGHESTMODSEQ are fetched and go to the UI as
// Selection.Changed (FlagsCurrent), so rows it showed from the cache
// need no second fetch.
func (b *Backend) Select(ctx context.Context, name imapsvc.FolderName, readOnly bool, window int) (imapsvc.Selection, error) {
	b.mu.Lock()
	b.sel, b.flagsOK, b.uidsOK, b.ready, b.modSeq = imapsvc.Mailbox{}, false, false, false, 0
	b.gen++
	b.selecting = name
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		if b.selecting == name {
			b.selecting = ""
		}
		b.mu.Unlock()
	}()
	sel, err := b.Service.Select(ctx, name, readOnly, window)
	if err != nil {
		return sel, err
	}
	mb := sel.Mailbox
	old, had, _ := b.store.Folder(name)
	dropped, err := b.store.Begin(name, mb.UIDValidity)
	if err != nil {
		b.log.Warn("header cache", "err", err)
		return sel, nil
	}
	if dropped {
		b.log.Info("header cache: UIDVALIDITY changed, folder dropped", "folder", name)
	}
	since := uint64(0)
	if had && !dropped {
		since = old.ModSeq
	}
	newest := slices.Clone(sel.Newest)
	b.write(func() error {
		if err := b.store.SetLast(name, readOnly); err != nil {
			return err
		}
		return b.store.PutRows(mb, newest)
	})
	fs, err := b.Service.FlagsSince(ctx, mb, since)
	if err != nil {
		return sel, nil // the cache stays unconfirmed; the folder is open
	}
	flagsOK := fs.ModSeq != 0 && since != 0
	if flagsOK {
		for _, c := range fs.Changed {
			sel.Changed = append(sel.Changed, imapsvc.Row{UID: c.UID, Flags: c.Flags})
		}
		sel.FlagsCurrent = true
		changed := fs.Changed
		b.write(func() error { return b.store.SetFlags(mb, changed) })
	}
	b.mu.Lock()
	b.sel, b.modSeq, b.flagsOK = mb, fs.ModSeq, flagsOK
	b.mu.Unlock()
	return sel, nil
}

// UIDs stores the server's UID list (dropping rows of messages that
// went) and, where the flags are not known current, checks them in the
// background.
func (b *Backend) UIDs(ctx context.Context, mb imapsvc.Mailbox) (imapsvc.UIDList, error) {
	l, err := b.Service.UIDs(ctx, mb)
	if err != nil {
		return l, err
	}
	// Packed, the copy for the writer is a few bytes where the list is
	// runs of consecutive UIDs (a clone was 4 MB at 1,000,000 messages).
	uids := cache.PackUIDs(l.UIDs)
	b.write(func() error { return b.store.SetPackedUIDs(mb, uids) })
	b.mu.Lock()
	if mb != b.sel {
		b.mu.Unlock()
		return l, nil
	}
	b.uidsOK = true
	flagsOK, gen := b.flagsOK, b.gen
	b.mu.Unlock()
	if flagsOK {
		b.settle()
	} else {
		go b.syncFlags(mb, gen, uids)
	}
	return l, nil
}

// flagBatch is how many UIDs' flags one background FETCH asks for; the
// owner runs the user's requests between batches.
const flagBatch = 2000

// syncFlags fetches every message's flags, newest first, a batch at a
// time, into the cache; then the folder's cache is confirmed.
func (b *Backend) syncFlags(mb imapsvc.Mailbox, gen int, uids cache.PackedUIDs) {
	current := func() bool {
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.gen == gen && b.sel == mb
	}
	done := true
	err := uids.Batches(flagBatch, func(batch []imapsvc.UID) bool {
		if !current() {
			done = false
			return false
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		up, err := b.Service.FlagsOf(ctx, mb, batch)
		cancel()
		if err != nil {
			b.log.Info("header cache: flag sync stopped", "err", err)
			done = false
			return false
		}
		b.write(func() error { return b.store.SetFlags(mb, up) })
		select {
		case <-b.done:
			done = false
			return false
		default:
			return true
		}
	})
	if err != nil || !done {
		return
	}
	b.mu.Lock()
	ok := b.gen == gen && b.sel == mb
	if ok {
		b.flagsOK = true
	}
	b.mu.Unlock()
	if ok {
		b.settle()
	}
}

// Confirmed reports whether mb's rows are now served from the cache as
// the server's, with no round trip (for benchmarks and diagnostics).
func (b *Backend) Confirmed(mb imapsvc.Mailbox) bool { return b.confirmed(mb) }
