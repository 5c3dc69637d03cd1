package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// drive feeds msgs to the model and runs every command it returns,
// synchronously, until nothing is left. Timers (spinner ticks, cursor
// blinks) are not run; models under drive use a fake without an event
// channel (events are fed as messages), so drive never waits.
func drive(t testing.TB, m tea.Model, msgs ...tea.Msg) tea.Model {
	t.Helper()
	return driveWith(t, runCmd, m, msgs...)
}

// driveWith is drive with run turning each command into its messages.
func driveWith(t testing.TB, run func(tea.Cmd) []tea.Msg, m tea.Model, msgs ...tea.Msg) tea.Model {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("drive: no quiescence")
		}
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, run(cmd)...)
	}
	return m
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg.(type) {
	case nil, spinner.TickMsg, tea.QuitMsg:
		return nil
	}
	if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") || strings.HasPrefix(fmt.Sprintf("%T", msg), "textinput.") {
		return nil
	}
	// tea.BatchMsg and tea.Sequence's message are slices of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			out = append(out, runCmd(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}
