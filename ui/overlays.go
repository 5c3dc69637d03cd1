package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"tern/ui/overlay"
)

// layerKind is what an overlay on the stack is.
type layerKind int

const (
	layerNone    layerKind = iota
	layerPrompt            // the password prompt
	layerCmdline           // the ":" command line
	layerPicker            // the folder picker of a copy or move
	layerSearch            // the "/" search prompt
	layerConfirm           // a yes/no question
	layerAsk               // a question with a typed answer (save paths)
	layerPanel             // a text panel (server, STATUS, quota, ACL)
	layerHelp              // the "?" help
	layerConsole           // the protocol console
	layerReview            // the review of a message being written (write.go)
)

// layer is one overlay. Panels and questions keep their state here, since
// a second one may wait under the first; the others are single and keep
// theirs in their models.
type layer struct {
	kind    layerKind
	panel   panelModel   // layerPanel
	confirm confirmModel // layerConfirm
}

type overlays = overlay.Stack[layer]

// top is the kind of overlay in front, layerNone when the panes are.
func (m Model) top() layerKind {
	l, _ := m.overlays.Top()
	return l.kind
}

func (m Model) isOpen(k layerKind) bool {
	return m.overlays.Has(func(l layer) bool { return l.kind == k })
}

// openLayer puts an overlay the user opened in front.
func (m Model) openLayer(l layer) Model {
	m.overlays = m.overlays.Push(l)
	return m
}

// offerLayer puts an overlay that answers an earlier request on the stack
// without taking the front from what the user looks at: it waits under
// it, and the message line says so.
func (m Model) offerLayer(l layer, what string) Model {
	var front bool
	if m.overlays, front = m.overlays.Offer(l); !front {
		m.status = m.status.setNotice(what+" is ready: it opens when you close this", false)
	}
	return m
}

// closeTop closes the overlay in front.
func (m Model) closeTop() Model {
	m.overlays = m.overlays.Pop()
	return m
}

// closeKind closes every overlay of kind k, wherever it is.
func (m Model) closeKind(k layerKind) Model {
	m.overlays = m.overlays.Remove(func(l layer) bool { return l.kind == k })
	return m
}

// offerConfirm asks a question; it waits under whatever is in front.
func (m Model) offerConfirm(c confirmModel) Model {
	return m.offerLayer(layer{kind: layerConfirm, confirm: c}, "a question")
}

// overlayKey gives a key to the overlay in front; ok is false when the
// panes are in front.
func (m Model) overlayKey(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	top, _ := m.overlays.Top()
	var cmd tea.Cmd
	switch top.kind {
	case layerNone:
		return m, nil, false
	case layerPrompt:
		m.prompt, cmd = m.prompt.update(msg) // it closes on the messages it sends
	case layerPicker:
		m.acts.picker, cmd = m.acts.picker.update(msg)
		if !m.acts.picker.active {
			m = m.closeTop()
		}
	case layerSearch:
		m.acts.search, cmd = m.acts.search.update(msg)
		if !m.acts.search.active {
			m = m.closeTop()
		}
	case layerCmdline:
		m.cmdline, cmd = m.cmdline.update(msg)
		if !m.cmdline.active {
			m = m.closeTop()
		}
	case layerConfirm:
		mm, cmd := m.answerConfirm(top.confirm, msg)
		return mm, cmd, true
	case layerConsole:
		mm, cmd := m.consoleKey(msg)
		return mm, cmd, true
	case layerPanel:
		p := top.panel
		p.height = m.admin.panel.height
		var closed bool
		if p, closed = p.update(msg); closed {
			m = m.closeTop()
		} else {
			top.panel = p
			m.overlays = m.overlays.SetTop(top)
		}
	case layerAsk:
		mm, cmd := m.askKey(msg)
		return mm, cmd, true
	case layerReview:
		mm, cmd := m.reviewKey(msg)
		return mm, cmd, true
	case layerHelp:
		if key.Matches(msg, m.keys.Global.Command) {
			m.help.commands = !m.help.commands
		} else if key.Matches(msg, m.keys.Global.Help, m.keys.Viewer.Back, m.keys.Global.Quit) {
			m.help.commands, m.help.offset = false, 0
			m = m.closeTop()
		} else {
			h := geometry(m.width, m.height).mainH
			total := len(m.help.bodyLines(m.helpKeys(), m.width, h))
			m.help = m.help.scroll(msg, m.keys.List.Moves, total, h)
		}
	}
	return m, cmd, true
}

// overlayMain draws the main area of the overlay in front; ok is false
// when the panes show (also under a one-line overlay).
func (m Model) overlayMain(height int) (string, bool) {
	top, _ := m.overlays.Top()
	switch top.kind {
	case layerPrompt:
		return m.prompt.view(m.width, height, m.warnings), true
	case layerConsole:
		return m.admin.console.View(m.width, height), true
	case layerPanel:
		return top.panel.view(m.width, height), true
	case layerHelp:
		return m.help.overlayView(m.helpKeys(), m.keys.List.Moves, m.width, height), true
	case layerReview:
		return m.write.review.SetSize(m.width, height).View(), true
	}
	return "", false
}

// overlayBottom is the bottom line of the overlay in front; ok is false
// when the message line shows the notice or the short help.
func (m Model) overlayBottom() (string, bool) {
	top, _ := m.overlays.Top()
	switch top.kind {
	case layerSearch:
		return m.acts.search.view(), true
	case layerCmdline:
		return m.cmdline.view(), true
	case layerConfirm:
		return top.confirm.view(m.width), true
	case layerConsole:
		return m.help.shortView(m.admin.console.HelpKeys(), m.width), true
	case layerPanel:
		return m.help.shortView(top.panel.helpKeys(), m.width), true
	case layerAsk:
		return m.ask.input.View(), true
	case layerReview:
		if m.write.review.Asking() {
			return m.write.review.PromptView(), true
		}
		if m.status.notice == "" {
			return m.help.shortView(m.write.review.HelpKeys(), m.width), true
		}
	case layerPicker: // its input is in the pane; a notice goes first
		if m.status.notice == "" {
			return m.help.shortView(m.acts.picker.keys, m.width), true
		}
	}
	return "", false
}

// helpKeys are the bindings the "?" overlay shows where the focus is.
func (m Model) helpKeys() paneKeys {
	return paneKeys{title: m.paneTitle(), pane: m.paneKeys(), global: m.keys.Global}
}
