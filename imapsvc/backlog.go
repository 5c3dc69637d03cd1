package imapsvc

// Resync reports that the open folder changed faster than the UI read its
// events: the per-message events were folded into this one. The UI must
// read the folder's UID list and the flags of what it shows again. Exists
// and Recent are the counts the connection knows at the last folded event.
type Resync struct {
	Mailbox
	Exists uint32
	Recent uint32
}

func (Resync) event() {}

// backlog holds, in order, the events the full Events channel could not
// take. Nothing in it is lost, only folded: per-message state of a folder
// becomes one Resync at the end, adjacent NewMail merge, and connection
// news keeps its latest word. So it stays small however much a server
// sends, and the UI still converges on the server's state.
type backlog struct {
	evs    []Event
	folded int // events folded since the backlog formed, for the log
}

// compactAt is the length at which superseded connection news is dropped;
// what remains is bounded by the folders opened meanwhile.
const compactAt = 64

func (b *backlog) empty() bool { return len(b.evs) == 0 }

func (b *backlog) head() Event { return b.evs[0] }

func (b *backlog) pop() {
	b.evs[0] = nil
	b.evs = b.evs[1:]
	if len(b.evs) == 0 {
		b.evs = nil // let the array go
	}
}

// add appends ev, folding it. sel is the open folder as the connection
// sees it now, whose counts a Resync carries.
func (b *backlog) add(ev Event, sel *selected) {
	switch e := ev.(type) {
	case Exists:
		b.resync(e.Mailbox, sel)
	case Expunged:
		b.resync(e.Mailbox, sel)
	case FlagsChanged:
		b.resync(e.Mailbox, sel)
	case Recent:
		b.resync(e.Mailbox, sel)
	case NewMail:
		if !b.mergeLast(e) {
			b.evs = append(b.evs, e)
		} else {
			b.folded++
		}
	case StateChanged:
		b.replaceLast(ev, func(old Event) bool { _, ok := old.(StateChanged); return ok })
	case Reconnecting:
		b.replaceLast(ev, func(old Event) bool { _, ok := old.(Reconnecting); return ok })
	case CountsChanged:
		for i, old := range b.evs {
			if o, ok := old.(CountsChanged); ok {
				b.evs[i] = mergeCounts(o, e)
				b.folded++
				return
			}
		}
		b.evs = append(b.evs, e)
	case SaveProgress:
		for i, old := range b.evs {
			if p, ok := old.(SaveProgress); ok && p.ID == e.ID {
				b.evs[i] = e
				b.folded++
				return
			}
		}
		b.evs = append(b.evs, e)
	default:
		b.evs = append(b.evs, ev)
	}
	if len(b.evs) > compactAt {
		b.compact()
	}
}

// resync folds a state event of mb into a Resync at the very end: a
// NewMail queued after an earlier Resync might announce a message this
// event expunges, so the re-read must come after every queued event.
func (b *backlog) resync(mb Mailbox, sel *selected) {
	b.folded++
	r := Resync{Mailbox: mb}
	if sel != nil && sel.Mailbox == mb {
		r.Exists, r.Recent = sel.seq.len(), sel.recent
	}
	if n := len(b.evs); n > 0 {
		if old, ok := b.evs[n-1].(Resync); ok && old.Mailbox == mb {
			b.evs[n-1] = r
			return
		}
	}
	for i, old := range b.evs {
		if o, ok := old.(Resync); ok && o.Mailbox == mb {
			b.evs = append(b.evs[:i], b.evs[i+1:]...)
			b.mergeAround(i)
			break
		}
	}
	b.evs = append(b.evs, r)
}

// mergeLast merges nm into the last event when that is NewMail of the same
// folder.
func (b *backlog) mergeLast(nm NewMail) bool {
	n := len(b.evs)
	if n == 0 {
		return false
	}
	last, ok := b.evs[n-1].(NewMail)
	if !ok || last.Mailbox != nm.Mailbox {
		return false
	}
	last.Rows = append(append([]Row(nil), last.Rows...), nm.Rows...)
	b.evs[n-1] = last
	return true
}

// mergeAround merges the NewMail at i into the one before it, when both
// are of the same folder (after the event between them went).
func (b *backlog) mergeAround(i int) {
	if i <= 0 || i >= len(b.evs) {
		return
	}
	nm, ok := b.evs[i].(NewMail)
	if !ok {
		return
	}
	rest := b.evs[i+1:]
	b.evs = b.evs[:i]
	if !b.mergeLast(nm) {
		b.evs = append(b.evs, nm)
	}
	b.evs = append(b.evs, rest...)
}

// replaceLast puts ev in place of the last event when same says it is of
// the same kind, so a flapping connection adds one entry, not many.
func (b *backlog) replaceLast(ev Event, same func(Event) bool) {
	if n := len(b.evs); n > 0 && same(b.evs[n-1]) {
		b.evs[n-1] = ev
		b.folded++
		return
	}
	b.evs = append(b.evs, ev)
}

// compact drops connection news that a later event of its kind supersedes
// (the UI needs the latest state and one Reconnected to select again), and
// all but the last few alerts, then merges the NewMail that became
// neighbours.
func (b *backlog) compact() {
	const keepAlerts = 4
	later := map[string]bool{}
	alerts := 0
	keep := make([]bool, len(b.evs))
	for i := len(b.evs) - 1; i >= 0; i-- {
		kind := ""
		switch b.evs[i].(type) {
		case StateChanged:
			kind = "state"
		case Reconnecting:
			kind = "reconnecting"
		case Reconnected:
			kind = "reconnected"
		case ServerAlert:
			alerts++
			keep[i] = alerts <= keepAlerts
			continue
		}
		keep[i] = kind == "" || !later[kind]
		later[kind] = kind != ""
	}
	old := b.evs
	b.evs = nil
	for i, ev := range old {
		if !keep[i] {
			b.folded++
			continue
		}
		if nm, ok := ev.(NewMail); ok && b.mergeLast(nm) {
			continue
		}
		b.evs = append(b.evs, ev)
	}
}
