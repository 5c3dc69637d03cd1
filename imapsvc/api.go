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
	Counts(ctx context.Context, names []FolderName) (FolderCounts, error)
	Select(ctx context.Context, name FolderName, readOnly bool, window int) (Selection, error)
	UIDs(ctx context.Context, mb Mailbox) (UIDList, error)
	Rows(ctx context.Context, mb Mailbox, requestID int, uids []UID) (RowList, error)
	Details(ctx context.Context, mb Mailbox, requestID int, uids []UID) (DetailList, error)
	FetchMessage(ctx context.Context, mb Mailbox, uid UID, markSeen bool) (Message, error)
	Capability(ctx context.Context) ([]string, error)
	// Reading (read.go, info.go, fetchitems.go, save.go).
	FetchBody(ctx context.Context, mb Mailbox, uid UID, html bool) (Message, error)
	FetchHeader(ctx context.Context, mb Mailbox, uid UID) (string, error)
	FetchRaw(ctx context.Context, mb Mailbox, uid UID, offset int64, size int) (RawPage, error)
	FetchInfo(ctx context.Context, mb Mailbox, uid UID) (MessageInfo, error)
	FetchItems(ctx context.Context, req FetchRequest) (FetchResult, error)
	SavePart(ctx context.Context, mb Mailbox, uid UID, part PartInfo, path string, overwrite bool, id int) (int64, error)
	Logout(ctx context.Context) error

	// Folder management, server information, quota, ACL, console (issue 5).
	Create(ctx context.Context, name FolderName) error
	Delete(ctx context.Context, name FolderName) error
	Rename(ctx context.Context, from, to FolderName) error
	Subscribe(ctx context.Context, name FolderName, on bool) error
	Subscribed(ctx context.Context) (Subscriptions, error)
	Status(ctx context.Context, name FolderName) (FolderStatus, error)
	ServerInfo(ctx context.Context) (ServerInfo, error)
	QuotaRoots(ctx context.Context, names []FolderName) ([]Quota, error)
	ACL(ctx context.Context, name FolderName) (ACL, error)
	MyRights(ctx context.Context, name FolderName) (string, error)
	SetACL(ctx context.Context, name FolderName, id, rights string) error
	DeleteACL(ctx context.Context, name FolderName, id string) error
	OpenConsole(ctx context.Context) (Console, error)
	Trace(after int) TraceLines
	// Acting on messages (store.go, transfer.go, search.go).
	Store(ctx context.Context, mb Mailbox, uids []UID, op StoreOp, flags []string) (StoreResult, error)
	ExpungePlan(ctx context.Context, mb Mailbox) (ExpungePlan, error)
	Expunge(ctx context.Context, mb Mailbox, uids []UID, whole bool) (ExpungeResult, error)
	CloseFolder(ctx context.Context, mb Mailbox, deleted []UID) error
	Unselect(ctx context.Context, mb Mailbox) error
	Copy(ctx context.Context, mb Mailbox, uids []UID, dest FolderName) (Transfer, error)
	Move(ctx context.Context, mb Mailbox, uids []UID, dest FolderName) (Transfer, error)
	Undo(ctx context.Context, t Transfer) error
	// Resolve takes the step Held.Next offers after a cut (resolve.go).
	Resolve(ctx context.Context, h Held) (Held, error)
	Search(ctx context.Context, mb Mailbox, keys string) (SearchResult, error)
	Sort(ctx context.Context, mb Mailbox, key SortKey, reverse bool) (SortResult, error)
	Thread(ctx context.Context, mb Mailbox, window []UID) (ThreadResult, error)
	// SortKeys fetches what client-side sorting and threading need
	// (sortkeys.go), for at most MaxKeyChunk UIDs.
	SortKeys(ctx context.Context, mb Mailbox, requestID int, uids []UID, fields KeyFields) (KeyList, error)
}

// AuthError is the server refusing the credentials (a NO to LOGIN or
// AUTHENTICATE): only this is worth asking the password again for.
type AuthError struct{ Err error }

func (e *AuthError) Error() string { return e.Err.Error() }
func (e *AuthError) Unwrap() error { return e.Err }

// ConnectError is a failure to reach a session the server could log in
// to: refused or timed-out connection, TLS or certificate failure, no
// STARTTLS, a broken greeting. Trying again may help; a new password not.
type ConnectError struct {
	Host string
	Err  error
}

func (e *ConnectError) Error() string { return e.Err.Error() }
func (e *ConnectError) Unwrap() error { return e.Err }

// classifyConnect marks a failed connect as a ConnectError unless the
// server refused the credentials.
func classifyConnect(host string, err error) error {
	var ae *AuthError
	var ce *ConnectError
	if err == nil || errors.As(err, &ae) || errors.As(err, &ce) {
		return err
	}
	return &ConnectError{Host: host, Err: err}
}
