package ui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
)

// TestFlowEnterInPartsOpensPart: against the embedded server, v lists the
// parts, the cursor starts on the attachment, and Enter ([keys.parts]
// open) saves it and hands it to the opener.
func TestFlowEnterInPartsOpensPart(t *testing.T) {
	dir := t.TempDir()
	out, done := filepath.Join(dir, "opened"), filepath.Join(dir, "done")
	if err := syscall.Mkfifo(done, 0o600); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "opener")
	// The opener is exec'd directly with the file as its argument; it says
	// when it has copied it through the FIFO, so the test waits on an event.
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncp \"$1\" "+out+"\necho ok > "+done+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OPENER", script)
	opened := make(chan []byte, 1)
	go func() {
		b, _ := os.ReadFile(done) // blocks until the opener writes
		opened <- b
	}()
	tm := readingServer(t, []byte("%PDF-1.4 open me"))
	send(tm, "j", "enter")
	waitScreen(t, tm, "Plain version of the report.")
	send(tm, "v")
	waitScreen(t, tm, "Parts: UID", "enter/o open part")
	send(tm, "enter")
	waitScreen(t, tm, "opened report.pdf")
	select {
	case <-opened:
	case <-time.After(15 * time.Second):
		t.Fatal("the opener did not run")
	}
	if got, _ := os.ReadFile(out); string(got) != "%PDF-1.4 open me" {
		t.Fatalf("the opener got %q", got)
	}
	send(tm, "esc", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}

// TestMouseFlowClickInPartsList: a click on a part puts the parts list's
// cursor on it (Enter then opens that part), and a double-click opens the
// part clicked.
func TestMouseFlowClickInPartsList(t *testing.T) {
	t.Setenv("OPENER", "true") // found on $PATH; it opens nothing
	tm := readingServer(t, []byte("%PDF-1.4 open me"))
	send(tm, "j", "enter")
	waitScreen(t, tm, "Plain version of the report.")
	send(tm, "v")
	waitScreen(t, tm, "Parts: UID", "report.pdf")
	// The right pane starts at x 25; its title on line 1, the parts from
	// line 3: 1.1 text/plain, 1.2 text/html, 2 report.pdf.
	tm.Send(click(flowListX, 3))
	send(tm, "enter")
	waitScreen(t, tm, "opened part-1.1")
	tm.Send(click(flowListX, 5))
	tm.Send(click(flowListX, 5))
	waitScreen(t, tm, "opened report.pdf")
	send(tm, "esc", "q", "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
