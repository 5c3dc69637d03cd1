package imapsvc

import (
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// queue hands unilateral data from the reader goroutine to the owner
// goroutine. It is unbounded on purpose: the reader must never wait for the
// owner, which may itself be waiting for the reader to finish a command.
type queue struct {
	mu    sync.Mutex
	items []any
	ready chan struct{} // holds a token while items is non-empty
}

func newQueue() *queue { return &queue{ready: make(chan struct{}, 1)} }

func (q *queue) push(item any) {
	q.mu.Lock()
	q.items = append(q.items, item)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

func (q *queue) take() []any {
	q.mu.Lock()
	defer q.mu.Unlock()
	items := q.items
	q.items = nil
	return items
}

type expungeItem struct{ seq uint32 }
type existsItem struct{ count uint32 }
type flagsItem struct {
	seq   uint32
	uid   imap.UID
	flags []imap.Flag
}

// handler queues what the server says outside of command results.
func (s *Service) handler() *imapclient.UnilateralDataHandler {
	return &imapclient.UnilateralDataHandler{
		Expunge: func(seq uint32) { s.uni.push(expungeItem{seq}) },
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				s.uni.push(existsItem{*d.NumMessages})
			}
		},
		Fetch: func(msg *imapclient.FetchMessageData) {
			item := flagsItem{seq: msg.SeqNum}
			haveFlags := false
			for {
				data := msg.Next()
				if data == nil {
					break
				}
				switch d := data.(type) {
				case imapclient.FetchItemDataFlags:
					item.flags, haveFlags = d.Flags, true
				case imapclient.FetchItemDataUID:
					item.uid = d.UID
				}
			}
			if haveFlags {
				s.uni.push(item)
			}
		},
	}
}

// seqFlagsDoubt is how long after an EXPUNGE a FETCH that names its
// message by sequence number alone is doubted. go-imap hands such a FETCH
// to its handler on a goroutine of its own, so it can reach the queue
// after an EXPUNGE the server sent later, and its number then names the
// wrong message. It is applied all the same, and a Resync makes the UI
// read the flags again by UID, so the screen converges on the server.
const seqFlagsDoubt = 2 * time.Second

// drainUnilateral applies queued server data to the open folder, in the
// order the server sent it, and tells the UI by UID. It returns one entry
// per EXPUNGE applied: the UID, or 0 where the map did not know it.
func (s *Service) drainUnilateral() (expunged []UID) {
	var doubt *selected
	defer func() {
		if doubt != nil && doubt == s.sel {
			s.emit(Resync{Mailbox: doubt.Mailbox, Exists: doubt.seq.len(), Recent: doubt.recent})
		}
	}()
	for _, item := range s.uni.take() {
		s.noteAlert(item)
		sel := s.sel
		if sel == nil {
			continue
		}
		switch it := item.(type) {
		case expungeItem:
			uid, ok := sel.seq.expunge(it.seq)
			if ok {
				expunged = append(expunged, uid)
			}
			if ok && uid != 0 {
				s.emit(Expunged{Mailbox: sel.Mailbox, UID: uid})
			}
			sel.lastExpunge = time.Now()
		case existsItem:
			if err := existsLimit(sel.Name, it.count); err != nil {
				s.hung.close(err)
				continue
			}
			sel.grew = sel.grew || it.count > sel.seq.len()
			sel.seq.grow(it.count)
			s.emit(Exists{Mailbox: sel.Mailbox, Count: it.count})
		case flagsItem:
			uid := UID(it.uid)
			if uid == 0 {
				uid = sel.seq.uid(it.seq)
				if time.Since(sel.lastExpunge) < seqFlagsDoubt {
					doubt = sel
				}
			}
			if uid != 0 {
				s.emit(FlagsChanged{Mailbox: sel.Mailbox, UID: uid, Flags: toFlags(it.flags)})
			}
		case serverLine:
			if it.recent >= 0 {
				sel.recent = uint32(it.recent)
				s.emit(Recent{Mailbox: sel.Mailbox, Count: sel.recent})
			}
			if it.unseen >= 0 {
				sel.unseen = it.unseen
			}
		}
	}
	return expunged
}
