// Package reader is the message viewer: the open message with its headers
// and wrapped body, the full header, the raw source a page at a time,
// FETCH FAST/ALL/FULL, the parts list, a :fetch answer, and the progress
// of a save. It owns that state; the root only asks it questions and
// hands it answers. It does no I/O: what it wants done (fetch a view,
// save or open a part, close) it returns as an Intent, and the root
// sends the request and gives the answer back to Update.
package reader

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
)

// view is what the viewer shows of the open message.
type view int

const (
	viewMessage view = iota // summary headers and the text
	viewHeaders             // the full header
	viewRaw                 // a page of the raw source
	viewInfo                // FETCH FAST/ALL/FULL
	viewParts               // the parts list
	viewFetch               // the answer to :fetch
)

// RawPageSize is how much raw source one page holds: a large message is
// read a page at a time.
const RawPageSize = 256 << 10

// Model is the viewer pane. Its zero value is not usable; make it with New.
type Model struct {
	v     viewer
	shown bool // the viewer is in the right pane instead of the list
	view  view
	msg   imapsvc.Message // the last message shown, for going back to it
	has   bool
	raw   imapsvc.RawPage
	parts partsModel
	pkeys keymap.PartsKeys // the parts list's own keys ([keys.parts])
	links []string         // the numbered links of msg (links.go)
	save  saveState
	// detached: the viewer shows a :fetch answer opened from the list, with
	// no message behind it; Back returns to the list.
	detached bool
}

// saveState is the save in progress, for the progress bar.
type saveState struct {
	id          int
	name        string
	done, total int64
}

// New is a closed viewer.
func New(keys keymap.ViewerKeys, parts keymap.PartsKeys, styles themes.ViewerStyles) Model {
	return Model{v: viewer{keys: keys, styles: styles}, pkeys: parts}
}

// Intent is what the reader asks the root to do, returned from Update and
// Key. A nil Intent asks nothing.
type Intent interface{ isIntent() }

// Want names a view the reader asks the root to fetch.
type Want int

// The views Fetch asks for.
const (
	WantHeader Want = iota + 1 // the full header: answer Header
	WantInfo                   // FETCH FAST/ALL/FULL: answer Info
	WantRaw                    // a page of the raw source from Offset: answer Raw
	WantOther                  // the message with the other alternative (HTML or plain): answer Body
)

// Intents.
type (
	// Close asks the root to close the viewer and show the list (Back).
	Close struct{}
	// Fetch asks for a view of a message; the root answers with the type
	// that Want names, or with its error shown itself.
	Fetch struct {
		Want    Want
		Mailbox imapsvc.Mailbox
		UID     imapsvc.UID
		Offset  int64 // WantRaw: where the page starts
		HTML    bool  // WantOther: the alternative wanted
	}
	// Save asks where to save parts of a message: the one part to a file,
	// or (All) every attachment into a directory.
	Save struct {
		Mailbox imapsvc.Mailbox
		UID     imapsvc.UID
		Parts   []imapsvc.PartInfo
		All     bool
	}
	// Open asks the root to save a part to a temporary file and open it.
	Open struct {
		Mailbox imapsvc.Mailbox
		UID     imapsvc.UID
		Part    imapsvc.PartInfo
	}
	// Step asks the root to open the next (Dir 1) or previous (Dir -1)
	// message of the list's current view after UID, or with Unread the
	// next unread one, as Enter in the list would.
	Step struct {
		Mailbox imapsvc.Mailbox
		UID     imapsvc.UID
		Dir     int
		Unread  bool
	}
	// AskLink asks the root for a link number to open (":open N"); the
	// message shown has Count links.
	AskLink struct{ Count int }
	// Notice is a line for the message line; Err marks it an error.
	Notice struct {
		Text string
		Err  bool
	}
)

func (Close) isIntent()   {}
func (Fetch) isIntent()   {}
func (Save) isIntent()    {}
func (Open) isIntent()    {}
func (Notice) isIntent()  {}
func (Step) isIntent()    {}
func (AskLink) isIntent() {}

// Answers the reader applies in Update. The root has dropped stale ones
// and shown errors before it hands them on.
type (
	// Header answers Fetch WantHeader.
	Header struct {
		UID  imapsvc.UID
		Text string
	}
	// Info answers Fetch WantInfo.
	Info struct {
		UID  imapsvc.UID
		Info imapsvc.MessageInfo
	}
	// Raw answers Fetch WantRaw.
	Raw struct {
		UID  imapsvc.UID
		Page imapsvc.RawPage
	}
	// Body answers Fetch WantOther: the message again, with the other
	// alternative (or the same one when it has no other).
	Body struct{ Msg imapsvc.Message }
	// Fetched is the answer to :fetch, to show.
	Fetched struct{ Title, Text string }
)

// Update handles the reader's keys (as Key with reading keys on), the
// answers above, FlagsChanged for the message shown and SaveProgress of
// the save in progress.
func (m Model) Update(msg tea.Msg) (Model, Intent) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.Key(msg, true)
	case Header:
		return m.setText(viewHeaders, fmt.Sprintf("Full header: UID %d", msg.UID), msg.Text, imapsvc.RawPage{}), nil
	case Info:
		return m.setText(viewInfo, fmt.Sprintf("Message info: UID %d", msg.UID), infoText(msg.Info), imapsvc.RawPage{}), nil
	case Raw:
		p := msg.Page
		title := fmt.Sprintf("Raw source: UID %d, bytes %d-%d of %d", msg.UID, p.Offset, p.Offset+int64(p.Length), p.Total)
		return m.setText(viewRaw, title, p.Text, p), nil
	case Fetched:
		return m.setText(viewFetch, msg.Title, msg.Text, imapsvc.RawPage{}), nil
	case Body:
		it := Notice{Text: "showing the " + alternative(msg.Msg.HTML) + " alternative"}
		if msg.Msg.HTML == m.msg.HTML {
			it = Notice{Text: "this message has no other alternative to show (showing " + alternative(msg.Msg.HTML) + ")"}
		}
		return m.ShowMessage(msg.Msg), it
	case imapsvc.FlagsChanged:
		if m.v.hasMsg && m.v.msg.UID == msg.UID {
			m.v.msg.Flags = msg.Flags
		}
	case imapsvc.SaveProgress:
		s := &m.save
		if msg.ID != s.id || s.id == 0 {
			return m, nil
		}
		s.done, s.total = msg.Done, msg.Total
		return m, Notice{Text: progressLine(s.name, s.done, s.total, 20)}
	}
	return m, nil
}

// alternative names the part of a multipart/alternative shown.
func alternative(html bool) string {
	if html {
		return "text/html"
	}
	return "text/plain"
}

// setText shows a reading view of the message.
func (m Model) setText(v view, title, text string, raw imapsvc.RawPage) Model {
	m.view, m.raw = v, raw
	m.v = m.v.setText(title, text)
	return m.syncKeys()
}

// SetSize sets the pane's inner size in cells.
func (m Model) SetSize(w, h int) Model {
	m.v = m.v.setSize(w, h)
	return m
}

// Shown reports whether the viewer is in the right pane.
func (m Model) Shown() bool { return m.shown }

// Close takes the viewer off the screen; the message stays for the keys'
// sake until another is shown.
func (m Model) Close() Model {
	m.shown = false
	return m.syncKeys()
}

// Loading shows the viewer while message uid is fetched.
func (m Model) Loading(uid imapsvc.UID) Model {
	m.v = m.v.setLoading(uid)
	m.has, m.shown = false, true
	return m.syncKeys()
}

// ShowMessage shows a message, at its top.
func (m Model) ShowMessage(msg imapsvc.Message) Model {
	m.view, m.msg, m.has, m.detached, m.shown = viewMessage, msg, true, false, true
	msg.Text, m.links = withLinks(msg.Text, msg.HTML)
	m.v = m.v.setMessage(msg)
	return m.syncKeys()
}

// ShowText shows a titled text that is no message's, such as the
// CAPABILITY list; the reading keys are off.
func (m Model) ShowText(title, text string) Model {
	m.v = m.v.setText(title, text)
	m.has, m.shown = false, true
	return m.syncKeys()
}

// ShowDetached shows a titled text, a :fetch answer opened from the list
// with no message behind it: Back returns to the list, and the reading
// keys stay off until a message is opened.
func (m Model) ShowDetached(title, text string) Model {
	m.view, m.msg, m.has, m.detached, m.shown = viewMessage, imapsvc.Message{}, true, true, true
	m.raw, m.parts, m.links = imapsvc.RawPage{}, partsModel{}, nil
	m.v = m.v.setText(title, text)
	return m.syncKeys()
}

// Detached reports whether the viewer shows a :fetch answer with no
// message behind it.
func (m Model) Detached() bool { return m.detached }

// Message is the message the reading views are of; ok is false when the
// viewer shows no message (loading, a text such as CAPABILITY, a :fetch
// answer opened from the list).
func (m Model) Message() (msg imapsvc.Message, ok bool) {
	return m.msg, m.has && !m.detached && (m.v.hasMsg || m.view != viewMessage)
}

// ShowsParts reports whether the parts list is shown.
func (m Model) ShowsParts() bool { return m.has && !m.detached && m.view == viewParts }

// Keys are the viewer's bindings, those that do not apply now disabled.
func (m Model) Keys() keymap.ViewerKeys { return m.v.keys }

// HelpKeys are the bindings of what is shown, for help: the parts
// list's own while it is shown, else the viewer's.
func (m Model) HelpKeys() help.KeyMap {
	if m.ShowsParts() {
		return m.pkeys
	}
	return m.v.keys
}

// PartsKeys are the parts list's bindings, those that do not apply now
// disabled.
func (m Model) PartsKeys() keymap.PartsKeys { return m.pkeys }

// StartSave records save id (its id in SaveProgress events), whose first
// file is name, for the progress bar.
func (m Model) StartSave(id int, name string) Model {
	m.save = saveState{id: id, name: name}
	return m
}

// SaveDone ends the progress bar of the save.
func (m Model) SaveDone() Model {
	m.save = saveState{}
	return m
}

// View renders the pane, exactly its size.
func (m Model) View() string {
	if m.ShowsParts() {
		return m.parts.view(m.v.styles, fmt.Sprintf("Parts: UID %d", m.msg.UID), m.v.width, m.v.height)
	}
	return m.v.view()
}
