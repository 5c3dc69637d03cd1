package ui

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
)

// After a move, delete or undo was cut off, the service has looked again:
// the message line says what the server holds and, where one step would
// complete it (or keep originals without a copy from being expunged),
// asks for it. y takes the step, n leaves everything as it is.

// resolveMsg asks the service to take the step Held.Next offers.
type resolveMsg struct {
	held imapsvc.Held
}

// heldFailure handles an error that carries what the server holds; ok is
// false for any other error.
func (m Model) heldFailure(err error) (Model, bool) {
	var ie *imapsvc.InterruptedError
	var hc *imapsvc.HeldChangedError
	var h imapsvc.Held
	lead := ""
	switch {
	case errors.As(err, &ie):
		h, lead = ie.Held, fmt.Sprintf("Cut off during %s: ", ie.Op)
	case errors.As(err, &hc):
		h, lead = hc.Held, "Changed since tern looked, nothing was done: "
	default:
		return m, false
	}
	state := h.Describe()
	step, uids := h.Next()
	src := h.Source.Name.String()
	var q string
	switch step {
	case imapsvc.StepFinish:
		q = fmt.Sprintf("y to finish the move (expunge the %s from %s), n to leave as is", plural(len(uids), "original"), src)
	case imapsvc.StepMark:
		q = fmt.Sprintf("y to mark the %s \\Deleted in %s (then $ expunges them), n to leave both", plural(len(uids), "original"), src)
	case imapsvc.StepUnmark:
		q = fmt.Sprintf("y to clear \\Deleted on the %s in %s that have no copy, n to leave them", plural(len(uids), "original"), src)
	default:
		if len(h.Marked) > 0 && len(h.Copied) > 0 {
			state += "; $ expunges the originals"
		}
		m.status = m.status.setNotice(lead+state, true)
		return m, true
	}
	m.status = m.status.setNotice(lead+state, true)
	m = m.offerConfirm(m.admin.confirm.askMsg(lead+state+": "+q, resolveMsg{held: h}))
	return m, true
}

// resolveCmd takes the step, then opens the folder the list showed (the
// service leaves none open) and says what the server holds now.
func (m Model) resolveCmd(msg resolveMsg) (Model, tea.Cmd) {
	reopen := msg.held.Source.Name
	if m.list.open {
		reopen = m.list.mb.Name
	}
	return m.runBackend("finish", m.list.mb, func(ctx context.Context, b imapsvc.Backend) actionMsg {
		after, err := b.Resolve(ctx, msg.held)
		return actionMsg{err: err, reopen: reopen, done: "done: " + after.Describe()}
	})
}
