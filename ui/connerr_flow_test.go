package ui

import (
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
	"tern/internal/testcert"
)

// TestFlowConnectErrorOffersRetry: a connection error is shown as one,
// with r to try again with the same password, never a password field.
func TestFlowConnectErrorOffersRetry(t *testing.T) {
	f := newFake(2)
	f.connectErr = &imapsvc.ConnectError{Host: "mail.example", Err: errors.New("connecting to mail.example:993: connection refused")}
	tm := runFlow(t, f, testOptions())
	waitScreen(t, tm, "Could not connect", "connection refused", "r: try again")
	f.mu.Lock()
	f.connectErr = nil
	f.mu.Unlock()
	send(tm, "x", "r") // x is no key here: nothing typed anywhere
	waitScreen(t, tm, "Message number 2")
	if !slices.Equal(f.passwords, []string{"secret", "secret"}) {
		t.Errorf("Connect got %q, want the same password twice", f.passwords)
	}
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	if fm := tm.FinalModel(t).(Model); fm.password != "" {
		t.Error("the model kept the password after logging in")
	}
}

// TestFlowRealConnectErrors: against real sockets, a refused connection,
// an untrusted certificate and a server without the STARTTLS the account
// asks for end on the connection error box, not on a password prompt.
func TestFlowRealConnectErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().(*net.TCPAddr).Port
	l.Close()
	serverTLS, _ := testcert.New(t)
	srv := memtest.Start(t, memtest.Options{TLS: serverTLS})
	plain := memtest.Start(t, memtest.Options{})
	cases := []struct {
		name string
		acct imapsvc.Account
		want string
	}{
		{"refused", imapsvc.Account{Name: "a", Host: "127.0.0.1", Port: closed, Security: imapsvc.SecurityPlain, Username: "u"}, "refused"},
		{"untrusted", imapsvc.Account{Name: "a", Host: srv.Host, Port: srv.Port, Security: imapsvc.SecurityTLS, Username: srv.Username}, "not trusted"},
		{"no starttls", imapsvc.Account{Name: "a", Host: plain.Host, Port: plain.Port, Security: imapsvc.SecurityStartTLS, Username: plain.Username}, "does not offer STARTTLS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := imapsvc.New(c.acct, imapsvc.Options{})
			t.Cleanup(svc.Close)
			// 40 columns: the error wraps inside the terminal.
			tm := teatest.NewTestModel(t, New(svc, testOptions()), teatest.WithInitialTermSize(40, 20))
			t.Cleanup(func() { _ = tm.Quit() })
			waitScreen(t, tm, "Could not connect", "try again")
			send(tm, "esc")
			tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
			fm := tm.FinalModel(t).(Model)
			v := ansi.Strip(fm.View())
			if !fm.prompt.connErr || strings.Contains(v, "Password:") {
				t.Errorf("a connection error asked for the password:\n%s", v)
			}
			if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(v, "│", " ")), " "), c.want) {
				t.Errorf("the screen does not say %q:\n%s", c.want, v)
			}
			for i, line := range strings.Split(v, "\n") {
				if w := ansi.StringWidth(line); w > 40 {
					t.Errorf("line %d is %d wide at 40 columns", i, w)
				}
			}
		})
	}
}

// TestPromptBoxFitsWidth: a long TLS error wraps inside the terminal at
// 40, 60 and 80 columns, and all of it is shown.
func TestPromptBoxFitsWidth(t *testing.T) {
	long := "certificate of imap.a-rather-long-host-name.example.org could not be verified: x509: certificate signed by unknown authority (possibly because of \"crypto/rsa: verification error\" while trying to verify candidate authority certificate \"Example Internal CA\")"
	for _, connErr := range []bool{true, false} {
		for _, w := range []int{40, 60, 80} {
			m := New(newFake(1), testOptions())
			p := m.prompt
			if connErr {
				p = p.connFailed(long)
			} else {
				p, _ = p.focus("Could not log in: " + long)
			}
			v := p.view(w, 20, []string{"a configuration warning that is also rather long, to be wrapped as well"})
			for i, line := range strings.Split(v, "\n") {
				if lw := lipgloss.Width(line); lw > w {
					t.Errorf("connErr=%v width %d: line %d is %d wide: %q", connErr, w, i, lw, line)
				}
			}
			words := strings.Join(strings.Fields(ansi.Strip(v)), " ")
			if !strings.Contains(strings.ReplaceAll(words, "│ │", ""), "Example") {
				t.Errorf("width %d: the error's end is missing:\n%s", w, v)
			}
		}
	}
}

// TestFlowNarrowHelpScrolls: in a 60×20 terminal, ? then G shows the
// help's last entry, which the first page does not.
func TestFlowNarrowHelpScrolls(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFake(5), testOptions()), teatest.WithInitialTermSize(60, 20))
	t.Cleanup(func() { _ = tm.Quit() })
	waitScreen(t, tm, "Message number 5")
	send(tm, "?")
	waitScreen(t, tm, "lines 1-15 of", "scroll")
	send(tm, "G")
	waitScreen(t, tm, "server info", "of 26")
	send(tm, "?", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
}
