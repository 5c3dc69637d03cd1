package ui

import (
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotResumeDraft: e on a draft in Dovecot's \Drafts folder, then
// y: the draft sent is removed by UID and the other stays; with UIDPLUS
// hidden, both stay and tern says why.
func TestDovecotResumeDraft(t *testing.T) {
	for _, uidplus := range []bool{true, false} {
		t.Run(map[bool]string{true: "UIDPLUS", false: "no UIDPLUS"}[uidplus], func(t *testing.T) {
			srv := dovetest.Start(t, dovetest.Options{})
			srv.Append(t, "alice", "Drafts", plainMessage(1))
			srv.Append(t, "alice", "Drafts", plainMessage(2))
			p := proxy.Start(t, srv.Addr)
			if !uidplus {
				p.HideCapability("UIDPLUS")
			}
			host, port := splitTestAddr(t, p.Addr)
			svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
				Username: "alice"}, imapsvc.Options{})
			t.Cleanup(svc.Close)
			opts, s, _, _ := writeOptions(t, editorScript(t, addAfterHeaders("finished now")))
			opts.Account = "dove"
			tm := runFlow(t, svc, opts)
			waitScreen(t, tm, "INBOX [READ-WRITE]")
			sendLine(tm, "select Drafts")
			waitScreen(t, tm, "Drafts [READ-WRITE]", "Plain message 2")
			send(tm, "e")
			waitScreen(t, tm, "Review: draft from Drafts", "finished now", "Plain message 2")
			send(tm, "y")
			waitSent(t, s)
			other, err := srv.Dial("alice")
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if _, err := other.Select("Drafts", nil).Wait(); err != nil {
				t.Fatal(err)
			}
			if uidplus {
				teatest.WaitFor(t, tm.Output(), func([]byte) bool { return slices.Equal(serverUIDs(t, other), []imapsvc.UID{1}) },
					teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
				return
			}
			waitScreen(t, tm, "the draft stays in Drafts")
			if got := serverUIDs(t, other); !slices.Equal(got, []imapsvc.UID{1, 2}) {
				t.Errorf("Drafts holds %v, want both drafts", got)
			}
		})
	}
}
