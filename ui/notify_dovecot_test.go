package ui

import (
	"testing"
	"time"

	"tern/imapsvc"
	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// TestDovecotOtherFolderCountsPushed: with NOTIFY, mail delivered to a
// folder that is not open shows in the folder pane with no refresh due
// (status_interval an hour).
func TestDovecotOtherFolderCountsPushed(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Work", 2, byUID)
	tm, _ := liveFlow(t, srv, func(o *Options) { o.StatusInterval = time.Hour })
	waitScreen(t, tm, "Work", "idle")
	srv.Append(t, "alice", "Work", plainMessage(3))
	waitScreen(t, tm, "Work", "3/3")
}

// TestDovecotOtherFolderCountsPolled: with NOTIFY hidden, the counts come
// from the refresh every status_interval.
func TestDovecotOtherFolderCountsPolled(t *testing.T) {
	srv := dovetest.Start(t, dovetest.Options{})
	srv.SeedMaildir(t, "alice", "Work", 2, byUID)
	p := proxy.Start(t, srv.Addr)
	p.HideCapability("NOTIFY")
	p.Strict()
	host, port := splitTestAddr(t, p.Addr)
	svc := imapsvc.New(imapsvc.Account{Name: "dove", Host: host, Port: port, Security: imapsvc.SecurityPlain,
		Username: "alice"}, imapsvc.Options{Live: imapsvc.LiveOptions{Rand: func() float64 { return 0 }}})
	t.Cleanup(svc.Close)
	opts := testOptions()
	opts.Account, opts.StatusInterval = "dove", 100*time.Millisecond
	tm := runFlow(t, svc, opts)
	waitScreen(t, tm, "Work", "idle")
	srv.Append(t, "alice", "Work", plainMessage(3))
	waitScreen(t, tm, "Work", "3/3")
	if v := p.Violations(); len(v) > 0 {
		t.Fatalf("NOTIFY used although hidden: %v", v)
	}
}
