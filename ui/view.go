package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"tern/ui/pane"
)

// Screen layout: two bordered panes over the main area, then the status
// bar and the message/command line.
const bottomLines = 2

// layout gives every child its inner size (inside the borders), from
// the same geometry the mouse reads (geometry.go).
func (m Model) layout() (tea.Model, tea.Cmd) {
	g := geometry(m.width, m.height)
	mainH, fw, rw := g.mainH, g.foldersW, g.rightW
	m.folders = m.folders.SetSize(max(1, fw-2*paneBorder), g.innerH())
	m.reader = m.reader.SetSize(max(1, rw-2*paneBorder), g.innerH())
	m.cmdline = m.cmdline.setWidth(m.width)
	m.admin.panel.height = max(1, mainH-5) // inside the border, under the title
	var cmd tea.Cmd
	m.list, cmd = m.list.setSize(max(1, rw-2*paneBorder), g.innerH()-listHeaderLines)
	return m, cmd
}

// View draws the whole screen.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	mainH := geometry(m.width, m.height).mainH
	main, ok := m.overlayMain(mainH)
	if !ok {
		right := m.list.view()
		switch {
		case m.readerActive() && m.reader.ShowsParts():
			right = m.reader.View()
		case m.top() == layerPicker:
			right = m.acts.picker.view(m.list.width, m.list.height+1)
		case m.reader.Shown():
			right = m.reader.View()
		}
		main = lipgloss.JoinHorizontal(lipgloss.Top,
			m.border(m.focus == focusFolders).Render(m.folders.View(m.focus == focusFolders)),
			m.border(m.focus == focusRight).Render(right))
	}
	spin := ""
	if m.busy() {
		spin = m.spinner.View()
	}
	bar := m.status.view(m.width, spin, m.activity(), m.list.warm)
	if m.top() == layerCmdline && m.cmdline.note != "" {
		bar = m.status.styles.Warning.Render(pane.Fit(m.cmdline.note, m.width))
	}
	screen := strings.Join([]string{main, bar, m.bottomLine()}, "\n")
	return clip(screen, m.width, m.height)
}

// clip cuts a rendered screen to width×height, so a terminal too small
// for the layout still gets a screen that does not scroll.
func clip(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	switch {
	case len(lines) > height && height > bottomLines:
		lines = append(lines[:height-bottomLines], lines[len(lines)-bottomLines:]...)
	case len(lines) > height:
		lines = lines[len(lines)-max(0, height):]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) border(focused bool) lipgloss.Style {
	if focused {
		return m.styles.Border.Focused
	}
	return m.styles.Border.Unfocused
}

// bottomLine is the overlay's line when the overlay in front has one,
// else the last notice, else the short help of what is in front.
func (m Model) bottomLine() string {
	if line, ok := m.overlayBottom(); ok {
		return line
	}
	switch {
	case m.status.notice != "":
		return m.status.noticeView(m.width)
	case m.top() == layerPrompt:
		return m.help.shortView(m.keys.Prompt, m.width)
	}
	return m.help.shortView(paneKeys{pane: m.paneKeys(), global: m.keys.Global}, m.width)
}
