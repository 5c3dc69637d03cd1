package imapsvc

// Types of the folder management, server information, quota, ACL and
// console requests (issue 5). Every string here is sanitized for the
// screen; folder names are FolderName, the server's own names for
// commands, shown through their String method.

// FolderStatus answers Status: STATUS of a folder without selecting it.
type FolderStatus struct {
	Name        FolderName
	Display     string
	Messages    uint32
	Unseen      uint32
	UIDNext     UID
	UIDValidity uint32
	// Size (STATUS=SIZE) and HighestModSeq (CONDSTORE) are set only where
	// the server supports them.
	Size          *int64
	HighestModSeq *uint64
	// Recent comes from STATUS (RECENT) on the side connection, as go-imap
	// cannot ask it (it panics). When that failed, Recent is nil and
	// RecentNote says why.
	Recent     *uint32
	RecentNote string
}

// Subscriptions answers Subscribed: the folders LIST (SUBSCRIBED) returns,
// or LSUB on the side connection where LIST-EXTENDED is missing.
type Subscriptions struct {
	Names []FolderName
	Via   string // the command that asked: "LIST (SUBSCRIBED)" or "LSUB"
}

// Namespace is one NAMESPACE entry.
type Namespace struct {
	Kind   string // personal, other users, shared
	Prefix string // sanitized
	Delim  string
}

// ServerInfo answers ServerInfo: what the server says about itself.
type ServerInfo struct {
	Caps       []string
	Namespaces []Namespace // nil without NAMESPACE
	ID         [][2]string // key, value; nil without ID
	Notes      []string    // what could not be asked, and why
}

// QuotaResource is one resource of a quota root. STORAGE is in KiB as
// RFC 9208 counts it; MESSAGE in messages.
type QuotaResource struct {
	Name         string
	Usage, Limit int64
}

// Quota is one quota root and the folders it was found for.
type Quota struct {
	Root      string
	Folders   []string // sanitized names whose GETQUOTAROOT named this root
	Resources []QuotaResource
}

// ACLEntry is one identifier of a folder's ACL and its rights letters.
type ACLEntry struct {
	ID     string // sanitized
	Rights string
}

// ACL answers ACL: GETACL and MYRIGHTS for a folder.
type ACL struct {
	Name     FolderName
	Display  string
	Entries  []ACLEntry // empty when GETACL was refused (see Err)
	Err      string     // the server's text when GETACL was refused
	MyRights string
}

// RawReply is what the server answered a console command, line by line,
// sanitized, up to and including the tagged status line.
type RawReply struct {
	Tag    string
	Sent   string // the command line as sent, with the tag
	Lines  []string
	Status string // OK, NO or BAD
	// Done > 0 says the console itself sent DONE (to end IDLE) before
	// Lines[Done]: that line is the client's, not the server's.
	Done int
}

// TraceLines answers Trace: trace lines after a position, and the next one.
type TraceLines struct {
	Lines []string
	Next  int
}
