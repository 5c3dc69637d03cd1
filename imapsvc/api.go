package imapsvc

import (
	"context"
	"errors"
	"io"
	"log/slog"
)

// Options tune a Service beyond the account itself.
type Options struct {
	Logger *slog.Logger
	// Trace receives the protocol trace with credentials redacted.
	Trace io.Writer
	// EventBuffer is the size of the Events channel (default 256).
	EventBuffer int
	// Live watching and reconnecting; zero values take the defaults in
	// live.go.
	Live LiveOptions
}

// ErrStale answers a request about a folder that is no longer the open one;
// the UI drops such answers quietly.
var ErrStale = errors.New("folder is no longer open")

// ServerError is a NO or BAD from the server, with its sanitized text.
type ServerError struct {
	Op   string // the command, e.g. "SELECT"
	Text string
}

func (e *ServerError) Error() string { return e.Op + ": " + e.Text }

// Backend is what the UI needs from a Service; tests may fake it for UI edge
// cases. Every method blocks until the server answers or ctx ends, so the UI
// calls them only from tea.Cmds.
type Backend interface {
	Connect(ctx context.Context, password string) (Session, error)
	Events() <-chan Event
	ListFolders(ctx context.Context) (FolderList, error)
	Counts(ctx context.Context, names []string) (FolderCounts, error)
	Select(ctx context.Context, name string, readOnly bool, window int) (Selection, error)
	UIDs(ctx context.Context, mb Mailbox) (UIDList, error)
	Rows(ctx context.Context, mb Mailbox, requestID int, uids []UID) (RowList, error)
	Details(ctx context.Context, mb Mailbox, requestID int, uids []UID) (DetailList, error)
	FetchMessage(ctx context.Context, mb Mailbox, uid UID, markSeen bool) (Message, error)
	Capability(ctx context.Context) ([]string, error)
	Logout(ctx context.Context) error
}
