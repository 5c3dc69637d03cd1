package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/emersion/go-imap/v2"

	"tern/config"
	"tern/imapsvc"
	"tern/internal/dovetest"
)

// dovecotFlow starts Dovecot with a storage quota, alice and bob, and the
// UI logged in as alice over TLS, keeping its state file in a temp dir.
func dovecotFlow(t *testing.T, quotaKB int64, seed func(*dovetest.Server)) (*teatest.TestModel, string) {
	t.Helper()
	srv := dovetest.Start(t, dovetest.Options{QuotaStorageKB: quotaKB,
		Users: []dovetest.User{{Name: "alice", Password: "secret"}, {Name: "bob", Password: "bobpw"}}})
	seed(srv)
	host, port := splitAddr(t, srv.TLSAddr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityTLS,
		Username: "alice", CAFile: srv.CAFile}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.Password = "dove", "secret"
	opts.StatePath = filepath.Join(t.TempDir(), "tern", "state.toml")
	tm := teatest.NewTestModel(t, New(svc, opts), teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, opts.StatePath
}

func splitAddr(t *testing.T, addr string) (string, int) {
	t.Helper()
	i := strings.LastIndex(addr, ":")
	var port int
	if _, err := fmt.Sscan(addr[i+1:], &port); err != nil {
		t.Fatal(err)
	}
	return addr[:i], port
}

// TestAdminFlowDovecot drives folder management, STATUS, quota, ACL and
// the subscribed view through keys and commands against Dovecot.
func TestAdminFlowDovecot(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 64*1024)
	tm, statePath := dovecotFlow(t, 200, func(srv *dovetest.Server) {
		for i := range 3 {
			srv.Append(t, "alice", "INBOX", []byte(fmt.Sprintf("From: a@example.org\r\nSubject: big %d\r\n\r\n%s\r\n", i, big)))
		}
	})
	// 3 × 64 KiB of a 200 KiB quota: the bar shows it (above 90%, in the
	// warning colour; colours are off in tests, see TestQuotaBar). One wait:
	// the bar may come in the same frame as the rows, and a wait consumes
	// what it has read.
	waitScreen(t, tm, "INBOX [READ-WRITE]", "big 2", "quota [##########] 9", "/200K")

	sendLine(tm, "create Projekte/中文")
	waitScreen(t, tm, "CREATE Projekte/中文: done", "Projekte", "中文")
	sendLine(tm, "create Ziel")
	waitScreen(t, tm, "CREATE Ziel: done")
	sendLine(tm, "rename Projekte/中文 Ziel/Überweisung")
	// The notice names Überweisung too; the tree shows Ziel's child (▾)
	// only when LIST has answered, and "delete Ziel" reads that tree.
	waitMatch(t, tm, `RENAME Projekte/中文: done`, `Überweisung`, `▾ +Ziel`)
	sendLine(tm, "delete Ziel")
	waitScreen(t, tm, "it has subfolders")
	sendLine(tm, "delete Ziel/Überweisung")
	waitScreen(t, tm, "DELETE Ziel/Überweisung and its 0 messages?", "[y/n]")
	send(tm, "y")
	waitScreen(t, tm, "DELETE Ziel/Überweisung: done")

	sendLine(tm, "status INBOX")
	waitScreen(t, tm, "STATUS INBOX", "MESSAGES     3", "UNSEEN       3", "UIDNEXT      4", "HIGHESTMODSEQ")
	send(tm, "esc")
	sendLine(tm, "quota")
	waitScreen(t, tm, `root "User quota"`, "STORAGE", "of 200K")
	send(tm, "esc")

	sendLine(tm, "setacl Ziel bob lrw")
	waitScreen(t, tm, "ACL Ziel", "bob  lrw", "write flags other than")
	send(tm, "esc")

	// Subscriptions: unsubscribe Ziel, switch to the subscribed view.
	sendLine(tm, "unsubscribe Ziel")
	waitScreen(t, tm, "UNSUBSCRIBE Ziel: done")
	sendLine(tm, "lsub")
	waitScreen(t, tm, "showing subscribed folders only (kept in")

	// EXAMINE: read-only, and the write guard refuses.
	sendLine(tm, "examine INBOX")
	waitScreen(t, tm, "INBOX [READ-ONLY]")
	send(tm, "q", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(Model)
	names := joinNames(fm.folders.Names(), ",")
	if strings.Contains(names, "Ziel") || !strings.Contains(names, "INBOX") {
		t.Errorf("subscribed view shows %s, want INBOX and no Ziel", names)
	}
	if why := fm.writeGuard(opFlags); !strings.Contains(why, "read-only") {
		t.Errorf("write guard after EXAMINE = %q", why)
	}
	if st, err := config.LoadState(statePath); err != nil || !st.SubscribedOnly {
		t.Errorf("state file: %+v, %v", st, err)
	}
}

// TestAdminFlowRightsAndConsole: a folder bob shares read-only shows the
// missing rights and refuses writes; the console answers NOOP with OK and
// a raw SELECT leaves the main connection's folder alone.
func TestAdminFlowRightsAndConsole(t *testing.T) {
	tm, _ := dovecotFlow(t, 0, func(srv *dovetest.Server) {
		bob, err := srv.Dial("bob")
		if err != nil {
			t.Fatal(err)
		}
		if err := bob.Create("Box", nil).Wait(); err != nil {
			t.Fatal(err)
		}
		if err := bob.SetACL("Box", "alice", imap.RightModificationReplace, imap.RightSet("lr")).Wait(); err != nil {
			t.Fatal(err)
		}
		bob.Logout().Wait()
		srv.Append(t, "alice", "INBOX", plainMessage(1))
	})

	waitScreen(t, tm, "INBOX [READ-WRITE]", "Plain message 1")
	sendLine(tm, "select shared/bob/Box")
	waitScreen(t, tm, "shared/bob/Box [READ-WRITE]", "rights lr")
	sendLine(tm, "delete shared/bob/Box")
	waitScreen(t, tm, `lack "x"`)
	sendLine(tm, "acl")
	waitScreen(t, tm, "MYRIGHTS lr", "lookup: see the folder", "GETACL refused")
	send(tm, "esc")
	sendLine(tm, "select INBOX")
	waitScreen(t, tm, "INBOX [READ-WRITE]")

	send(tm, "`")
	waitScreen(t, tm, "separate connection")
	sendText(tm, "NOOP")
	send(tm, "enter")
	waitScreen(t, tm, "S: C2 OK")
	sendText(tm, "SELECT shared/bob/Box")
	send(tm, "enter")
	waitScreen(t, tm, "S: C3 OK [READ-ONLY]")
	send(tm, "esc")
	// The main connection still has INBOX: STATUS of it answers, and the
	// open folder's rows are still served.
	sendLine(tm, "status")
	waitScreen(t, tm, "STATUS INBOX", "MESSAGES     1")
	send(tm, "esc", "q", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(Model)
	if fm.list.mb.Name != "INBOX" || fm.list.readOnly {
		t.Errorf("open folder after the console = %+v", fm.list.mb)
	}
}
