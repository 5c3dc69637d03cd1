package ui

import (
	"fmt"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"tern/imapsvc"
	"tern/internal/memtest"
)

// watched runs a Model and lets a test wait for a state of it that the
// screen cannot prove (a row that is gone, a list that has converged). The
// condition runs inside Update, on the program's goroutine, so it reads
// the model without racing it.
type watched struct {
	inner tea.Model
	w     *watch
}

type watch struct {
	mu   sync.Mutex
	cond func(Model) bool
	met  chan struct{}
	last string // what the failing condition said last, for the error
}

// pokeMsg makes the program run Update once, so a condition that already
// holds is seen without waiting for the next message.
type pokeMsg struct{}

func (w watched) Init() tea.Cmd { return w.inner.Init() }
func (w watched) View() string  { return w.inner.View() }

func (w watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := w.inner.Update(msg)
	w.inner = next
	w.w.mu.Lock()
	if w.w.cond != nil && w.w.cond(next.(Model)) {
		close(w.w.met)
		w.w.cond = nil
	}
	w.w.mu.Unlock()
	return w, cmd
}

func runWatched(t *testing.T, m Model) (*teatest.TestModel, *watch) {
	t.Helper()
	w := &watch{}
	tm := teatest.NewTestModel(t, watched{inner: m, w: w}, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, w
}

// waitModel waits until cond holds for the model; cond may note in *why
// what it saw, for the error. The timeout only bounds a failing test.
func waitModel(t *testing.T, tm *teatest.TestModel, w *watch, cond func(m Model, why *string) bool) {
	t.Helper()
	met := make(chan struct{})
	w.mu.Lock()
	w.met, w.last = met, ""
	w.cond = func(m Model) bool { return cond(m, &w.last) }
	w.mu.Unlock()
	tm.Send(pokeMsg{})
	select {
	case <-met:
	case <-time.After(30 * time.Second):
		w.mu.Lock()
		defer w.mu.Unlock()
		w.cond = nil
		t.Fatalf("the model never got there; last: %s", w.last)
	}
}

// finalModel is the model the program ended with, watched or not.
func finalModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second))
	if w, ok := fm.(watched); ok {
		return w.inner.(Model)
	}
	return fm.(Model)
}

// waitSettled waits until no request is out (the list's are tracked
// too). A test that cuts the connection next then cuts nothing but
// the IDLE, and no late error of a cut request replaces the notice it
// waits for.
func waitSettled(t *testing.T, tm *teatest.TestModel, w *watch) {
	t.Helper()
	waitModel(t, tm, w, func(m Model, why *string) bool {
		*why = fmt.Sprintf("in flight: %v", m.reqs.Kinds())
		return len(m.reqs.Kinds()) == 0
	})
}

// memWatch is memFlow with a watch on the model.
func memWatch(t *testing.T, srv *memtest.Server, opts Options) (*teatest.TestModel, *watch) {
	t.Helper()
	svc := imapsvc.New(imapsvc.Account{Name: "mem", Host: srv.Host, Port: srv.Port,
		Security: imapsvc.SecurityPlain, Username: srv.Username}, imapsvc.Options{})
	t.Cleanup(svc.Close)
	opts.Account, opts.Password = "mem", srv.Password
	return runWatched(t, New(svc, opts))
}
