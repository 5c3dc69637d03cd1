package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/folders"
)

// driveAccounts is drive for Accounts: a tagged timer (spinner, cursor
// blink) is dropped as drive drops it untagged.
func driveAccounts(t *testing.T, a tea.Model, msgs ...tea.Msg) Accounts {
	t.Helper()
	return driveWith(t, runAccountCmd, a, msgs...).(Accounts)
}

func runAccountCmd(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range runCmd(cmd) {
		if am, ok := msg.(accountMsg); ok {
			if _, tick := am.msg.(spinner.TickMsg); tick {
				continue
			}
			if n := fmt.Sprintf("%T", am.msg); strings.HasPrefix(n, "cursor.") || strings.HasPrefix(n, "textinput.") {
				continue
			}
		}
		out = append(out, msg)
	}
	return out
}

// twoAccounts starts "work" and "home" on fakes whose INBOXes have the
// same UIDVALIDITY and UIDs: only the routing tells their answers apart.
func twoAccounts(t *testing.T, tune ...func([]AccountSetup)) (Accounts, *fakeBackend, *fakeBackend) {
	t.Helper()
	work, home := quiet(5), quiet(3)
	ow, oh := testOptions(), testOptions()
	ow.Account, oh.Account = "work", "home"
	ow.Accounts, oh.Accounts = []string{"work", "home"}, []string{"work", "home"}
	setups := []AccountSetup{{Backend: work, Options: ow}, {Backend: home, Options: oh}}
	for _, f := range tune {
		f(setups)
	}
	a := NewAccounts(setups)
	return driveAccounts(t, a, append([]tea.Msg{tea.WindowSizeMsg{Width: 100, Height: 24}}, runAccountCmd(a.Init())...)...), work, home
}

// TestAccountsBothConnect: both accounts log in, each on its own backend,
// and the tree shows both roots with their folders.
func TestAccountsBothConnect(t *testing.T) {
	a, work, home := twoAccounts(t)
	for i, f := range []*fakeBackend{work, home} {
		if a.accts[i].session == nil {
			t.Fatalf("account %s has no session", a.names[i])
		}
		if len(f.passwords) != 1 {
			t.Fatalf("account %s: %d logins", a.names[i], len(f.passwords))
		}
	}
	s := screen(a)
	for _, want := range []string{"▾ work", "▾ home", " work │ INBOX", "Message number 5"} {
		if !strings.Contains(s, want) {
			t.Fatalf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "Sent") != 2 {
		t.Fatalf("want each account's Sent under its root:\n%s", s)
	}
}

// TestAccountsAnswerRouting: an answer of account B is applied to B only,
// though A has the same folder open with the same UIDVALIDITY.
func TestAccountsAnswerRouting(t *testing.T) {
	a, _, _ := twoAccounts(t)
	inbox := a.accts[1].list.mb
	if inbox != a.accts[0].list.mb {
		t.Fatalf("the test needs the same mailbox in both: %v, %v", inbox, a.accts[0].list.mb)
	}
	before := len(a.accts[0].list.uids)
	ev := imapsvc.NewMail{Mailbox: inbox, Rows: []imapsvc.Row{{UID: 100, From: "Bob", Subject: "for home only"}}}
	a = driveAccounts(t, a, accountMsg{account: 1, msg: eventMsg{ev: ev}})
	if got := len(a.accts[0].list.uids); got != before {
		t.Fatalf("work's list went from %d to %d UIDs with home's new mail", before, got)
	}
	if got := a.accts[1].list.uids; got[len(got)-1] != 100 {
		t.Fatalf("home's list %v lacks UID 100", got)
	}
	if a.active != 0 || !strings.Contains(a.accts[1].status.notice, "for home only") {
		t.Fatalf("active %d, home's notice %q", a.active, a.accts[1].status.notice)
	}
	if n := a.accts[0].status.notice; !strings.HasPrefix(n, "home: new mail in INBOX") {
		t.Fatalf("work's message line %q does not tell of home's mail", n)
	}
	// A counts answer of home changes home's tree only.
	a = driveAccounts(t, a, accountMsg{account: 1, msg: countsMsg{Counted: folders.Counted{Counts: imapsvc.FolderCounts{
		Counts: map[imapsvc.FolderName]imapsvc.Counts{"Sent": {Messages: 42, Unseen: 40}}}}}})
	if c, _ := a.accts[0].folders.Count("Sent"); c.Messages == 42 {
		t.Fatal("home's STATUS answer landed in work's tree")
	}
	if c, _ := a.accts[1].folders.Count("Sent"); c.Messages != 42 {
		t.Fatalf("home's Sent counts %+v", c)
	}
}

// TestAccountsTagKeepsBatches: a batch or sequence of an account stays one
// the runtime runs, its commands' messages tagged; Bubble Tea's own
// messages pass as they are, and quit waits for the other accounts.
func TestAccountsTagKeepsBatches(t *testing.T) {
	ping := func() tea.Msg { return noticeMsg{text: "x"} }
	if _, ok := tagMsg(1, tea.Batch(ping, ping)()).(tea.BatchMsg); !ok {
		t.Fatal("a batch is no longer a tea.BatchMsg")
	}
	seq := tagMsg(1, tea.Sequence(ping, nil, ping)())
	msgs := runCmd(func() tea.Msg { return seq })
	if len(msgs) != 2 {
		t.Fatalf("sequence gave %v", msgs)
	}
	for _, m := range msgs {
		if am, ok := m.(accountMsg); !ok || am.account != 1 {
			t.Fatalf("message %#v not tagged for account 1", m)
		}
	}
	if _, ok := tagMsg(0, tea.WindowSizeMsg{}).(tea.WindowSizeMsg); !ok {
		t.Fatal("Bubble Tea's message was tagged")
	}
	if am, ok := tagMsg(0, tea.Quit()).(accountMsg); !ok || am.msg != (quitRequest{}) {
		t.Fatalf("quit gave %#v", am)
	}
}

// TestAccountsSwitch: the account key and :account switch; a typo gets a
// "did you mean"; the status bar names the account shown.
func TestAccountsSwitch(t *testing.T) {
	a, _, _ := twoAccounts(t)
	a = driveAccounts(t, a, press("}"))
	if a.active != 1 || !strings.Contains(screen(a), " home │ INBOX") {
		t.Fatalf("} left account %d:\n%s", a.active, screen(a))
	}
	a = driveAccounts(t, a, press("{"))
	if a.active != 0 {
		t.Fatalf("{ left account %d", a.active)
	}
	// Typed faster than read: one message with both runes.
	a = driveAccounts(t, a, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("}}")})
	if a.active != 0 {
		t.Fatalf("}} left account %d", a.active)
	}
	before, _ := a.accts[0].list.selected()
	a = driveAccounts(t, a, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j}")})
	if after, _ := a.accts[0].list.selected(); a.active != 1 || after == before {
		t.Fatalf("j} left account %d, work's cursor on %d", a.active, after)
	}
	a = driveAccounts(t, a, press("{"))
	a = driveAccounts(t, a, append(append([]tea.Msg{press(":")}, typed("account hom")...), press("enter"))...)
	if a.active != 0 || !strings.Contains(screen(a), `no account named "hom"; did you mean "home"?`) {
		t.Fatalf(":account hom: active %d\n%s", a.active, screen(a))
	}
	a = driveAccounts(t, a, append(append([]tea.Msg{press(":")}, typed("account h")...), press("tab"))...)
	if v := a.accts[0].cmdline.input.Value(); v != "account home" {
		t.Fatalf("Tab completed %q", v)
	}
	a = driveAccounts(t, a, press("enter"))
	if a.active != 1 {
		t.Fatalf(":account home left account %d", a.active)
	}
}

// TestAccountsFailingAccount: an account that cannot connect shows why on
// its root; the other works; Esc on its box does not end tern, and the
// retry key on its root tries again.
func TestAccountsFailingAccount(t *testing.T) {
	a, _, home := twoAccounts(t, func(s []AccountSetup) {
		s[1].Backend.(*fakeBackend).connectErr = errors.New("dial tcp 127.0.0.1:1: connect: connection refused")
	})
	if a.accts[0].session == nil {
		t.Fatal("work did not connect beside a failing home")
	}
	if s := screen(a); !strings.Contains(s, "▸ home ✗") || !strings.Contains(s, "Message number 5") {
		t.Fatalf("screen:\n%s", s)
	}
	a = driveAccounts(t, a, press("}"))
	if !strings.Contains(screen(a), "Could not connect: home") {
		t.Fatalf("home's box:\n%s", screen(a))
	}
	a = driveAccounts(t, a, press("esc"))
	if s := screen(a); a.active != 1 || !strings.Contains(s, "connection refused") || !strings.Contains(s, "▾ work") {
		t.Fatalf("after esc:\n%s", s)
	}
	home.connectErr = nil
	a = driveAccounts(t, a, press("r"))
	if a.accts[1].session == nil || !strings.Contains(screen(a), " home │ INBOX") {
		t.Fatalf("r did not log home in:\n%s", screen(a))
	}
}

// TestAccountsCrossMoveRefused: a move or copy to another account's folder
// ("home:Sent") is refused with a message naming both accounts, and the
// server is not asked anything.
func TestAccountsCrossMoveRefused(t *testing.T) {
	a, work, home := twoAccounts(t)
	for _, line := range []string{"move home:Sent", "copy home:Sent"} {
		a = driveAccounts(t, a, append(append([]tea.Msg{press(":")}, typed(line)...), press("enter"))...)
		verb, _, _ := strings.Cut(line, " ")
		want := "cannot " + verb + " between accounts: Sent is in home, the messages are in work"
		if s := screen(a); !strings.Contains(strings.Join(strings.Fields(s), " "), want) {
			t.Fatalf(":%s:\n%s", line, s)
		}
	}
	// The picker offers the other account's folders, and refuses them.
	a = driveAccounts(t, a, press("m"))
	if !strings.Contains(screen(a), "home:Sent") {
		t.Fatalf("picker:\n%s", screen(a))
	}
	a = driveAccounts(t, a, append(typed("home:Sent"), press("enter"))...)
	if !strings.Contains(screen(a), "cannot move between accounts") {
		t.Fatalf("picker:\n%s", screen(a))
	}
	for _, f := range []*fakeBackend{work, home} {
		for _, c := range f.callLog() {
			if strings.HasPrefix(c, "MOVE") || strings.HasPrefix(c, "COPY") {
				t.Fatalf("the server was asked %q", c)
			}
		}
	}
}

// TestAccountsPasswordPrompt: an account without a password asks for its
// own when shown, while the other logs in at once; its root says so
// meanwhile, and Esc does not end tern.
func TestAccountsPasswordPrompt(t *testing.T) {
	a, work, home := twoAccounts(t, func(s []AccountSetup) { s[1].Options.Password = "" })
	if a.accts[0].session == nil || len(work.passwords) != 1 {
		t.Fatal("work waited for home's password")
	}
	if s := screen(a); !strings.Contains(s, "home password needed") || strings.Contains(s, "Log in to") {
		t.Fatalf("screen:\n%s", s)
	}
	a = driveAccounts(t, a, press("}"))
	if !strings.Contains(screen(a), "Log in to home") {
		t.Fatalf("home's prompt:\n%s", screen(a))
	}
	a = driveAccounts(t, a, press("esc"))
	if a.active != 1 || !strings.Contains(screen(a), "Message number") && !strings.Contains(screen(a), "home password needed") {
		t.Fatalf("after esc:\n%s", screen(a))
	}
	a = driveAccounts(t, a, press("enter"))
	a = driveAccounts(t, a, append(typed("s3cret}"), press("enter"))...)
	if a.accts[1].session == nil || len(home.passwords) != 1 || home.passwords[0] != "s3cret}" {
		t.Fatalf("home logins %q", home.passwords)
	}
	if !strings.Contains(screen(a), " home │ INBOX") {
		t.Fatalf("screen:\n%s", screen(a))
	}
}
