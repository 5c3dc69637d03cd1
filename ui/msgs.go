package ui

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/sanitize"
	"tern/ui/folders"
	"tern/ui/requests"
)

// Timeouts of backend calls; each runs in its own tea.Cmd.
const (
	connectTimeout = 45 * time.Second
	requestTimeout = 30 * time.Second
	messageTimeout = 90 * time.Second
	logoutTimeout  = 2 * time.Second
)

// Results of backend calls. Each carries what it answers, so the model can
// drop answers about a folder, request or message it has since left.
type (
	connectedMsg struct {
		id      requests.ID
		session imapsvc.Session
		err     error
	}
	// Answers for the folder pane, with the request they answer.
	foldersMsg struct {
		id requests.ID
		folders.Listed
	}
	countsMsg struct {
		id requests.ID
		folders.Counted
	}
	selectedMsg struct {
		id       requests.ID
		resync   bool // the SELECT after a reconnect: resync the list in place
		name     imapsvc.FolderName
		readOnly bool
		sel      imapsvc.Selection
		err      error
	}
	messageMsg struct {
		id  requests.ID
		mb  imapsvc.Mailbox
		uid imapsvc.UID
		msg imapsvc.Message
		err error
	}
	capsMsg struct {
		id   requests.ID
		caps []string
		err  error
	}
	loggedOutMsg struct{}
	eventMsg     struct{ ev imapsvc.Event }
	eventsClosed struct{}
)

// Requests from children to the root.
type (
	commandMsg      struct{ line string }
	passwordMsg     struct{ password string }
	promptCancelMsg struct{}
	// noticeMsg shows a line in the message line; err marks it an error.
	noticeMsg struct {
		text string
		err  bool
	}
)

// call runs f with a timeout inside a command.
func call(timeout time.Duration, f func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		return f(ctx)
	}
}

// waitEvent reads one event; the root re-arms it after every event.
func waitEvent(ch <-chan imapsvc.Event) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return eventsClosed{}
		}
		return eventMsg{ev}
	}
}

// errDetail is errText without the command name of a server error, for
// notices that name the command themselves.
func errDetail(err error) string {
	var se *imapsvc.ServerError
	if errors.As(err, &se) {
		return se.Text
	}
	return errText(err)
}

// isStale reports an answer about a folder that is no longer open.
func isStale(err error) bool { return errors.Is(err, imapsvc.ErrStale) }

// errText is what the status line shows for an error: a server's NO or BAD
// text as the server sent it, a timeout in words.
func errText(err error) string {
	var se *imapsvc.ServerError
	switch {
	case errors.As(err, &se):
		return se.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for the server"
	case errors.Is(err, imapsvc.ErrNotConnected):
		return "not connected: nothing was sent (tern reconnects by itself; :login logs in now)"
	}
	// Not a NO or BAD: an error of the network or the protocol library,
	// which may quote what the server sent.
	return sanitize.Line(err.Error())
}
