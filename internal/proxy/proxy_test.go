package proxy

import (
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/memtest"
)

func TestHideAndCut(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	p.HideCapability("MOVE")
	c, err := imapclient.DialInsecure(p.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	caps, err := c.Capability().Wait()
	if err != nil || caps.Has(imap.CapMove) || !caps.Has(imap.CapUIDPlus) {
		t.Fatalf("caps through the proxy = %v, %v; want MOVE hidden, UIDPLUS kept", caps, err)
	}
	p.CutWhen(func(dir Direction, line string) bool {
		return dir == ToServer && strings.Contains(line, "NOOP")
	})
	if err := c.Noop().Wait(); err == nil {
		t.Fatal("NOOP succeeded through a cut connection")
	}
	<-c.Closed()

	p.CutWhen(nil)
	p.Refuse(true)
	if c2, err := imapclient.DialInsecure(p.Addr, nil); err == nil {
		if err := c2.WaitGreeting(); err == nil {
			t.Fatal("a refusing proxy gave a greeting")
		}
	}
}

func TestHideWords(t *testing.T) {
	got := hideWords("* OK [CAPABILITY IMAP4rev1 MOVE IDLE] ready\r\n", []string{"MOVE"})
	if got != "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n" {
		t.Fatalf("got %q", got)
	}
	if got := hideWords("* OK [CAPABILITY IMAP4rev1 MOVE] ready\r\n", []string{"MOVE"}); got != "* OK [CAPABILITY IMAP4rev1] ready\r\n" {
		t.Fatalf("got %q", got)
	}
	if got := hideWords("* CAPABILITY IMAP4rev1 MOVE\r\n", []string{"move"}); got != "* CAPABILITY IMAP4rev1\r\n" {
		t.Fatalf("got %q", got)
	}
}

// TestInjectAfter: an untagged CAPABILITY injected after SELECT's OK
// reaches the client, which then believes MOVE is gone; the rule fires once.
func TestInjectAfter(t *testing.T) {
	srv := memtest.Start(t, memtest.Options{})
	p := Start(t, srv.Addr)
	p.InjectAfter(func(dir Direction, line string) bool {
		return dir == ToClient && strings.Contains(line, "OK [READ-WRITE]")
	}, "* CAPABILITY IMAP4rev1 IDLE")
	c, err := imapclient.DialInsecure(p.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if !c.Caps().Has(imap.CapMove) {
		t.Fatal("MOVE missing before the injection")
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Noop().Wait(); err != nil { // the injected line is read before NOOP's answer
		t.Fatal(err)
	}
	if caps := c.Caps(); caps.Has(imap.CapMove) || !caps.Has(imap.CapIdle) {
		t.Fatalf("caps after the injected CAPABILITY = %v", caps)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil { // the rule fired once
		t.Fatal(err)
	}
	p.mu.Lock()
	left := len(p.inject)
	p.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d rules left after firing", left)
	}
}
