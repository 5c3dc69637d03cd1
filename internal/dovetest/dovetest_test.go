package dovetest

import (
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/servertest"
)

func TestTLS(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})

	// Implicit TLS, verified against CAFile.
	c := servertest.Login(t, s, "alice")
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}

	// Without the CA the certificate is refused.
	servertest.ExpectUntrusted(t, s.TLSAddr)

	// STARTTLS on the plain port.
	cfg, err := s.TLSConfig()
	if err != nil {
		t.Fatal(err)
	}
	c3, err := imapclient.DialStartTLS(s.Addr, &imapclient.Options{TLSConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if err := c3.Login("alice", "secret").Wait(); err != nil {
		t.Fatalf("login after STARTTLS: %v", err)
	}
	if err := c3.Login("alice", "wrong").Wait(); err == nil {
		t.Fatal("second LOGIN accepted")
	}
}

func TestLoginDisabled(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{ListenIP: "127.0.0.2"})
	servertest.ExpectLoginDisabled(t, s.Addr, "alice", "secret")
}

func TestSeedAndRestart(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	s.SeedMaildir(t, "alice", "", 600, Message)
	s.SeedMaildir(t, "alice", "Lists/go", 2, Message)
	s.SeedMaildir(t, "alice", "Lists/go", 1, Message)
	// A second seed into an indexed folder is seen too, in order.
	s.SeedMaildir(t, "alice", "INBOX", 400, func(i int) []byte { return Message(600 + i) })
	s.Append(t, "alice", "Sent", Message(7))

	check := func() {
		c := servertest.Login(t, s, "alice")
		sel, err := c.Select("INBOX", nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if sel.NumMessages != 1000 {
			t.Fatalf("INBOX has %d messages, want 1000", sel.NumMessages)
		}
		// UIDs follow the order of generation.
		msgs, err := c.Fetch(imap.UIDSetNum(1, 1000), &imap.FetchOptions{Envelope: true, UID: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if want := Message(int(m.UID) - 1); !strings.Contains(string(want), "Subject: "+m.Envelope.Subject+"\r") {
				t.Fatalf("UID %d has subject %q", m.UID, m.Envelope.Subject)
			}
		}
		for box, want := range map[string]uint32{"Lists/go": 3, "Sent": 1} {
			st, err := c.Status(box, &imap.StatusOptions{NumMessages: true}).Wait()
			if err != nil {
				t.Fatal(err)
			}
			if *st.NumMessages != want {
				t.Fatalf("%s has %d messages, want %d", box, *st.NumMessages, want)
			}
		}
		c.Logout().Wait()
	}
	check()
	addr := s.Addr
	s.Restart(t)
	if s.Addr != addr {
		t.Fatalf("restart moved from %s to %s", addr, s.Addr)
	}
	check()
}

func TestUsersQuotaACL(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{Users: []User{{"alice", "secret"}, {"bob", "hunter2"}}})
	s.Append(t, "bob", "", Message(1))
	for _, u := range []string{"alice", "bob"} {
		c := servertest.Login(t, s, u)
		caps := c.Caps()
		if !caps.Has(imap.CapQuota) || !caps.Has(imap.CapACL) {
			t.Fatalf("caps %v lack QUOTA or ACL", caps)
		}
		roots, err := c.GetQuotaRoot("INBOX").Wait()
		if err != nil {
			t.Fatal(err)
		}
		if len(roots) != 1 || roots[0].Resources[imap.QuotaResourceStorage].Limit != 2<<20 {
			t.Fatalf("GETQUOTAROOT INBOX: %+v", roots)
		}
		acl, err := c.GetACL("INBOX").Wait()
		if err != nil {
			t.Fatal(err)
		}
		if len(acl.Rights) == 0 {
			t.Fatalf("GETACL INBOX: %+v", acl)
		}
	}

	// alice shares a folder with bob, who finds it under shared/alice/.
	s.SeedMaildir(t, "alice", "Team", 3, Message)
	alice := servertest.Login(t, s, "alice")
	if err := alice.SetACL("Team", "bob", imap.RightModificationReplace, imap.RightSet("lr")).Wait(); err != nil {
		t.Fatal(err)
	}
	bob := servertest.Login(t, s, "bob")
	sel, err := bob.Select("shared/alice/Team", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages != 3 {
		t.Fatalf("shared/alice/Team has %d messages, want 3", sel.NumMessages)
	}
}

func TestSeparatorDot(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{Separator: ".", QuotaStorageKB: 1024})
	s.SeedMaildir(t, "alice", "Lists.go", 2, Message)
	c := servertest.Login(t, s, "alice")
	boxes, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, b := range boxes {
		if b.Delim != '.' {
			t.Fatalf("LIST %q has delimiter %q", b.Mailbox, b.Delim)
		}
		names[b.Mailbox] = true
	}
	for _, want := range []string{"INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive", "Lists.go"} {
		if !names[want] {
			t.Errorf("LIST lacks %s: %v", want, names)
		}
	}
	roots, err := c.GetQuotaRoot("INBOX").Wait()
	if err != nil || len(roots) != 1 || roots[0].Resources[imap.QuotaResourceStorage].Limit != 1024 {
		t.Fatalf("GETQUOTAROOT INBOX: %+v, %v", roots, err)
	}
}
