package memtest

import (
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// TestIdleAnnouncesEarlierMail: mail delivered after a client's last
// command and before its IDLE is announced once the IDLE starts, as
// Dovecot does, with no later change needed to flush it.
func TestIdleAnnouncesEarlierMail(t *testing.T) {
	srv := Start(t, Options{})
	exists := make(chan uint32, 8)
	c, err := imapclient.DialInsecure(srv.Addr, &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					exists <- *d.NumMessages
				}
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	srv.Append(t, "INBOX", []byte("Subject: one\r\n\r\nbody\r\n"))
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	select {
	case n := <-exists:
		if n != 1 {
			t.Fatalf("EXISTS %d, want 1", n)
		}
	case <-time.After(10 * time.Second): // bounds a failing test only
		t.Fatal("IDLE never announced the message delivered before it")
	}
}
