package dovetest

import (
	"testing"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Idle is a client of user idling in folder, as another mail program
// would: Exists receives each message count the server announces. It is
// closed when the test ends.
type Idle struct {
	Exists <-chan uint32
}

// WatchIdle logs in as user, selects folder and returns once the server
// has acknowledged IDLE, so that whatever arrives after it is announced.
func (s *Server) WatchIdle(t testing.TB, user, folder string) *Idle {
	t.Helper()
	cfg, err := s.TLSConfig()
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	// Generous: a test reads the counts it waits for, the rest are dropped.
	exists := make(chan uint32, 256)
	c, err := imapclient.DialTLS(s.TLSAddr, &imapclient.Options{
		TLSConfig: cfg,
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case exists <- *d.NumMessages:
					default:
					}
				}
			},
		},
	})
	if err != nil {
		t.Fatalf("dovetest: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(user, s.password(user)).Wait(); err != nil {
		t.Fatalf("dovetest: login %s: %v", user, err)
	}
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		t.Fatalf("dovetest: select %s: %v", folder, err)
	}
	if _, err := c.Idle(); err != nil {
		t.Fatalf("dovetest: idle: %v", err)
	}
	return &Idle{Exists: exists}
}
