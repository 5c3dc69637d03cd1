package ui

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/requests"
)

// readerView is what the viewer shows of the open message.
type readerView int

const (
	viewMessage readerView = iota // summary headers and the text
	viewHeaders                   // the full header
	viewRaw                       // a page of the raw source
	viewInfo                      // FETCH FAST/ALL/FULL
	viewParts                     // the parts list
	viewFetch                     // the answer to :fetch
)

// rawPageSize is how much raw source one page holds: a large message is
// read a page at a time.
const rawPageSize = 256 << 10

// readerState is the open message as the reading keys see it.
type readerState struct {
	view  readerView
	msg   imapsvc.Message // the last message shown, for going back to it
	has   bool
	raw   imapsvc.RawPage
	parts partsModel
	save  saveState
	// detached: the viewer shows a :fetch answer opened from the list, with
	// no message behind it; Back returns to the list.
	detached bool
}

// Results of the reading requests.
type (
	readerTextMsg struct { // headers, info, :fetch and raw pages
		id    requests.ID
		view  readerView
		title string
		text  string
		raw   imapsvc.RawPage
		err   error
	}
	readerBodyMsg struct {
		id  requests.ID
		msg imapsvc.Message
		err error
	}
)

// readerKeys handles the reading keys while the viewer shows a message. It
// reports false for keys it does not take, which then scroll the viewer.
func (m Model) readerKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	k := m.viewer.keys
	r := &m.reader
	if !r.has {
		return m, nil, false
	}
	if r.detached {
		if key.Matches(msg, k.Back) {
			return m.closeViewer(), nil, true
		}
		return m, nil, false
	}
	if r.view == viewParts {
		return m.partsKey(msg)
	}
	switch {
	case key.Matches(msg, k.Back) && r.view != viewMessage:
		return m.showMessage(r.msg), nil, true
	case key.Matches(msg, k.ToggleHTML):
		return m.toggleHTML()
	case key.Matches(msg, k.Headers):
		return m.toggleView(viewHeaders, "Full header", func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, uid imapsvc.UID) (string, error) {
			return b.FetchHeader(ctx, mb, uid)
		})
	case key.Matches(msg, k.Info):
		return m.toggleView(viewInfo, "Message info", func(ctx context.Context, b imapsvc.Backend, mb imapsvc.Mailbox, uid imapsvc.UID) (string, error) {
			info, err := b.FetchInfo(ctx, mb, uid)
			return infoText(info), err
		})
	case key.Matches(msg, k.Raw):
		if r.view == viewRaw {
			return m.showMessage(r.msg), nil, true
		}
		return m.rawPage(0)
	case key.Matches(msg, k.NextPage) && r.view == viewRaw:
		return m.rawPage(r.raw.Offset + rawPageSize)
	case key.Matches(msg, k.PrevPage) && r.view == viewRaw:
		return m.rawPage(max(0, r.raw.Offset-rawPageSize))
	case key.Matches(msg, k.Parts):
		r.view = viewParts
		r.parts = r.parts.reset(r.msg.Parts)
		return m.syncReaderKeys(), nil, true
	case key.Matches(msg, k.Save, k.Open):
		atts := attachments(r.msg.Parts)
		if len(atts) != 1 { // choose from the list first, as NeoMutt does
			r.view = viewParts
			r.parts = r.parts.reset(r.msg.Parts)
			return m.syncReaderKeys(), nil, true
		}
		if key.Matches(msg, k.Open) {
			m, cmd := m.openPart(atts[0])
			return m, cmd, true
		}
		m, cmd := m.askSave(atts[0])
		return m, cmd, true
	case key.Matches(msg, k.SaveAll):
		m, cmd := m.askSaveAll()
		return m, cmd, true
	}
	return m, nil, false
}

// showMessage puts the message view back.
func (m Model) showMessage(msg imapsvc.Message) Model {
	m.reader.view, m.reader.msg, m.reader.has, m.reader.detached = viewMessage, msg, true, false
	m.viewer = m.viewer.setMessage(msg)
	return m.syncReaderKeys()
}

// syncReaderKeys enables only the reading keys that apply now, so help
// shows what works.
func (m Model) syncReaderKeys() Model {
	k := &m.viewer.keys
	r := m.reader
	has := r.has && m.viewerOpen && !r.detached
	hasAtt := has && len(attachments(r.msg.Parts)) > 0
	k.ToggleHTML.SetEnabled(has && r.view == viewMessage && r.msg.HasHTML)
	k.Headers.SetEnabled(has && r.view != viewParts)
	k.Raw.SetEnabled(has && r.view != viewParts)
	k.Info.SetEnabled(has && r.view != viewParts)
	k.Parts.SetEnabled(has && r.view != viewParts && len(r.msg.Parts) > 0)
	k.Save.SetEnabled(hasAtt)
	k.SaveAll.SetEnabled(hasAtt)
	k.Open.SetEnabled(hasAtt)
	k.NextPage.SetEnabled(has && r.view == viewRaw && r.raw.Offset+rawPageSize < r.raw.Total)
	k.PrevPage.SetEnabled(has && r.view == viewRaw && r.raw.Offset > 0)
	return m
}

func (m Model) toggleHTML() (Model, tea.Cmd, bool) {
	r := &m.reader
	id, b, mb, uid, html := m.reqs.StartLatest(reqReader), m.backend, r.msg.Mailbox, r.msg.UID, !r.msg.HTML
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		out, err := b.FetchBody(ctx, mb, uid, html)
		return readerBodyMsg{id: id, msg: out, err: err}
	}), true
}

// toggleView shows a fetched text view, or the message again when that
// view is already shown.
func (m Model) toggleView(v readerView, title string, fetch func(context.Context, imapsvc.Backend, imapsvc.Mailbox, imapsvc.UID) (string, error)) (Model, tea.Cmd, bool) {
	r := &m.reader
	if r.view == v {
		return m.showMessage(r.msg), nil, true
	}
	id, b, mb, uid := m.reqs.StartLatest(reqReader), m.backend, r.msg.Mailbox, r.msg.UID
	title = fmt.Sprintf("%s: UID %d", title, uid)
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		text, err := fetch(ctx, b, mb, uid)
		return readerTextMsg{id: id, view: v, title: title, text: text, err: err}
	}), true
}

func (m Model) rawPage(offset int64) (Model, tea.Cmd, bool) {
	r := &m.reader
	id, b, mb, uid := m.reqs.StartLatest(reqReader), m.backend, r.msg.Mailbox, r.msg.UID
	return m, call(messageTimeout, func(ctx context.Context) tea.Msg {
		page, err := b.FetchRaw(ctx, mb, uid, offset, rawPageSize)
		title := fmt.Sprintf("Raw source: UID %d, bytes %d-%d of %d", uid, page.Offset, page.Offset+int64(page.Length), page.Total)
		return readerTextMsg{id: id, view: viewRaw, title: title, text: page.Text, raw: page, err: err}
	}), true
}

// readerAnswer takes a reading answer for the open viewer: stale ones are
// dropped, errors shown; it reports whether the answer is to be used.
func (m Model) readerAnswer(id requests.ID, err error) (Model, bool) {
	if !m.finish(id, err) || !m.viewerOpen {
		return m, false
	}
	if err != nil {
		m.status = m.status.setNotice(errText(err), true)
		return m, false
	}
	return m, true
}

// readerResult handles the answers to reading requests; it reports false
// for messages that are not its own.
func (m Model) readerResult(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case readerTextMsg:
		var ok bool
		if m, ok = m.readerAnswer(msg.id, msg.err); !ok {
			return m, nil, true
		}
		m.reader.view, m.reader.raw = msg.view, msg.raw
		m.viewer = m.viewer.setText(msg.title, msg.text)
		return m.syncReaderKeys(), nil, true
	case fetchedMsg:
		m, cmd := m.fetched(msg)
		return m, cmd, true
	case readerBodyMsg:
		var ok bool
		if m, ok = m.readerAnswer(msg.id, msg.err); !ok {
			return m, nil, true
		}
		if msg.msg.HTML == m.reader.msg.HTML {
			m.status = m.status.setNotice("this message has no other alternative to show", false)
		}
		return m.showMessage(msg.msg), nil, true
	}
	return m.saveResult(msg)
}

// attachments are the parts to save or open.
func attachments(parts []imapsvc.PartInfo) []imapsvc.PartInfo {
	var out []imapsvc.PartInfo
	for _, p := range parts {
		if p.Attachment {
			out = append(out, p)
		}
	}
	return out
}

// readerActive reports whether the viewer shows a message of the open
// folder or one of its views (not a loading screen, a text such as
// CAPABILITY, a :fetch answer opened from the list, or a message of a
// folder left since: the same UID there is another message).
func (m Model) readerActive() bool {
	r := m.reader
	return r.has && !r.detached && m.list.open && r.msg.Mailbox == m.list.mb &&
		(m.viewer.hasMsg || r.view != viewMessage)
}
