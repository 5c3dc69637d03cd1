package imapsvc

import (
	"errors"
	"fmt"
)

// Types of the requests that act on messages: STORE, EXPUNGE, COPY/MOVE,
// SEARCH, SORT and THREAD. Like every request, they address messages by
// UID and carry the Mailbox they answer.

// StoreOp is the form of a STORE: +FLAGS, -FLAGS or FLAGS.
type StoreOp int

const (
	StoreAdd     StoreOp = iota + 1 // +FLAGS
	StoreRemove                     // -FLAGS
	StoreReplace                    // FLAGS
)

func (op StoreOp) String() string {
	switch op {
	case StoreAdd:
		return "+FLAGS"
	case StoreRemove:
		return "-FLAGS"
	}
	return "FLAGS"
}

// FlagUpdate is a message's flags as the server answered a command.
type FlagUpdate struct {
	UID   UID
	Flags Flags
}

// StoreResult answers Store with the FETCH responses the server sent.
type StoreResult struct {
	Mailbox
	Updated []FlagUpdate
}

// ExpungePlan says what an expunge would remove, so the UI can ask first.
type ExpungePlan struct {
	Mailbox
	UIDPlus bool  // UID EXPUNGE removes only the chosen messages
	Deleted []UID // every \Deleted message in the folder, by any client
}

// ExpungeResult lists the UIDs the server expunged.
type ExpungeResult struct {
	Mailbox
	Expunged []UID
}

// Transfer answers Copy and Move, and is what Undo takes back.
type Transfer struct {
	Source Mailbox
	Dest   FolderName
	UIDs   []UID // the source UIDs asked for
	Move   bool
	// From COPYUID: DestUIDs[i] is the copy of SourceUIDs[i]. Empty when
	// the server sent no COPYUID (no UIDPLUS); then there is no undo.
	DestUIDValidity uint32
	SourceUIDs      []UID
	DestUIDs        []UID
	// Fallback is set when a move was done as COPY, STORE \Deleted and
	// UID EXPUNGE because the server lacks MOVE.
	Fallback bool
	// LeftDeleted is set when such a move could not expunge (no UIDPLUS):
	// the originals are marked \Deleted and wait for the user's EXPUNGE.
	LeftDeleted bool
}

// TryCreateError is a COPY or MOVE answered NO [TRYCREATE]: the folder
// does not exist and could be created. Nothing was changed.
type TryCreateError struct {
	Folder string
	Text   string // sanitized server text
}

func (e *TryCreateError) Error() string {
	return fmt.Sprintf("%s does not exist (%s)", e.Folder, e.Text)
}

// ErrNoCopyUID answers Undo for a transfer the server gave no COPYUID for.
var ErrNoCopyUID = errors.New("the server sent no COPYUID, so tern cannot tell which messages to take back")

// ErrNoUIDPlus answers an expunge of chosen messages on a server without
// UIDPLUS: only EXPUNGE of the whole folder is possible there.
var ErrNoUIDPlus = errors.New("the server has no UIDPLUS: EXPUNGE would remove every \\Deleted message in the folder")

// SearchResult answers Search: matching UIDs in ascending order.
type SearchResult struct {
	Mailbox
	Keys string
	UIDs []UID
}

// SortKey is what Sort orders by.
type SortKey string

const (
	SortArrival SortKey = "arrival"
	SortDate    SortKey = "date"
	SortFrom    SortKey = "from"
	SortSubject SortKey = "subject"
	SortSize    SortKey = "size"
)

// SortResult answers Sort: every UID in display order, first shown first.
type SortResult struct {
	Mailbox
	Key     SortKey
	Reverse bool
	UIDs    []UID
	// Note says what was done instead when the server cannot SORT.
	Note string
	// Unsupported: the server has no SORT; UIDs are in arrival order and
	// the UI sorts by SortKeys itself.
	Unsupported bool
}

// ThreadNode is one message of a thread tree.
type ThreadNode struct {
	UID      UID // 0 for a missing parent
	Children []ThreadNode
}

// ThreadResult answers Thread.
type ThreadResult struct {
	Mailbox
	Threads []ThreadNode
	// Server is true for THREAD=REFERENCES, false for tern's own
	// threading of the window it was given.
	Server bool
}
