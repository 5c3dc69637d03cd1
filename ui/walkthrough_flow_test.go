package ui

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/imapsvc"
	"tern/internal/cyrustest"
	"tern/internal/dovetest"
	"tern/ui/pane"
)

// Issue 11: the telnet walk-through, verb by verb, typed into tern's UI
// (keys in, screen out) through its service, on Cyrus and on Dovecot. Each
// step is checked on the server by a second client of its own.

// walkSite is one server of the walk-through and its folder names.
type walkSite struct {
	name          string
	tlsAddr, addr string // implicit TLS; plaintext for STARTTLS
	caFile        string
	dial          func() (*imapclient.Client, error) // a second, independent client
	append        func(t *testing.T, folder string, msg []byte)
	test1, test2  string   // folders of the seed; test1 is shared with bob
	test3, test4  string   // created and renamed by the walk
	rights        string   // the server's RIGHTS= capability, as spelt
	special       []string // the folder pane's role markers
}

func cyrusSite(t *testing.T) walkSite {
	srv := cyrustest.Start(t, cyrustest.Options{})
	return walkSite{name: "cyrus", tlsAddr: srv.TLSAddr, addr: srv.Addr, caFile: srv.CAFile,
		dial:   func() (*imapclient.Client, error) { return srv.Dial("alice") },
		append: func(t *testing.T, folder string, msg []byte) { srv.Append(t, "alice", folder, msg) },
		test1:  "INBOX.test1", test2: "INBOX.test2", test3: "INBOX.test3", test4: "INBOX.test4", rights: "RIGHTS=kxten",
		special: []string{"T Trash", "S Sent Items", "D Drafts"}} // by name: Cyrus's seed has no SPECIAL-USE flags
}

// dovecotSite seeds Dovecot as the walk-through's Cyrus account is seeded,
// in Dovecot's own "/" hierarchy beside INBOX.
func dovecotSite(t *testing.T) walkSite {
	srv := dovetest.Start(t, dovetest.Options{Users: []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "secret"}}})
	c, err := srv.Dial("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, f := range []string{"test1", "test2"} {
		if err := c.Create(f, nil).Wait(); err != nil {
			t.Fatal(err)
		}
		if err := c.Subscribe(f).Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.SetACL("test1", "bob", imap.RightModificationReplace, imap.RightSet("lrs")).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := range cyrustest.SeedMessages {
		srv.Append(t, "alice", "INBOX", cyrustest.Message(i))
	}
	return walkSite{name: "dovecot", tlsAddr: srv.TLSAddr, addr: srv.Addr, caFile: srv.CAFile,
		dial:   func() (*imapclient.Client, error) { return srv.Dial("alice") },
		append: func(t *testing.T, folder string, msg []byte) { srv.Append(t, "alice", folder, msg) },
		test1:  "test1", test2: "test2", test3: "test3", test4: "test4", rights: "RIGHTS=texk",
		special: []string{"T Trash", "S Sent", "D Drafts", "J Junk"}}
}

// TestWalkthroughCyrus and TestWalkthroughDovecot run the same walk.
func TestWalkthroughCyrus(t *testing.T)   { walkthrough(t, cyrusSite(t)) }
func TestWalkthroughDovecot(t *testing.T) { walkthrough(t, dovecotSite(t)) }

// walkUI is tern's UI logged in to w over sec, its protocol trace
// written to trace.
func walkUI(t *testing.T, w walkSite, sec imapsvc.Security, trace io.Writer) *teatest.TestModel {
	t.Helper()
	addr := w.tlsAddr
	if sec == imapsvc.SecurityStartTLS {
		addr = w.addr
	}
	host, port := splitAddr(t, addr)
	svc := imapsvc.New(imapsvc.Account{Name: w.name, Host: host, Port: port, Security: sec,
		Username: "alice", CAFile: w.caFile}, imapsvc.Options{Trace: trace})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = w.name, "secret"
	tm := teatest.NewTestModel(t, New(svc, opts), teatest.WithInitialTermSize(140, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// server runs check on a fresh connection of the second client.
func (w walkSite) server(t *testing.T, check func(c *imapclient.Client)) {
	t.Helper()
	c, err := w.dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	check(c)
}

// flags are the flags of folder's messages by UID, as the server has them.
func (w walkSite) flags(t *testing.T, folder string) map[imap.UID][]string {
	t.Helper()
	out := map[imap.UID][]string{}
	w.server(t, func(c *imapclient.Client) {
		if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatal(err)
		}
		all, err := c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		uids := all.AllUIDs()
		if len(uids) == 0 {
			return
		}
		got, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got {
			var fl []string
			for _, f := range m.Flags {
				if !strings.EqualFold(string(f), `\Recent`) {
					fl = append(fl, strings.ToLower(string(f)))
				}
			}
			slices.Sort(fl)
			out[m.UID] = fl
		}
	})
	return out
}

// folders lists the server's folders, or the subscribed ones.
func (w walkSite) folders(t *testing.T, subscribed bool) []string {
	t.Helper()
	var names []string
	w.server(t, func(c *imapclient.Client) {
		var opts *imap.ListOptions
		if subscribed {
			opts = &imap.ListOptions{SelectSubscribed: true}
		}
		list, err := c.List("", "*", opts).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range list {
			if !slices.Contains(l.Attrs, imap.MailboxAttrNonExistent) {
				names = append(names, l.Mailbox)
			}
		}
	})
	return names
}

// wantFlags fails unless the server holds exactly want (flags lower-cased,
// sorted, \Recent left out).
func wantFlags(t *testing.T, step string, got map[imap.UID][]string, want map[imap.UID][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: the server holds %v, want %v", step, got, want)
	}
	for uid, fl := range want {
		if !slices.Equal(got[uid], fl) {
			t.Fatalf("%s: the server holds %v, want %v", step, got, want)
		}
	}
}

func walkthrough(t *testing.T, w walkSite) {
	// Login over STARTTLS, then LOGOUT: the server sees the session end.
	var trace lockedBuffer
	tm := walkUI(t, w, imapsvc.SecurityStartTLS, &trace)
	waitScreen(t, tm, "INBOX [READ-WRITE]", "Test message 2")
	sendLine(tm, "logout")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))

	// Login over TLS; LIST fills the folder pane.
	tm = walkUI(t, w, imapsvc.SecurityTLS, &trace)
	listed := w.folders(t, false)
	if !slices.Contains(listed, w.test1) || !slices.Contains(listed, w.test2) {
		t.Fatalf("the server lists %q", listed)
	}
	var shown []string
	for _, f := range listed {
		shown = append(shown, lastPart(f))
	}
	waitScreen(t, tm, append(append(shown, w.special...), "INBOX [READ-WRITE]", "Test message 2", "3 exists")...)

	// CAPABILITY, with the rights letters as the server spells them.
	sendLine(tm, "capability")
	waitScreen(t, tm, "CAPABILITY", "IMAP4rev1", "IDLE")
	send(tm, "pgdown", "pgdown")
	waitScreen(t, tm, w.rights)
	send(tm, "esc")

	// :info keeps the server's spelling of RIGHTS= and explains the letters.
	sendLine(tm, "info")
	waitScreen(t, tm, "CAPABILITY", "ACL")
	send(tm, "pgdown") // Cyrus lists some 70 capabilities
	waitScreen(t, tm, w.rights, strings.Join(strings.Split(strings.TrimPrefix(w.rights, "RIGHTS="), ""), ", "))
	send(tm, "esc")

	// LSUB: the subscribed view shows what the server has subscribed.
	subs := w.folders(t, true)
	if !slices.Contains(subs, w.test1) {
		t.Fatalf("the server's subscriptions are %q", subs)
	}
	sendLine(tm, "lsub")
	var subShown []string
	for _, f := range subs {
		subShown = append(subShown, lastPart(f))
	}
	waitScreen(t, tm, append(subShown, "showing subscribed folders only")...)
	sendLine(tm, "lsub")

	// STATUS with MESSAGES, RECENT and UNSEEN, as the server counts them.
	sendLine(tm, "status INBOX")
	waitScreen(t, tm, "STATUS INBOX", "MESSAGES     3", "UNSEEN       3", "RECENT")
	send(tm, "esc")
	w.server(t, func(c *imapclient.Client) {
		st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true, NumUnseen: true}).Wait()
		if err != nil || *st.NumMessages != 3 || *st.NumUnseen != 3 {
			t.Fatalf("server STATUS INBOX = %+v, %v", st, err)
		}
	})

	// STATUS RECENT (asked on the side connection) of a folder another
	// client just appended to.
	w.append(t, w.test1, cyrustest.Message(50))
	sendLine(tm, "status "+w.test1)
	waitScreen(t, tm, "STATUS "+w.test1, "MESSAGES     1", "RECENT       1", "UNSEEN       1")
	send(tm, "esc")

	// EXAMINE vs SELECT.
	sendLine(tm, "examine INBOX")
	waitScreen(t, tm, "INBOX [READ-ONLY]")
	sendLine(tm, "fetch 3 body[text]") // read-only: no \Seen
	waitScreen(t, tm, "Body of message 2.")
	send(tm, "esc")
	wantFlags(t, "EXAMINE, FETCH 3 BODY[TEXT]", w.flags(t, "INBOX"), map[imap.UID][]string{1: nil, 2: nil, 3: nil})
	sendLine(tm, "select INBOX")
	waitScreen(t, tm, "INBOX [READ-WRITE]")

	// CREATE, RENAME and DELETE of test3.
	sendLine(tm, "create "+w.test3)
	waitScreen(t, tm, "CREATE "+w.test3+": done")
	if got := w.folders(t, false); !slices.Contains(got, w.test3) {
		t.Fatalf("after CREATE the server lists %q", got)
	}
	sendLine(tm, "rename "+w.test3+" "+w.test4)
	waitScreen(t, tm, "RENAME "+w.test3+": done")
	if got := w.folders(t, false); !slices.Contains(got, w.test4) || slices.Contains(got, w.test3) {
		t.Fatalf("after RENAME the server lists %q", got)
	}
	sendLine(tm, "delete "+w.test4)
	waitScreen(t, tm, "DELETE "+w.test4+" and its 0 messages?", "[y/n]")
	send(tm, "y")
	waitScreen(t, tm, "DELETE "+w.test4+": done")
	if got := w.folders(t, false); slices.Contains(got, w.test4) {
		t.Fatalf("after DELETE the server lists %q", got)
	}

	// FETCH by sequence number: the macros and the header and text items.
	for _, step := range []struct{ items, want string }{
		{"1 fast", "RFC822.SIZE"},
		{"1 all", "ENVELOPE"},
		{"1 full", "text/plain"},
		{"1 rfc822.header", "Subject: Test message 0"},
		{"1 body.peek[header.fields (from to subject date)]", "Date: "},
		{"2 body[text]", "Body of message 1."},
	} {
		sendLine(tm, "fetch "+step.items)
		waitScreen(t, tm, step.want)
		send(tm, "esc")
	}
	sendLine(tm, "fetch 1 rfc822.text")
	waitScreen(t, tm, "Body of message 0.", "1 message now \\Seen", "1 unseen")
	send(tm, "esc")
	wantFlags(t, "FETCH RFC822.TEXT and BODY[TEXT]", w.flags(t, "INBOX"), map[imap.UID][]string{1: {`\seen`}, 2: {`\seen`}, 3: nil})

	// STORE 1:* FLAGS $label1 and STORE 1:* +FLAGS NonJunk, typed as in
	// the walk-through: the sequence set names the messages.
	sendLine(tm, "store 1:* flags $label1")
	waitScreen(t, tm, "[$label1")
	wantFlags(t, "STORE 1:* FLAGS $label1", w.flags(t, "INBOX"), map[imap.UID][]string{1: {"$label1"}, 2: {"$label1"}, 3: {"$label1"}})
	sendLine(tm, "store 1:* +flags NonJunk")
	waitScreen(t, tm, "[$label1 NonJu")
	both := []string{"$label1", "nonjunk"}
	wantFlags(t, "STORE 1:* +FLAGS NonJunk", w.flags(t, "INBOX"), map[imap.UID][]string{1: both, 2: both, 3: both})

	// STORE 1:2 FLAGS \Deleted.
	sendLine(tm, `store 1:2 flags \Deleted`)
	waitScreen(t, tm, "2 messages")
	wantFlags(t, `STORE 1:2 FLAGS \Deleted`, w.flags(t, "INBOX"), map[imap.UID][]string{1: {`\deleted`}, 2: {`\deleted`}, 3: both})

	// EXPUNGE asks first, then removes just those two.
	sendLine(tm, "expunge")
	waitScreen(t, tm, "[y/n]")
	send(tm, "y")
	waitScreen(t, tm, "1 exists")
	wantFlags(t, "EXPUNGE", w.flags(t, "INBOX"), map[imap.UID][]string{3: both})

	// IDLE: another client appends; tern shows the new mail unasked.
	w.append(t, "INBOX", cyrustest.Message(100))
	w.append(t, "INBOX", cyrustest.Message(101))
	waitScreen(t, tm, "Test message 100", "Test message 101", "3 exists")

	// COPY 1:2 (UIDs 3 and 4) shows COPYUID.
	sendLine(tm, "copy 1:2 "+w.test2)
	waitScreen(t, tm, "copied 2 messages to "+w.test2+" (COPYUID: UID 3:4 → 1:2, UIDVALIDITY ")
	var copied []string
	w.server(t, func(c *imapclient.Client) {
		if _, err := c.Select(w.test2, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatal(err)
		}
		msgs, err := c.Fetch(imap.UIDSetNum(1, 2), &imap.FetchOptions{Envelope: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			copied = append(copied, m.Envelope.Subject)
		}
	})
	if slices.Sort(copied); !slices.Equal(copied, []string{"Test message 100", "Test message 2"}) {
		t.Fatalf("after COPY the server's %s holds %q", w.test2, copied)
	}

	// CLOSE expunges what is \Deleted, silently; the mark and the cursor
	// still work: the newest message is on the top row.
	send(tm, "g", "t")
	sendLine(tm, `store +flags \Deleted`)
	waitScreen(t, tm, `\Deleted`)
	sendLine(tm, "close")
	waitScreen(t, tm, "CLOSE expunges 1 \\Deleted message silently", "Test message 101", "Close?")
	send(tm, "y")
	waitScreen(t, tm, "CLOSE: INBOX is closed", "no folder open")
	wantFlags(t, "CLOSE", w.flags(t, "INBOX"), map[imap.UID][]string{3: both, 4: nil})

	// UNSUBSCRIBE and SUBSCRIBE.
	sendLine(tm, "unsubscribe "+w.test2)
	waitScreen(t, tm, "UNSUBSCRIBE "+w.test2+": done")
	if got := w.folders(t, true); slices.Contains(got, w.test2) || !slices.Contains(got, w.test1) {
		t.Fatalf("after UNSUBSCRIBE the server's subscriptions are %q", got)
	}
	sendLine(tm, "subscribe "+w.test2)
	waitScreen(t, tm, "SUBSCRIBE "+w.test2+": done")
	if got := w.folders(t, true); !slices.Contains(got, w.test2) {
		t.Fatalf("after SUBSCRIBE the server's subscriptions are %q", got)
	}

	// GETQUOTAROOT and GETACL show what the server answers.
	var storage string
	var bobRights string
	w.server(t, func(c *imapclient.Client) {
		roots, err := c.GetQuotaRoot("INBOX").Wait()
		if err != nil || len(roots) != 1 {
			t.Fatalf("server GETQUOTAROOT INBOX = %+v, %v", roots, err)
		}
		res := roots[0].Resources[imap.QuotaResourceStorage]
		storage = fmt.Sprintf("STORAGE  %s of %s", pane.FormatSize(res.Usage*1024), pane.FormatSize(res.Limit*1024))
		acl, err := c.GetACL(w.test1).Wait()
		if err != nil {
			t.Fatalf("server GETACL %s: %v", w.test1, err)
		}
		bobRights = string(acl.Rights["bob"])
	})
	if bobRights != "lrs" {
		t.Fatalf("server: bob has %q on %s", bobRights, w.test1)
	}
	sendLine(tm, "quota")
	waitScreen(t, tm, "QUOTA", `root "`, storage, "2.0G")
	send(tm, "esc")
	sendLine(tm, "acl "+w.test1)
	waitScreen(t, tm, "ACL "+w.test1, "bob  "+bobRights)
	send(tm, "esc")

	// LOGOUT ends tern.
	sendLine(tm, "logout")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))

	// The service spoke each verb of the walk-through (UID forms where a
	// message is addressed), with the password never in the trace.
	wire := trace.String()
	for _, verb := range []string{" STARTTLS", " LOGIN <redacted>", " CAPABILITY", " LIST ", " EXAMINE INBOX", " SELECT INBOX",
		"side: S2 STATUS", "(RECENT)", " CREATE ", " RENAME ", " DELETE ", " UID FETCH 1 ", " UID STORE 1:3 FLAGS ($label1)",
		" UID STORE 1:3 +FLAGS (NonJunk)", ` UID STORE 1:2 FLAGS (\Deleted)`, "EXPUNGE", " IDLE", "DONE", " UID COPY 3:4 ",
		"[COPYUID ", " CLOSE", " UNSUBSCRIBE ", " SUBSCRIBE ", " GETQUOTAROOT INBOX", " GETACL ", " LOGOUT"} {
		if !strings.Contains(wire, verb) {
			t.Errorf("the protocol trace lacks %q", verb)
		}
	}
	if strings.Contains(wire, "secret") {
		t.Error("the protocol trace shows the password")
	}
	if t.Failed() {
		t.Log(wire)
	}
}

// lockedBuffer is a trace writer safe for the service's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func lastPart(name string) string {
	if i := strings.LastIndexAny(name, "./"); i >= 0 {
		return name[i+1:]
	}
	return name
}
