package ui

import (
	"strings"

	"tern/ui/requests"
)

// Kinds of backend calls, for the request tracker (m.reqs). The latest-wins
// ones (StartLatest) are connect, select, message, reader, view and the
// list's own: a newer call makes the older answer stale.
const (
	reqConnect  requests.Kind = iota + 1
	reqSelect                 // SELECT or EXAMINE
	reqMessage                // opening a message
	reqReader                 // a reading view of the open message, :fetch
	reqCount                  // STATUS counts of folders
	reqView                   // search, sort, thread
	reqAction                 // STORE, COPY, MOVE, EXPUNGE, CLOSE, undo, finishing a cut-off move
	reqFolders                // LIST, LIST (SUBSCRIBED)
	reqFolderOp               // CREATE, DELETE, RENAME, SUBSCRIBE, and the STATUS a DELETE asks first
	reqPanel                  // the information panels, SETACL
	reqCaps                   // :capability
	reqSave                   // saving or opening a part
	reqRights                 // MYRIGHTS and the quota root after SELECT
	reqConsole                // a raw command in the console (it shows its own state)
	reqRefresh                // the periodic counts refresh (quiet)
	// The list's own calls (list_fetch.go, list_keys.go, list_refresh.go),
	// all latest-wins: a newer one (a new folder, a reconnect) makes the
	// older answer stale.
	reqUIDs        // the open folder's UID list
	reqRows        // rows of the window around what is shown
	reqDetails     // sizes and attachment marks of those rows
	reqKeys        // sort and thread keys, for a view made here
	reqViewAgain   // a server sort or thread asked again after new mail
	reqSearchAgain // the search asked again after new mail
)

// reqLabel is what the status bar says while calls of kind k run; "" for
// kinds it does not name.
func reqLabel(k requests.Kind) string {
	switch k {
	case reqConnect:
		return "connecting"
	case reqSelect:
		return "opening folder"
	case reqMessage, reqReader:
		return "loading message"
	case reqCount:
		return "counting"
	}
	return ""
}

// quietKind: calls the spinner does not turn for.
func quietKind(k requests.Kind) bool { return k == reqConsole || k == reqRefresh }

// userKind: calls the user asked for; their success clears an older error
// from the message line (see finish).
func userKind(k requests.Kind) bool {
	switch k {
	case reqSelect, reqMessage, reqReader, reqView, reqAction, reqFolderOp, reqPanel, reqCaps, reqSave:
		return true
	}
	return false
}

// busy reports whether the spinner turns: some call other than a quiet
// one is in flight.
func (m Model) busy() bool {
	for _, k := range m.reqs.Kinds() {
		if !quietKind(k) {
			return true
		}
	}
	return false
}

// activity names what is in flight, for the status bar.
func (m Model) activity() string {
	var s []string
	for _, k := range m.reqs.Kinds() {
		if l := reqLabel(k); l != "" && (len(s) == 0 || s[len(s)-1] != l) {
			s = append(s, l)
		}
	}
	return strings.Join(s, ", ")
}

// finish takes the answer to id and reports whether it is to be used. A
// used, successful answer to a call the user asked for clears an error
// notice set before that call started: the newest outcome is what the
// message line shows, as in aerc, where a later status replaces an error.
// An error set after the call started stays (it is newer news).
func (m Model) finish(id requests.ID, err error) bool {
	if !m.reqs.Finish(id) {
		return false
	}
	if err == nil && userKind(id.Kind()) && m.status.noticeErr && id.Num() > m.status.noticeReq {
		m.status = m.status.setNotice("", false)
	}
	return true
}

// stampNotice records, after each message, which calls a new notice is
// newer than.
func (m Model) stampNotice(gen int) {
	if m.status.noticeGen != gen {
		m.status.noticeReq = m.reqs.Last()
	}
}
