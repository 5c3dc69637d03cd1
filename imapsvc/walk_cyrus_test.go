package imapsvc

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"tern/internal/cyrustest"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// Issue 11 on both servers: the side connection (STATUS RECENT, LSUB),
// subscriptions that follow RENAME, and special folders found by name.

// walkServer is one server of the walk-through, with a way to reach it.
type walkServer struct {
	name   string
	acct   func(sec Security) Account
	plain  string // host:port of the plaintext port, for the proxy
	delim  string
	append func(t *testing.T, n int)
}

func walkServers(t *testing.T) []walkServer {
	t.Helper()
	cy := cyrustest.Start(t, cyrustest.Options{AllowPlaintext: true})
	dv := dovetest.Start(t, dovetest.Options{Separator: "."})
	return []walkServer{
		{name: "cyrus", acct: func(sec Security) Account { return cyrusAccount(t, cy, sec) }, plain: cy.Addr, delim: ".",
			append: func(t *testing.T, n int) {
				for i := range n {
					cy.Append(t, "alice", "", cyrustest.Message(100+i))
				}
			}},
		{name: "dovecot", acct: func(sec Security) Account { return dovecotAccount(t, dv, sec) }, plain: dv.Addr, delim: ".",
			append: func(t *testing.T, n int) {
				for range n {
					dv.Append(t, "alice", "INBOX", []byte("From: a@example.org\r\nSubject: hi\r\n\r\nhi\r\n"))
				}
			}},
	}
}

func connectWalk(t *testing.T, acct Account) *Service {
	t.Helper()
	s := New(acct, Options{})
	t.Cleanup(s.Close)
	if _, err := s.Connect(testCtx(t), "secret"); err != nil {
		t.Fatal(err)
	}
	return s
}

// viaProxyWithout is a service on the plaintext port behind a strict proxy
// that hides the named capabilities (the side connection goes through it
// too).
func viaProxyWithout(t *testing.T, w walkServer, caps ...string) *Service {
	t.Helper()
	p := proxy.Start(t, w.plain)
	p.HideCapability(caps...)
	p.Strict() // a command that needs a hidden capability fails, and is reported
	t.Cleanup(func() {
		if v := p.Violations(); len(v) > 0 {
			t.Errorf("tern used hidden capabilities:\n%s", strings.Join(v, "\n"))
		}
	})
	acct := w.acct(SecurityPlain)
	host, port := splitHostPort(t, p.Addr)
	acct.Host, acct.Port = host, port
	return connectWalk(t, acct)
}

// TestWalkStatusRecent: :status shows RECENT, asked on the side connection,
// over TLS and STARTTLS, on Cyrus and Dovecot; Logout closes it.
func TestWalkStatusRecent(t *testing.T) {
	for _, w := range walkServers(t) {
		t.Run(w.name, func(t *testing.T) {
			w.append(t, 2)
			for _, sec := range []Security{SecurityTLS, SecurityStartTLS} {
				s := connectWalk(t, w.acct(sec))
				st, err := s.Status(testCtx(t), "INBOX")
				if err != nil {
					t.Fatal(err)
				}
				if st.Recent == nil || *st.Recent != st.Messages || st.Messages < 2 {
					t.Fatalf("%s: STATUS = %+v (RECENT note %q), want RECENT = MESSAGES >= 2", sec, st, st.RecentNote)
				}
				if err := s.Logout(testCtx(t)); err != nil {
					t.Fatal(err)
				}
				s.side.mu.Lock()
				open := s.side.c != nil
				s.side.mu.Unlock()
				if open {
					t.Errorf("%s: the side connection is still open after Logout", sec)
				}
			}
		})
	}
}

// TestWalkLSUB: without LIST-EXTENDED the subscribed view comes from LSUB on
// the side connection, and it names the same folders as LIST (SUBSCRIBED).
func TestWalkLSUB(t *testing.T) {
	for _, w := range walkServers(t) {
		t.Run(w.name, func(t *testing.T) {
			want, err := connectWalk(t, w.acct(SecurityTLS)).Subscribed(testCtx(t))
			if err != nil || want.Via != "LIST (SUBSCRIBED)" || len(want.Names) == 0 {
				t.Fatalf("LIST (SUBSCRIBED) = %+v, %v", want, err)
			}
			got, err := viaProxyWithout(t, w, "LIST-EXTENDED").Subscribed(testCtx(t))
			if err != nil || got.Via != "LSUB" {
				t.Fatalf("without LIST-EXTENDED: %+v, %v", got, err)
			}
			slices.Sort(want.Names)
			slices.Sort(got.Names)
			if !slices.Equal(got.Names, want.Names) {
				t.Fatalf("LSUB = %q, LIST (SUBSCRIBED) = %q", got.Names, want.Names)
			}
		})
	}
}

// TestWalkRenameSubscriptions: renaming a subscribed folder with a
// subscribed child moves both subscriptions, with and without
// LIST-EXTENDED, on Cyrus and Dovecot; nothing stays subscribed under the
// old names (Cyrus would list them as \NonExistent).
func TestWalkRenameSubscriptions(t *testing.T) {
	for _, w := range walkServers(t) {
		t.Run(w.name, func(t *testing.T) {
			check := connectWalk(t, w.acct(SecurityTLS)) // sees \NonExistent subscriptions too
			for i, s := range []*Service{check, viaProxyWithout(t, w, "LIST-EXTENDED")} {
				ctx := testCtx(t)
				old := "INBOX.walk" + string(rune('a'+i))
				nw := old + "new"
				d := w.delim
				if err := s.Create(ctx, FolderName(old+d+"child"+d+"leaf")); err != nil {
					t.Fatal(err)
				}
				if err := s.Rename(ctx, FolderName(old), FolderName(nw)); err != nil {
					t.Fatalf("rename %d: %v", i, err)
				}
				subs, err := check.Subscribed(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range []string{nw, nw + d + "child", nw + d + "child" + d + "leaf"} {
					if !slices.Contains(subs.Names, FolderName(n)) {
						t.Errorf("rename %d: %q is not subscribed: %q", i, n, subs.Names)
					}
				}
				for _, fn := range subs.Names {
					if n := string(fn); n == old || strings.HasPrefix(n, old+d) {
						t.Errorf("rename %d: %q is still subscribed", i, n)
					}
				}
			}
		})
	}
}

// TestWalkSpecialUseByName: Cyrus advertises SPECIAL-USE, but the seed's
// folders carry no flags, so Trash, Sent and Drafts are found by name; on
// Dovecot the flagged folders keep their roles and a look-alike name
// claims none.
func TestWalkSpecialUseByName(t *testing.T) {
	ws := walkServers(t)
	roles := func(s *Service) map[string]string {
		list, err := s.ListFolders(testCtx(t))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range list.Folders {
			if f.SpecialUse != "" {
				out[string(f.Name)] = f.SpecialUse
			}
		}
		return out
	}
	cy := roles(connectWalk(t, ws[0].acct(SecurityTLS)))
	for name, role := range map[string]string{"INBOX.Trash": "Trash", "INBOX.Sent Items": "Sent", "INBOX.Drafts": "Drafts"} {
		if cy[name] != role {
			t.Errorf("cyrus: %s has role %q, want %q (all: %v)", name, cy[name], role, cy)
		}
	}
	dv := connectWalk(t, ws[1].acct(SecurityTLS))
	if err := dv.Create(testCtx(t), "Deleted Items"); err != nil {
		t.Fatal(err)
	}
	got := roles(dv)
	if got["Trash"] != "Trash" || got["Sent"] != "Sent" || got["Deleted Items"] != "" {
		t.Errorf("dovecot roles = %v", got)
	}
}

// TestSideConnectionSecurity: the side connection honours LOGINDISABLED,
// verifies certificates and keeps the password out of its errors.
func TestSideConnectionSecurity(t *testing.T) {
	cy := cyrustest.Start(t, cyrustest.Options{})
	ctx := testCtx(t)
	plain := cyrusAccount(t, cy, SecurityPlain)
	if _, err := plain.dialRaw(ctx, "secret", "side connection", "S", nil); err == nil || !strings.Contains(err.Error(), "LOGINDISABLED") {
		t.Errorf("plain login on a LOGINDISABLED port: %v", err)
	}
	untrusted := cyrusAccount(t, cy, SecurityTLS)
	untrusted.CAFile = ""
	if _, err := untrusted.dialRaw(ctx, "secret", "side connection", "S", nil); err == nil || !strings.Contains(err.Error(), "not trusted") {
		t.Errorf("untrusted certificate: %v", err)
	}
	_, err := cyrusAccount(t, cy, SecurityStartTLS).dialRaw(ctx, "wrong-Pa55", "side connection", "S", nil)
	var se *ServerError
	if err == nil || !errors.As(err, &se) || strings.Contains(err.Error(), "wrong-Pa55") {
		t.Errorf("wrong password: %v", err)
	}
}
