package reader

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/imapsvc"
	"tern/ui/pane"
)

// Key handles a key while the viewer is shown. reading says the message
// shown is of the open folder, so the reading keys (headers, raw, parts,
// save...) apply; otherwise only Back and the scrolling keys do.
func (m Model) Key(msg tea.KeyMsg, reading bool) (Model, Intent) {
	if reading {
		if m, it, ok := m.readingKey(msg); ok {
			return m, it
		}
	}
	if key.Matches(msg, m.v.keys.Back) {
		return m, Close{}
	}
	m.v = m.v.scroll(msg)
	return m, nil
}

// Claims reports whether a key is one of the reading keys of what is
// shown now (the parts list takes every key), so the root gives it to
// the reader before it tries its message actions.
func (m Model) Claims(msg tea.KeyMsg) bool {
	_, _, ok := m.readingKey(msg)
	return ok
}

// readingKey handles the reading keys while the viewer shows a message.
// It reports false for keys it does not take, which then scroll.
func (m Model) readingKey(msg tea.KeyMsg) (Model, Intent, bool) {
	k := m.v.keys
	if !m.has {
		return m, nil, false
	}
	if m.detached {
		if key.Matches(msg, k.Back) {
			return m, Close{}, true
		}
		return m, nil, false
	}
	if m.view == viewParts {
		return m.partsKey(msg)
	}
	fetch := func(w Want) Fetch { return Fetch{Want: w, Mailbox: m.msg.Mailbox, UID: m.msg.UID} }
	step := func(dir int, unread bool) Step {
		return Step{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Dir: dir, Unread: unread}
	}
	switch {
	case key.Matches(msg, k.NextMessage):
		return m, step(1, false), true
	case key.Matches(msg, k.PrevMessage):
		return m, step(-1, false), true
	case key.Matches(msg, k.NextUnread):
		return m, step(1, true), true
	case key.Matches(msg, k.OpenLink):
		return m, AskLink{Count: len(m.links)}, true
	case key.Matches(msg, k.Back) && m.view != viewMessage:
		return m.ShowMessage(m.msg), nil, true
	case key.Matches(msg, k.ToggleHTML):
		f := fetch(WantOther)
		f.HTML = !m.msg.HTML
		return m, f, true
	case key.Matches(msg, k.Headers):
		return m.toggle(viewHeaders, fetch(WantHeader))
	case key.Matches(msg, k.Info):
		return m.toggle(viewInfo, fetch(WantInfo))
	case key.Matches(msg, k.Raw):
		return m.toggle(viewRaw, fetch(WantRaw))
	case key.Matches(msg, k.NextPage) && m.view == viewRaw:
		f := fetch(WantRaw)
		f.Offset = m.raw.Offset + RawPageSize
		return m, f, true
	case key.Matches(msg, k.PrevPage) && m.view == viewRaw:
		f := fetch(WantRaw)
		f.Offset = max(0, m.raw.Offset-RawPageSize)
		return m, f, true
	case key.Matches(msg, k.Parts):
		return m.showParts(), nil, true
	case key.Matches(msg, k.Save, k.Open):
		atts := Attachments(m.msg.Parts)
		if len(atts) != 1 { // choose from the list first, as NeoMutt does
			return m.showParts(), nil, true
		}
		if key.Matches(msg, k.Open) {
			return m, Open{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Part: atts[0]}, true
		}
		return m, Save{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Parts: atts}, true
	case key.Matches(msg, k.SaveAll):
		return m, m.saveAll(), true
	}
	return m, nil, false
}

// toggle asks for a fetched view, or shows the message again when that
// view is already shown.
func (m Model) toggle(v view, f Fetch) (Model, Intent, bool) {
	if m.view == v {
		return m.ShowMessage(m.msg), nil, true
	}
	return m, f, true
}

func (m Model) showParts() Model {
	m.view = viewParts
	m.parts = m.parts.reset(m.msg.Parts)
	return m.syncKeys()
}

func (m Model) saveAll() Intent {
	atts := Attachments(m.msg.Parts)
	if len(atts) == 0 {
		return Notice{Text: "this message has no attachments"}
	}
	return Save{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Parts: atts, All: true}
}

// partsKey handles keys while the parts list is shown ([keys.parts]); it
// takes them all, so no viewer or list key acts behind the list.
func (m Model) partsKey(msg tea.KeyMsg) (Model, Intent, bool) {
	k := m.pkeys
	if c, ok := pane.Move(k.Moves, msg, m.parts.cursor, len(m.parts.parts), m.v.bodyHeight()); ok {
		m.parts.cursor = c
		return m, nil, true
	}
	part, ok := m.parts.selected()
	switch {
	case key.Matches(msg, k.Back):
		return m.ShowMessage(m.msg), nil, true
	case key.Matches(msg, k.Save) && ok:
		return m, Save{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Parts: []imapsvc.PartInfo{part}}, true
	case key.Matches(msg, k.Open) && ok:
		return m, Open{Mailbox: m.msg.Mailbox, UID: m.msg.UID, Part: part}, true
	case key.Matches(msg, k.SaveAll):
		return m, m.saveAll(), true
	}
	return m, nil, true
}

// syncKeys enables only the reading keys that apply now, so help shows
// what works.
func (m Model) syncKeys() Model {
	k := &m.v.keys
	has := m.has && m.shown && !m.detached
	hasAtt := has && len(Attachments(m.msg.Parts)) > 0
	k.ToggleHTML.SetEnabled(has && m.view == viewMessage && m.msg.HasHTML)
	k.Headers.SetEnabled(has && m.view != viewParts)
	k.Raw.SetEnabled(has && m.view != viewParts)
	k.Info.SetEnabled(has && m.view != viewParts)
	k.Parts.SetEnabled(has && m.view != viewParts && len(m.msg.Parts) > 0)
	k.Save.SetEnabled(hasAtt)
	k.SaveAll.SetEnabled(hasAtt)
	k.Open.SetEnabled(hasAtt)
	k.OpenLink.SetEnabled(has && m.view != viewParts && len(m.links) > 0)
	inParts := has && m.view == viewParts && len(m.msg.Parts) > 0
	p := &m.pkeys
	p.Open.SetEnabled(inParts)
	p.Save.SetEnabled(inParts)
	p.SaveAll.SetEnabled(inParts && hasAtt)
	for _, b := range []*key.Binding{&k.NextMessage, &k.PrevMessage, &k.NextUnread} {
		b.SetEnabled(has && m.view != viewParts)
	}
	k.NextPage.SetEnabled(has && m.view == viewRaw && m.raw.Offset+RawPageSize < m.raw.Total)
	k.PrevPage.SetEnabled(has && m.view == viewRaw && m.raw.Offset > 0)
	return m
}

// Attachments are the parts to save or open.
func Attachments(parts []imapsvc.PartInfo) []imapsvc.PartInfo {
	var out []imapsvc.PartInfo
	for _, p := range parts {
		if p.Attachment {
			out = append(out, p)
		}
	}
	return out
}
