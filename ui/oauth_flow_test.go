package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
)

// TestFlowTokenAccountNeverAsksPassword: an account that logs in with a
// token connects at once without a password, and after a failed login
// offers to try again (a new token) instead of a password field.
func TestFlowTokenAccountNeverAsksPassword(t *testing.T) {
	f := newFake(3)
	f.connectErr = &imapsvc.AuthError{Err: &imapsvc.ServerError{Op: "XOAUTH2 login as alice", Text: "[AUTHENTICATIONFAILED] Authentication failed."}}
	opts := testOptions()
	opts.Password, opts.TokenAuth = "", true
	tm := runFlow(t, f, opts)
	waitScreen(t, tm, "Could not log in", "AUTHENTICATIONFAILED", "log in again with a new token from token_cmd")
	f.mu.Lock()
	f.connectErr = nil
	f.mu.Unlock()
	sendText(tm, "hunter2") // nothing to type into
	send(tm, "enter")
	waitScreen(t, tm, "Message number 3")
	if !slices.Equal(f.passwords, []string{"", ""}) {
		t.Errorf("Connect got %q, want no password twice", f.passwords)
	}
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	out := tm.FinalModel(t).(Model).View()
	if strings.Contains(out, "Password:") {
		t.Error("a token account was shown a password prompt")
	}
}

// TestTokenAccountStartsConnecting: with TokenAuth the model starts by
// connecting, even without a password, and its prompt has no field.
func TestTokenAccountStartsConnecting(t *testing.T) {
	opts := testOptions()
	opts.Password, opts.TokenAuth = "", true
	m := New(newFake(1), opts)
	if m.phase != phaseConnecting {
		t.Fatalf("phase = %v, want connecting", m.phase)
	}
	m.prompt, _ = m.prompt.focus("Could not log in: x")
	if v := m.prompt.view(80, 20, nil); strings.Contains(v, "Password:") || !strings.Contains(v, "token_cmd") {
		t.Errorf("token prompt:\n%s", v)
	}
	opts.TokenAuth = false
	if m := New(newFake(1), opts); m.phase != phasePrompt {
		t.Errorf("a password account without a password: phase = %v, want the prompt", m.phase)
	}
}
