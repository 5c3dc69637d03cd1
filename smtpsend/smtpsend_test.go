package smtpsend

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const testMsg = "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\nHello Bob.\r\n.leading dot\r\n"

// quick keeps a test that goes wrong from waiting the default minutes.
var quick = Options{Step: 10 * time.Second, Final: 10 * time.Second}

func send(t *testing.T, a Account, rcpts ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return New(a, quick).Send(ctx, "alice@example.com", rcpts, strings.NewReader(testMsg), nil)
}

func TestSendEachSecurityMode(t *testing.T) {
	for _, mode := range []Security{SecurityTLS, SecurityStartTLS, SecurityPlain} {
		t.Run(string(mode), func(t *testing.T) {
			srv := (&testServer{t: t, mode: mode, user: "alice", password: "s3cret-pw"}).start()
			if err := send(t, srv.account(mode), "bob@example.com", "carol@example.com"); err != nil {
				t.Fatal(err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			m := got[0]
			if m.from != "alice@example.com" || strings.Join(m.rcpts, ",") != "bob@example.com,carol@example.com" {
				t.Errorf("envelope: from %q rcpts %q", m.from, m.rcpts)
			}
			if string(m.body) != testMsg {
				t.Errorf("body:\n%q\nwant\n%q", m.body, testMsg)
			}
			if m.opts.Size != int64(len(testMsg)) {
				t.Errorf("MAIL SIZE=%d, want %d", m.opts.Size, len(testMsg))
			}
			if ev := srv.events(); !strings.HasPrefix(ev, "AUTH:PLAIN AUTH-OK MAIL") {
				t.Errorf("server saw %q, want PLAIN login first", ev)
			}
		})
	}
}

// A cleartext server never sees the password unless smtp_security is
// "plain": STARTTLS missing is an error, never a fallback.
func TestCleartextServerGetsNoPasswordUnlessPlain(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityPlain, user: "alice", password: "s3cret-pw"}).start()
	for _, mode := range []Security{SecurityStartTLS, SecurityTLS} {
		err := send(t, srv.account(mode), "bob@example.com")
		if err == nil {
			t.Fatalf("%s against a cleartext server: sent", mode)
		}
		if mode == SecurityStartTLS && !strings.Contains(err.Error(), "does not offer STARTTLS; refusing to continue in cleartext") {
			t.Errorf("starttls: %v", err)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: password in error %q", mode, err)
		}
	}
	if ev := srv.events(); ev != "" {
		t.Fatalf("server saw %q before security was in place", ev)
	}
	if err := send(t, srv.account(SecurityPlain), "bob@example.com"); err != nil {
		t.Fatalf("plain, as configured: %v", err)
	}
	if ev := srv.events(); !strings.HasPrefix(ev, "AUTH:PLAIN AUTH-OK") {
		t.Errorf("plain: server saw %q", ev)
	}
}

func TestUntrustedCertificateRefused(t *testing.T) {
	for _, mode := range []Security{SecurityTLS, SecurityStartTLS} {
		srv := (&testServer{t: t, mode: mode, user: "alice", password: "pw"}).start()
		a := srv.account(mode)
		a.CAFile = ""
		err := send(t, a, "bob@example.com")
		if err == nil || !strings.Contains(err.Error(), "certificate is not trusted") {
			t.Errorf("%s: %v", mode, err)
		}
		if ev := srv.events(); ev != "" {
			t.Errorf("%s: server saw %q", mode, ev)
		}
	}
}

func TestLoginRefusedSaysSoWithoutThePassword(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityStartTLS, user: "alice", password: "right-one", echo: true}).start()
	a := srv.account(SecurityStartTLS)
	a.Password = func(context.Context) (string, error) { return "wrong-password", nil }
	err := send(t, a, "bob@example.com")
	var e *Error
	if !errors.As(err, &e) || !e.Auth || e.Code != 535 {
		t.Fatalf("err = %#v, want an *Error with Auth and code 535", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "login as alice failed: 535 5.7.8 Authentication credentials invalid") {
		t.Errorf("message %q does not say what the server said", msg)
	}
	if strings.Contains(msg, "wrong-password") || !strings.Contains(msg, "***") {
		t.Errorf("message %q shows the password the server echoed", msg)
	}
	if ev := srv.events(); strings.Contains(ev, "MAIL") {
		t.Errorf("server saw %q after a refused login", ev)
	}
}

func TestLoginFallsBackToAuthLogin(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw", mechs: []string{"LOGIN"}}).start()
	if err := send(t, srv.account(SecurityTLS), "bob@example.com"); err != nil {
		t.Fatal(err)
	}
	if ev := srv.events(); !strings.HasPrefix(ev, "AUTH:LOGIN AUTH-OK") {
		t.Errorf("server saw %q", ev)
	}
	none := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw", mechs: []string{"CRAM-MD5"}}).start()
	err := send(t, none.account(SecurityTLS), "bob@example.com")
	if err == nil || !strings.Contains(err.Error(), "does not offer AUTH PLAIN or LOGIN; it offers CRAM-MD5") {
		t.Errorf("CRAM-MD5 only: %v", err)
	}
}

func TestOAuth2Token(t *testing.T) {
	for _, auth := range []Auth{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(string(auth), func(t *testing.T) {
			srv := (&testServer{t: t, mode: SecurityTLS, user: "alice@example.com", token: "ya29.good",
				mechs: []string{"PLAIN", "XOAUTH2", "OAUTHBEARER"}}).start()
			a := srv.account(SecurityTLS)
			a.Auth, a.Password = auth, nil
			runs := 0
			a.Token = func(context.Context) (string, error) { runs++; return "ya29.good", nil }
			if err := send(t, a, "bob@example.com"); err != nil {
				t.Fatal(err)
			}
			if runs != 1 || len(srv.received()) != 1 {
				t.Fatalf("token runs %d, messages %d", runs, len(srv.received()))
			}
			if ev := srv.events(); !strings.HasPrefix(ev, "AUTH:"+strings.ToUpper(string(auth))+" AUTH-OK") {
				t.Errorf("server saw %q", ev)
			}

			// An expired token is replaced by a fresh one, once.
			tokens := []string{"ya29.expired", "ya29.good"}
			a.Token = func(context.Context) (string, error) { tok := tokens[0]; tokens = tokens[1:]; return tok, nil }
			if err := send(t, a, "bob@example.com"); err != nil || len(tokens) != 0 {
				t.Fatalf("expired, then fresh token: %v (%d tokens left)", err, len(tokens))
			}

			runs = 0
			a.Token = func(context.Context) (string, error) { runs++; return "ya29.expired", nil }
			err := send(t, a, "bob@example.com")
			var e *Error
			if !errors.As(err, &e) || !e.Auth || runs != 2 || !strings.Contains(err.Error(), "token refused: status") ||
				!strings.Contains(err.Error(), "its new token was refused too") {
				t.Fatalf("refused token, %d runs: %v", runs, err)
			}
			if strings.Contains(err.Error(), "ya29.expired") {
				t.Errorf("token in error %q", err)
			}
		})
	}
}

func TestRecipientRefusedSendsNothing(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw",
		refuse: map[string]bool{"nobody@example.com": true, "ghost@example.com": true}}).start()
	err := send(t, srv.account(SecurityTLS), "bob@example.com", "nobody@example.com", "ghost@example.com")
	var e *Error
	if !errors.As(err, &e) || len(e.Refused) != 2 {
		t.Fatalf("err = %v, want two refused recipients", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "nothing was sent: nobody@example.com (550 5.1.1 No such user here)") ||
		strings.ContainsRune(msg, 0x1b) {
		t.Errorf("message %q", msg)
	}
	if n := len(srv.received()); n != 0 || strings.Contains(srv.events(), "DATA") {
		t.Errorf("server got DATA (%d messages) despite a refused recipient", n)
	}
}

func TestProgressAndStreaming(t *testing.T) {
	srv := (&testServer{t: t, mode: SecurityTLS, user: "alice", password: "pw"}).start()
	body := bytes.Repeat([]byte("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\r\n"), 40000) // 2.5 MiB
	msg := append([]byte("Subject: big\r\n\r\n"), body...)
	var seen []int64
	s := New(srv.account(SecurityTLS), Options{Step: 10 * time.Second, ProgressEvery: 512 << 10})
	// A plain io.Reader: the size is unknown, the message is streamed.
	err := s.Send(context.Background(), "alice@example.com", []string{"bob@example.com"},
		struct{ *bytes.Reader }{bytes.NewReader(msg)}, func(n int64) { seen = append(seen, n) })
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.received(); len(got) != 1 || !bytes.Equal(got[0].body, msg) {
		t.Fatal("the server did not receive the message intact")
	}
	if len(seen) < 4 || seen[len(seen)-1] != int64(len(msg)) {
		t.Fatalf("progress %v: want several calls ending at %d", seen, len(msg))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Fatalf("progress goes backwards: %v", seen)
		}
	}
}

func TestEnvelopeCheckedBeforeConnecting(t *testing.T) {
	a := Account{Host: "127.0.0.1", Port: 1, Security: SecurityTLS} // nothing listens there
	for _, tc := range []struct{ from, rcpt string }{
		{"alice@example.com", "bob@example.com>\r\nRCPT TO:<eve@example.com"},
		{"alice@example.com", "-oQ/tmp/x"},
		{"alice@example.com", ""},
		{"a b@example.com", "bob@example.com"},
	} {
		err := New(a, quick).Send(context.Background(), tc.from, []string{tc.rcpt}, strings.NewReader(testMsg), nil)
		if err == nil || !strings.Contains(err.Error(), "not usable in SMTP") {
			t.Errorf("%q -> %q: %v", tc.from, tc.rcpt, err)
		}
	}
	if err := New(a, quick).Send(context.Background(), "a@example.com", nil, strings.NewReader(testMsg), nil); err == nil {
		t.Error("no recipients: sent")
	}
}
