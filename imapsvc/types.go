// Package imapsvc is tern's only door to the IMAP server. Each account gets a
// Service whose goroutine owns the connection and runs requests one at a time;
// callers use blocking methods (the UI wraps them in tea.Cmds) and read
// unsolicited server data from Events. Every string meant for the screen has
// already passed through the sanitizer when it leaves this package.
package imapsvc

import (
	"strings"
	"time"

	"tern/sanitize"
)

// UID is an IMAP unique identifier; messages are addressed by UID across
// commands, never by sequence number.
type UID = uint32

// Security is how the connection is protected.
type Security string

const (
	SecurityTLS      Security = "tls"      // implicit TLS, port 993
	SecurityStartTLS Security = "starttls" // STARTTLS upgrade, port 143; never falls back
	SecurityPlain    Security = "plain"    // cleartext, only when configured
)

// Account is what the service needs to reach one server.
type Account struct {
	Name          string
	Host          string
	Port          int
	Security      Security
	Username      string
	CAFile        string // extra trust root, PEM
	TLSSkipVerify bool
	Trash         string // configured Trash folder, used when none has \Trash
	Sent, Drafts  string // configured folders, used when none has \Sent, \Drafts (append.go)
	// Auth AuthXOAuth2 or AuthOAuthBearer logs in with an access token
	// from Token, asked anew for every login; there is no password then.
	Auth  AuthMech
	Token TokenFunc
}

// ConnState is the connection's state as the status bar shows it.
type ConnState int

const (
	StateDisconnected ConnState = iota
	StateConnecting
	StateAuthenticated
	StateSelected
	StateIdle
)

func (s ConnState) String() string {
	switch s {
	case StateConnecting:
		return "connecting"
	case StateAuthenticated:
		return "authenticated"
	case StateSelected:
		return "selected"
	case StateIdle:
		return "idle"
	}
	return "disconnected"
}

// Session describes a logged-in connection.
type Session struct {
	Caps     []string // CAPABILITY after login, sorted, sanitized
	Insecure bool     // certificate verification was switched off
	Greeting string
}

// FolderName is a folder's name as the server spells it: the wire form,
// for commands (SELECT, COPY, RENAME...), map keys and comparisons. It is
// its own type so that the raw name cannot reach the terminal by
// accident: a server may name a folder "\x1b]0;pwned\x07" (a window title
// change), and every place that shows names is a place to forget
// sanitize.Line. Concatenating a FolderName into a string, or passing it
// where a string is expected (a notice, lipgloss's Render, notify.Mail),
// does not compile; fmt's %s and %v print String, the sanitized form.
// The only way to the raw bytes is an explicit string(name), which
// belongs in imapsvc (the wire) and in files that store names, never on
// a path to the screen.
type FolderName string

// String is the display form: the name with escape sequences, control
// and bidi characters removed (sanitize.Line). It may differ from the
// name; use it only to show.
func (n FolderName) String() string { return sanitize.Line(string(n)) }

// Shown reports whether the display form is the name itself, i.e. the
// name has nothing the screen cannot show as it is.
func (n FolderName) Shown() bool { return n.String() == string(n) }

// IsInbox reports whether n is INBOX, which IMAP compares case-insensitively.
func (n FolderName) IsInbox() bool { return strings.EqualFold(string(n), "INBOX") }

// Folder is one LIST entry. Name is the server's own name, for commands;
// Display is its sanitized form for the screen.
type Folder struct {
	Name       FolderName
	Display    string
	Delim      string // hierarchy delimiter, "" when flat
	NoSelect   bool
	SpecialUse string // Drafts, Sent, Trash, Junk, Archive, All, Flagged or ""
	Counts     *Counts
}

// Counts are a folder's message numbers from LIST-STATUS or STATUS.
type Counts struct {
	Messages, Unseen uint32
}

// FolderList answers ListFolders.
type FolderList struct {
	Folders []Folder
	// CountsPending is true when counts arrive later through FolderCounts
	// (servers without LIST-STATUS).
	CountsPending bool
}

// FolderCounts answers Counts for folders that LIST did not count.
type FolderCounts struct {
	Counts map[FolderName]Counts
	Errors map[FolderName]string // sanitized server text
}

// Flags of a message. Keywords are sanitized, as every string for the screen.
type Flags struct {
	Seen, Flagged, Answered, Deleted, Draft bool
	Keywords                                []string
}

// Row is what the message list shows for one message.
type Row struct {
	UID     UID
	Flags   Flags
	Date    time.Time // INTERNALDATE
	From    string    // sanitized display name or address
	Subject string    // sanitized
	// FromAddr is the first From's address, when it is one a reply could
	// go to (sanitized, at most 254 bytes): for address completion.
	FromAddr string
	// Size and Attachment arrive with the second, slower fetch (Details).
	Size       int64
	Attachment bool
	HasDetails bool
}

// Mailbox identifies an open folder; results and events carry it so the UI
// can drop anything that answers a folder it has since left.
type Mailbox struct {
	Name        FolderName
	UIDValidity uint32
}

// Selection answers Select: the server's SELECT/EXAMINE data and the newest
// window of rows, fetched before the UID map so the first screen is quick.
type Selection struct {
	Mailbox
	ReadOnly bool
	Exists   uint32
	Recent   uint32 // from the untagged RECENT response
	// Unseen is left 0 by Select and answered by UIDs (UIDList.Unseen):
	// counting is kept off the path to the first rows.
	Unseen         uint32
	FirstUnseen    uint32 // [UNSEEN n]: sequence number of the first unseen, 0 if not sent
	UIDNext        UID
	PermanentFlags []string // sanitized
	Newest         []Row    // newest messages, newest last
	// After a reconnect, on a server with CONDSTORE: the messages whose
	// flags changed while tern was away (UID and Flags set), and
	// FlagsCurrent true, so other cached rows' flags are still right.
	Changed      []Row
	FlagsCurrent bool
}

// UIDList answers UIDs: every UID in the folder in sequence order, and
// how many messages are unseen.
type UIDList struct {
	Mailbox
	// UIDs is read-only: the service's sequence map reads the same array
	// (a copy is 4 MB at 1,000,000 messages); copy it to change it.
	UIDs   []UID
	Unseen uint32
}

// RowList answers Rows.
type RowList struct {
	Mailbox
	RequestID int
	Rows      []Row
}

// DetailList answers Details (RFC822.SIZE and BODYSTRUCTURE).
type DetailList struct {
	Mailbox
	RequestID int
	Rows      []Row // only UID, Size, Attachment and HasDetails are set
}

// Message answers FetchMessage.
type Message struct {
	Mailbox
	UID     UID
	From    string
	To      string
	Cc      string
	Date    time.Time
	Subject string
	Text    string   // decoded, sanitized body text
	Notes   []string // what could not be shown as-is (unknown charset...)
	Parts   []PartInfo
	Flags   Flags
	HTML    bool // Text is the rendering of an HTML part
	HasHTML bool // an HTML alternative exists (FetchBody with html shows it)
}

// PartInfo is one entry of the message's structure, for the parts line.
type PartInfo struct {
	Section  string
	Type     string // "text/plain"
	Name     string // sanitized file name
	Size     uint32
	Encoding string
	// Attachment is true for parts to save or open rather than read.
	Attachment bool
}

// Event is unsolicited server data or a change of connection state.
type Event interface{ event() }

// StateChanged reports a new connection state; Err is set when it was lost.
type StateChanged struct {
	State ConnState
	Err   error
}

// Exists reports a new message count for the open folder.
type Exists struct {
	Mailbox
	Count uint32
}

// Recent reports a new RECENT count for the open folder.
type Recent struct {
	Mailbox
	Count uint32
}

// Expunged reports that a message left the open folder.
type Expunged struct {
	Mailbox
	UID UID
}

// FlagsChanged reports new flags of a message in the open folder.
type FlagsChanged struct {
	Mailbox
	UID   UID
	Flags Flags
}

// ServerAlert carries an [ALERT] or BYE text, sanitized.
type ServerAlert struct {
	Text string
}

func (StateChanged) event() {}
func (Exists) event()       {}
func (Recent) event()       {}
func (Expunged) event()     {}
func (FlagsChanged) event() {}
func (ServerAlert) event()  {}

// MessageInfo answers FetchInfo: what FETCH FAST, ALL and FULL return for
// one message, every string sanitized.
type MessageInfo struct {
	Mailbox
	UID          UID
	Flags        []string // as the server sends them, \Seen included
	InternalDate time.Time
	Size         int64 // RFC822.SIZE
	Envelope     EnvelopeInfo
	Structure    []string // BODY: one line per part, indented by depth
}

// EnvelopeInfo is the ENVELOPE of a message, addresses joined per field.
type EnvelopeInfo struct {
	Date                                        time.Time
	Subject, From, Sender, ReplyTo, To, Cc, Bcc string
	InReplyTo, MessageID                        string
}

// RawPage answers FetchRaw: one page of the raw source (BODY.PEEK[]<offset.size>).
type RawPage struct {
	Mailbox
	UID    UID
	Offset int64
	Text   string // sanitized; the bytes of the page as text
	Length int    // bytes fetched for this page
	Total  int64  // RFC822.SIZE of the whole message
}

// SaveProgress reports how far SavePart has come writing a part to disk.
type SaveProgress struct {
	ID          int // the id SavePart was given
	Done, Total int64
}

func (SaveProgress) event() {}

// NewMail reports messages that arrived in the open folder, fetched by UID
// (UID FETCH <highest known + 1>:*) as soon as the server announced them.
type NewMail struct {
	Mailbox
	Rows []Row // newest last
}

// Reconnecting reports a lost connection and when the next try is due.
type Reconnecting struct {
	Attempt int       // 1 for the first try after the loss
	At      time.Time // when the next try starts
	Err     error     // why the connection (or the last try) failed
}

// Reconnected reports that a lost connection was re-established and
// logged in again; the folder that was open must be selected and resynced.
type Reconnected struct{}

func (NewMail) event()      {}
func (Reconnecting) event() {}
func (Reconnected) event()  {}
