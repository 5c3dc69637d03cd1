package hostile

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

func TestLoginSelectAndInject(t *testing.T) {
	s := Start(t, Options{Exists: 3})
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	conn := s.Next(t)
	if err := c.Login("u", "p").Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if data.NumMessages != 3 {
		t.Fatalf("EXISTS = %d, want 3", data.NumMessages)
	}
	<-conn.Selected
	if err := conn.Send("* 7 EXISTS"); err != nil {
		t.Fatal(err)
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	if n := c.Mailbox().NumMessages; n != 7 {
		t.Fatalf("after injected EXISTS: %d messages, want 7", n)
	}
}

func TestSilentGreeting(t *testing.T) {
	s := Start(t, Options{SilentAt: Greeting})
	raw, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if line, err := bufio.NewReader(raw).ReadString('\n'); err == nil {
		t.Fatalf("silent server sent %q", line)
	}
}

func TestSilentAtCommand(t *testing.T) {
	s := Start(t, Options{SilentAt: "CAPABILITY"})
	raw, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	r := bufio.NewReader(raw)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "* OK") {
		t.Fatalf("greeting = %q", line)
	}
	raw.Write([]byte("a NOOP\r\nb CAPABILITY\r\n"))
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "a OK") {
		t.Fatalf("NOOP answer = %q", line)
	}
	raw.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if line, err := r.ReadString('\n'); err == nil {
		t.Fatalf("server answered CAPABILITY: %q", line)
	}
}
