package imapsvc

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// capsWait bounds how long a protocol decision waits for the capability
// set while it is unknown (go-imap then sends CAPABILITY and waits up to
// 30 s itself). After it, the set counts as unknown: nothing optional.
const capsWait = 10 * time.Second

// liveCaps is the one source of truth for capabilities: go-imap's own set
// for the live connection, which it refreshes from every untagged
// CAPABILITY and every [CAPABILITY] response code. It matters because
// imapclient.Client.Move decides from that same live set: a copy taken at
// login could say MOVE while go-imap already runs its unsafe fallback.
// nil when there is no connection or the set could not be had in time.
func (s *Service) liveCaps() imap.CapSet {
	c := s.c
	if c == nil {
		return nil
	}
	got := make(chan imap.CapSet, 1)
	go func() { got <- c.Caps() }()
	t := time.NewTimer(capsWait)
	defer t.Stop()
	select {
	case caps := <-got:
		return caps
	case <-t.C:
		s.log.Warn("the capability set is unknown: CAPABILITY unanswered")
		return nil
	}
}

// has reports a capability of the live connection (see liveCaps).
func (s *Service) has(c imap.Cap) bool { return s.liveCaps().Has(c) }
