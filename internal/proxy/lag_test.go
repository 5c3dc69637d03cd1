package proxy

import (
	"fmt"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/memtest"
)

// TestDelayKeepsLines: through a delayed proxy every line arrives, in
// order: a session logs in, appends and fetches what it appended.
func TestDelayKeepsLines(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	p.SetDelay(5 * time.Millisecond)
	c, err := imapclient.DialInsecure(p.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		msg := fmt.Sprintf("Subject: lag %d\r\n\r\nbody %d\r\n", i, i)
		cmd := c.Append("INBOX", int64(len(msg)), nil)
		cmd.Write([]byte(msg))
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20),
		&imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range msgs {
		if want := fmt.Sprintf("lag %d", n); m.Envelope.Subject == want {
			n++
		}
	}
	if n != 20 {
		t.Fatalf("%d of 20 subjects came through in order", n)
	}
}
