package imapsvc

import (
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"tern/internal/proxy"
)

// Helpers for tests against a real server (memtest, dovetest, cyrustest),
// and for the other client that changes a folder under tern.

// serverAccount is alice's account on a test server: implicit TLS at
// tlsAddr, or the plain port addr (plaintext or STARTTLS), trusting caFile.
func serverAccount(t testing.TB, addr, tlsAddr, caFile string, sec Security) Account {
	t.Helper()
	if sec == SecurityTLS {
		addr = tlsAddr
	}
	host, port := splitHostPort(t, addr)
	return Account{Host: host, Port: port, Security: sec, Username: "alice", CAFile: caFile}
}

// tracedService is a Service for acct with opts that traces the protocol;
// the test logs the trace if it fails. It is closed when the test ends.
func tracedService(t testing.TB, acct Account, opts Options) (*Service, *syncBuffer) {
	t.Helper()
	trace := &syncBuffer{}
	opts.Trace = trace
	s := New(acct, opts)
	t.Cleanup(s.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(trace.String())
		}
	})
	return s, trace
}

// plainViaProxy connects a Service as user, in plaintext, through a proxy
// to upstream that hides the capabilities hide.
func plainViaProxy(t *testing.T, upstream, user, password string, hide ...string) (*Service, *proxy.Proxy, *syncBuffer) {
	t.Helper()
	p := proxy.Start(t, upstream)
	p.HideCapability(hide...)
	host, port := splitHostPort(t, p.Addr)
	var trace syncBuffer
	s := New(Account{Host: host, Port: port, Security: SecurityPlain, Username: user}, Options{Trace: &trace})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), password); err != nil {
		t.Fatal(err)
	}
	return s, p, &trace
}

// addFlag sets flag on uids of c's selected folder, as another client
// would (UID STORE +FLAGS.SILENT).
func addFlag(t testing.TB, c *imapclient.Client, uids imap.UIDSet, flag imap.Flag) {
	t.Helper()
	if err := c.Store(uids, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{flag}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
}

// countSubjects counts the messages of each folder by subject, read by c.
func countSubjects(t testing.TB, c *imapclient.Client, folders ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, f := range folders {
		data, err := c.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			t.Fatalf("EXAMINE %s: %v", f, err)
		}
		if data.NumMessages == 0 {
			continue
		}
		all, err := c.Fetch(allSeqs(), &imap.FetchOptions{Envelope: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range all {
			out[f+":"+m.Envelope.Subject]++
		}
	}
	return out
}

// connectInbox logs s in with password and selects INBOX with its 10
// newest rows.
func connectInbox(t testing.TB, s *Service, password string) Selection {
	t.Helper()
	if _, err := s.Connect(testCtx(t), password); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Select(testCtx(t), "INBOX", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}
