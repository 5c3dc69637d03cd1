// Package idlepoll is IDLE for go-imap's embedded server that polls.
// go-imap's own IDLE writes only what changes after it started listening,
// which is after "+ idling": mail delivered between the client's last
// command and its IDLE stayed unannounced until the next change. Polling
// at the start and then every Interval announces it, as Dovecot does.
// The demo server and the tests' memtest share it.
package idlepoll

import (
	"time"

	"github.com/emersion/go-imap/v2/imapserver"
)

// Interval is how often an idling session looks for changes.
const Interval = 20 * time.Millisecond

// Idle polls with poll (a session's Poll) at once and every Interval
// until stop closes.
func Idle(w *imapserver.UpdateWriter, stop <-chan struct{}, poll func(*imapserver.UpdateWriter, bool) error) error {
	tick := time.NewTicker(Interval)
	defer tick.Stop()
	for {
		if err := poll(w, true); err != nil {
			return err
		}
		select {
		case <-stop:
			return nil
		case <-tick.C:
		}
	}
}
