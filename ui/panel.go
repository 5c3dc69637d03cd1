package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"tern/imapsvc"
	"tern/keymap"
	"tern/themes"
	"tern/ui/pane"
)

// panelModel is a scrollable text overlay for STATUS, the server, quota
// and ACL panels. Esc or q closes it.
type panelModel struct {
	keys   keymap.PanelKeys
	styles *themes.Styles
	title  string
	lines  []string
	offset int
	height int
}

func (m panelModel) show(title string, lines []string) panelModel {
	m.title, m.lines, m.offset = title, lines, 0
	return m
}

func (m panelModel) helpKeys() help.KeyMap { return m.keys }

// update scrolls; closed reports the close key.
func (m panelModel) update(msg tea.KeyMsg) (p panelModel, closed bool) {
	if key.Matches(msg, m.keys.Close) {
		return m, true
	}
	h := max(1, m.height)
	if c, moved := pane.Move(m.keys.Moves, msg, m.offset, len(m.lines), h); moved {
		m.offset = max(0, min(c, len(m.lines)-h))
	}
	return m, false
}

// view draws the panel boxed in width×height.
func (m panelModel) view(width, height int) string {
	m.height = max(1, height-5) // as layout sets it
	end := min(len(m.lines), m.offset+m.height)
	body := make([]string, 0, m.height+1)
	body = append(body, m.styles.Help.Title.Render(m.title), "")
	for _, l := range m.lines[min(m.offset, end):end] {
		body = append(body, pane.Fit(l, max(1, width-4)))
	}
	box := m.styles.Border.Focused.Width(max(1, width-2)).Render(strings.Join(body, "\n"))
	lines := strings.Split(lipgloss.Place(width, height, lipgloss.Left, lipgloss.Top, box), "\n")
	return strings.Join(lines[:min(len(lines), height)], "\n")
}

// The panels, each built in a tea.Cmd from one or more backend calls.

func (m Model) panelCmd(title string, f func(ctx context.Context, b imapsvc.Backend) ([]string, error)) (Model, tea.Cmd) {
	id, b := m.reqs.Start(reqPanel), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		lines, err := f(ctx, b)
		return panelMsg{id: id, title: title, lines: lines, err: err}
	})
}

// statusPanel shows STATUS of a folder without selecting it, with its
// ACL and quota where the server has them.
func (m Model) statusPanel(name imapsvc.FolderName) (Model, tea.Cmd) {
	if name == "" {
		m.status = m.status.setNotice("usage: :status NAME (no folder is open)", true)
		return m, nil
	}
	acl, quota := m.hasCap("ACL"), m.hasCap("QUOTA")
	perm := []string{"PERMANENTFLAGS known for the open folder only (from its SELECT)"}
	if m.list.open && m.list.mb.Name == name {
		perm = permLines(m.status.sel.PermanentFlags, m.list.readOnly)
	}
	return m.panelCmd("STATUS "+name.String(), func(ctx context.Context, b imapsvc.Backend) ([]string, error) {
		st, err := b.Status(ctx, name)
		if err != nil {
			return nil, err
		}
		lines := append(statusLines(st), perm...)
		if acl {
			a, err := b.ACL(ctx, name)
			if err == nil {
				lines = append(append(lines, ""), aclLines(a)...)
			}
		}
		if quota {
			if q, err := b.QuotaRoots(ctx, []imapsvc.FolderName{name}); err == nil {
				lines = append(append(lines, "", "QUOTA"), quotaLines(q)...)
			}
		}
		return lines, nil
	})
}

func (m Model) serverPanel() (Model, tea.Cmd) {
	return m.panelCmd("Server", func(ctx context.Context, b imapsvc.Backend) ([]string, error) {
		info, err := b.ServerInfo(ctx)
		return serverLines(info), err
	})
}

// quotaPanel lists every quota root, found through GETQUOTAROOT of every
// folder.
func (m Model) quotaPanel() (Model, tea.Cmd) {
	names := m.folders.AllNames() // every folder, also those the subscribed view hides
	return m.panelCmd("QUOTA", func(ctx context.Context, b imapsvc.Backend) ([]string, error) {
		q, err := b.QuotaRoots(ctx, names)
		return quotaLines(q), err
	})
}

func (m Model) aclPanel(name imapsvc.FolderName) (Model, tea.Cmd) {
	if name == "" {
		m.status = m.status.setNotice("usage: :acl NAME (no folder is open)", true)
		return m, nil
	}
	id, b := m.reqs.Start(reqPanel), m.backend
	return m, call(requestTimeout, func(ctx context.Context) tea.Msg {
		msg := aclPanelMsg(ctx, b, name)
		msg.id, msg.title = id, "ACL "+name.String()
		return msg
	})
}
