package demo

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"tern/smtpsend"
)

// demoSender is the account the demo configures for sending.
func demoSender(t *testing.T, s *Server, password string) *smtpsend.Sender {
	t.Helper()
	host, port, _ := net.SplitHostPort(s.SMTPAddr)
	p, _ := strconv.Atoi(port)
	return smtpsend.New(smtpsend.Account{Host: host, Port: p, Security: smtpsend.SecurityPlain,
		Username: s.Username, Auth: smtpsend.AuthPassword,
		Password: func(context.Context) (string, error) { return password, nil }}, smtpsend.Options{})
}

// TestSendToSelfArrives: what the demo user sends through the demo SMTP
// server arrives in INBOX, where an idling client sees it.
func TestSendToSelfArrives(t *testing.T) {
	s := startServer(t)
	c, exists := watchInbox(t, s)
	st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	before := *st.NumMessages
	msg := "From: Alex Morgan <alex@example.com>\r\nTo: alex@example.com\r\nSubject: note to self\r\n" +
		"Date: Sat, 14 Mar 2026 10:00:00 +0000\r\nMessage-ID: <self-1@example.com>\r\n\r\nRemember the milk.\r\n"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := demoSender(t, s, s.Password).Send(ctx, s.Username, []string{s.Username}, strings.NewReader(msg), nil); err != nil {
		t.Fatal(err)
	}
	// The selected client hears EXISTS grow (a NOOP asks for news).
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-exists:
		if n != before+1 {
			t.Fatalf("EXISTS %d, want %d", n, before+1)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no EXISTS after the send")
	}
	msgs, err := c.Fetch(imap.SeqSetNum(before+1), &imap.FetchOptions{Envelope: true, Flags: true}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("fetch: %v, %d", err, len(msgs))
	}
	if env := msgs[0].Envelope; env.Subject != "note to self" || env.MessageID != "self-1@example.com" || len(msgs[0].Flags) != 0 {
		t.Errorf("arrived: %+v flags %v", env, msgs[0].Flags)
	}
}

func TestDemoSMTPNeedsTheLogin(t *testing.T) {
	s := startServer(t)
	err := demoSender(t, s, "wrong").Send(context.Background(), s.Username, []string{s.Username},
		strings.NewReader("Subject: x\r\n\r\nx\r\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "535") {
		t.Fatalf("wrong password: %v", err)
	}
}
