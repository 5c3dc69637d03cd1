package cyrustest

import (
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/servertest"
)

// TestSeed: alice has the walk-through's folders, quota, messages and the
// ACL that shares INBOX.test1 with bob, who sees it as user.alice.test1.
func TestSeed(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	c := servertest.Login(t, s, "alice")
	caps := c.Caps()
	for _, cp := range []imap.Cap{imap.CapQuota, imap.CapACL, imap.CapIdle, imap.CapMove, imap.CapUIDPlus} {
		if !caps.Has(cp) {
			t.Errorf("caps lack %s: %v", cp, caps)
		}
	}

	boxes, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range boxes {
		if b.Delim != '.' {
			t.Errorf("LIST %q has delimiter %q, want .", b.Mailbox, b.Delim)
		}
		names = append(names, b.Mailbox)
	}
	want := append([]string{"INBOX"}, SeedFolders...)
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("LIST * = %q, want %q", names, want)
	}
	subs, err := c.List("", "*", &imap.ListOptions{SelectSubscribed: true}).Collect()
	if err != nil || len(subs) != len(want) {
		t.Fatalf("LIST (SUBSCRIBED) = %d folders, %v; want %d", len(subs), err, len(want))
	}

	roots, err := c.GetQuotaRoot("INBOX").Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0].Resources[imap.QuotaResourceStorage].Limit != 2048000 {
		t.Fatalf("GETQUOTAROOT INBOX: %+v", roots)
	}

	acl, err := c.GetACL(SharedFolder).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if got := acl.Rights["bob"]; string(got) != SharedRights {
		t.Fatalf("GETACL %s: bob has %q, want %q (all: %v)", SharedFolder, got, SharedRights, acl.Rights)
	}

	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages != SeedMessages {
		t.Fatalf("INBOX has %d messages, want %d", sel.NumMessages, SeedMessages)
	}
	msgs, err := c.Fetch(imap.UIDSetNum(1, 2, 3), &imap.FetchOptions{Envelope: true, UID: true}).Collect()
	if err != nil || len(msgs) != SeedMessages {
		t.Fatalf("FETCH: %d messages, %v", len(msgs), err)
	}
	for _, m := range msgs {
		if want := Message(int(m.UID) - 1); !strings.Contains(string(want), "Subject: "+m.Envelope.Subject+"\r") {
			t.Fatalf("UID %d has subject %q", m.UID, m.Envelope.Subject)
		}
	}

	// bob reads the share through the other users' namespace.
	bob := servertest.Login(t, s, "bob")
	st, err := bob.Select("user.alice.test1", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("bob: EXAMINE user.alice.test1: %v", err)
	}
	if st.NumMessages != 0 {
		t.Fatalf("user.alice.test1 has %d messages, want 0", st.NumMessages)
	}
	if _, err := bob.Select("user.alice.test2", nil).Wait(); err == nil {
		t.Fatal("bob may open user.alice.test2, which is not shared with him")
	}
}

// TestLogin: TLS is verified against CAFile; a wrong password is refused;
// before STARTTLS the plain port offers no plaintext login.
func TestLogin(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{NoMessages: true})

	servertest.ExpectUntrusted(t, s.TLSAddr)

	servertest.ExpectLoginDisabled(t, s.Addr, "alice", "secret")

	cfg, err := s.TLSConfig()
	if err != nil {
		t.Fatal(err)
	}
	c3, err := imapclient.DialStartTLS(s.Addr, &imapclient.Options{TLSConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if err := c3.Login("alice", "wrong").Wait(); err == nil {
		t.Fatal("wrong password accepted")
	}
	if err := c3.Login("alice", "secret").Wait(); err != nil {
		t.Fatalf("login after STARTTLS: %v", err)
	}
}

// TestRestart: mail and ports survive a restart.
func TestRestart(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	addr := s.Addr
	s.Restart(t)
	if s.Addr != addr {
		t.Fatalf("restart moved from %s to %s", addr, s.Addr)
	}
	c := servertest.Login(t, s, "alice")
	st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || *st.NumMessages != SeedMessages {
		t.Fatalf("STATUS INBOX after restart: %+v, %v", st, err)
	}
}

// TestOptions: another address, plaintext LOGIN allowed, and a single user
// of our own, who gets the seed's folders but shares none.
func TestOptions(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{ListenIP: "127.0.0.2", AllowPlaintext: true, Users: []User{{"carol", "pw-1"}}, QuotaStorageKB: 1024})
	if !strings.HasPrefix(s.Addr, "127.0.0.2:") {
		t.Fatalf("Addr = %s", s.Addr)
	}
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Caps().Has(imap.CapLoginDisabled) {
		t.Fatalf("caps %v have LOGINDISABLED with AllowPlaintext", c.Caps())
	}
	if err := c.Login("carol", "pw-1").Wait(); err != nil {
		t.Fatalf("plaintext LOGIN: %v", err)
	}
	acl, err := c.GetACL(SharedFolder).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(acl.Rights) != 1 || len(acl.Rights["carol"]) == 0 {
		t.Fatalf("GETACL %s = %v, want carol alone", SharedFolder, acl.Rights)
	}
	roots, err := c.GetQuotaRoot("INBOX").Wait()
	if err != nil || len(roots) != 1 || roots[0].Resources[imap.QuotaResourceStorage].Limit != 1024 {
		t.Fatalf("GETQUOTAROOT INBOX: %+v, %v", roots, err)
	}
	st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || *st.NumMessages != SeedMessages {
		t.Fatalf("STATUS INBOX: %+v, %v", st, err)
	}
}
