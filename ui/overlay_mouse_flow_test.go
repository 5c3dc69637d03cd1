package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"tern/internal/memtest"
)

// pickerServer has INBOX with one message and the folders Box01 to Box40.
func pickerServer(t *testing.T) *memtest.Server {
	srv := memtest.Start(t, memtest.Options{})
	for i := 1; i <= 40; i++ {
		srv.Create(t, fmt.Sprintf("Box%02d", i))
	}
	srv.Append(t, "INBOX", plainMessage(1))
	return srv
}

// TestMouseFlowPickerWheelAndDoubleClick: in the copy picker the wheel
// moves the cursor (the list scrolls to keep it shown), a click puts the
// cursor on the folder under the pointer, a click beside the picker does
// nothing, and a double-click on a folder copies there.
func TestMouseFlowPickerWheelAndDoubleClick(t *testing.T) {
	tm, w := memWatch(t, pickerServer(t), testOptions())
	waitRow(t, tm, 1)
	// The picker offers the folders known when it opens: the row can show
	// before LIST has answered, and "Box24" below can be the folder pane's.
	waitSettled(t, tm, w)
	send(tm, "C")
	waitScreen(t, tm, "Copy 1 message to:", "Box24")
	// Box01... (not INBOX, the source) in 25 rows under the input; ten
	// notches put the cursor on Box31, so the rows show Box07 to Box31.
	for range 10 {
		tm.Send(wheelAt(flowListX, 10, true))
	}
	waitScreen(t, tm, "Box31")
	tm.Send(click(flowFolderX, flowFolderY(3))) // the folder pane: nothing
	tm.Send(click(flowListX, flowRowY(9)))      // Box16
	send(tm, "enter")
	waitScreen(t, tm, "copied 1 message to Box16")
	send(tm, "C")
	waitScreen(t, tm, "Copy 1 message to:")
	tm.Send(click(flowListX, flowRowY(2))) // Box03
	tm.Send(click(flowListX, flowRowY(2)))
	waitScreen(t, tm, "copied 1 message to Box03")
	fm := quitFlow(t, tm)
	if fm.folders.Active() != "INBOX" {
		t.Fatalf("a click behind the picker opened %q", fm.folders.Active())
	}
}

// TestMouseFlowWheelScrollsHelp: at 60×20 the help does not fit, and the
// wheel over it scrolls it; clicks on it reach nothing behind.
func TestMouseFlowWheelScrollsHelp(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFake(5), testOptions()), teatest.WithInitialTermSize(60, 20))
	t.Cleanup(func() { _ = tm.Quit() })
	waitScreen(t, tm, "Message number 5")
	send(tm, "?")
	waitScreen(t, tm, "lines 1-15 of")
	tm.Send(wheelAt(30, 8, true))
	waitScreen(t, tm, "lines 4-18 of")
	tm.Send(wheelAt(30, 8, true))
	waitScreen(t, tm, "lines 7-21 of")
	tm.Send(click(5, 3)) // over the folder pane behind the help
	tm.Send(wheelAt(30, 8, false))
	waitScreen(t, tm, "lines 4-18 of")
	send(tm, "?", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if fm.focus != focusRight {
		t.Fatal("a click on the help moved the focus behind it")
	}
}

// TestMouseFlowWheelScrollsPanel: the wheel over a panel scrolls it three
// lines a notch, and never past its ends.
func TestMouseFlowWheelScrollsPanel(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFake(5), testOptions()), teatest.WithInitialTermSize(80, 24))
	t.Cleanup(func() { _ = tm.Quit() })
	waitScreen(t, tm, "Message number 5")
	lines := make([]string, 60)
	for i := range lines {
		lines[i] = fmt.Sprintf("panel line %02d", i+1)
	}
	tm.Send(panelMsg{title: "Long panel", lines: lines})
	waitScreen(t, tm, "Long panel", "panel line 01")
	tm.Send(wheelAt(40, 10, true))
	tm.Send(wheelAt(40, 10, true))
	waitScreen(t, tm, "panel line 07", "panel line 23")
	for range 30 {
		tm.Send(wheelAt(40, 10, true))
	}
	waitScreen(t, tm, "panel line 60")
	tm.Send(wheelAt(40, 10, false))
	waitScreen(t, tm, "panel line 42")
	send(tm, "esc", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	if fm.list.offset != 0 {
		t.Fatalf("the wheel over the panel scrolled the list behind it to %d", fm.list.offset)
	}
}
