package themes

import "github.com/charmbracelet/lipgloss"

// Element is one thing a theme file can style, by the name the file uses.
// The table below is the only list of them: the theme file parser reads
// it, and docs/themes.md is generated from it (TestThemesDoc).
type Element struct {
	Name string // "list.unread": the table [list.unread] in a theme file
	Doc  string
	// Border elements colour a pane's border: fg and bg go to the border.
	Border bool
	style  func(*Styles) *lipgloss.Style
}

// Elements lists every styled element, in the order the docs show them.
func Elements() []Element {
	return []Element{
		{Name: "folders.normal", Doc: "a folder in the folder pane", style: func(s *Styles) *lipgloss.Style { return &s.Folders.Normal }},
		{Name: "folders.selected", Doc: "the folder under the cursor", style: func(s *Styles) *lipgloss.Style { return &s.Folders.Selected }},
		{Name: "folders.open", Doc: "the folder that is open", style: func(s *Styles) *lipgloss.Style { return &s.Folders.Active }},
		{Name: "folders.special", Doc: "special-use folders (Sent, Trash, …)", style: func(s *Styles) *lipgloss.Style { return &s.Folders.Special }},
		{Name: "folders.noselect", Doc: "folders that hold only folders", style: func(s *Styles) *lipgloss.Style { return &s.Folders.NoSelect }},
		{Name: "folders.counts", Doc: "unread and total counts", style: func(s *Styles) *lipgloss.Style { return &s.Folders.Counts }},

		{Name: "list.normal", Doc: "a row of the message list", style: func(s *Styles) *lipgloss.Style { return &s.List.Normal }},
		{Name: "list.selected", Doc: "the row under the cursor", style: func(s *Styles) *lipgloss.Style { return &s.List.Selected }},
		{Name: "list.unread", Doc: "an unread message", style: func(s *Styles) *lipgloss.Style { return &s.List.Unseen }},
		{Name: "list.flagged", Doc: "a flagged message", style: func(s *Styles) *lipgloss.Style { return &s.List.Flagged }},
		{Name: "list.deleted", Doc: `a message marked \Deleted`, style: func(s *Styles) *lipgloss.Style { return &s.List.Deleted }},
		{Name: "list.marked", Doc: "a marked message (t, or inside a v range)", style: func(s *Styles) *lipgloss.Style { return &s.List.Marked }},
		{Name: "list.dim", Doc: "rows still loading, secondary text", style: func(s *Styles) *lipgloss.Style { return &s.List.Dim }},
		{Name: "list.header", Doc: "the column headings", style: func(s *Styles) *lipgloss.Style { return &s.List.Header }},

		{Name: "viewer.header_name", Doc: `a header's name ("From:")`, style: func(s *Styles) *lipgloss.Style { return &s.Viewer.HeaderKey }},
		{Name: "viewer.header_value", Doc: "a header's value", style: func(s *Styles) *lipgloss.Style { return &s.Viewer.HeaderValue }},
		{Name: "viewer.body", Doc: "the message text", style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Body }},
		{Name: "viewer.quote", Doc: `quoted lines (">")`, style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Quote }},
		{Name: "viewer.note", Doc: "tern's [note] lines under a message (what it could not show, …)", style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Notes }},
		{Name: "viewer.link", Doc: `the numbered links under a message ("[1] https://…")`, style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Link }},
		{Name: "viewer.selected", Doc: "the cursor row of the parts list", style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Selected }},
		{Name: "viewer.attachment", Doc: "attachments in the parts list", style: func(s *Styles) *lipgloss.Style { return &s.Viewer.Attachment }},

		{Name: "status.bar", Doc: "the status bar", style: func(s *Styles) *lipgloss.Style { return &s.Status.Normal }},
		{Name: "status.error", Doc: "error messages", style: func(s *Styles) *lipgloss.Style { return &s.Status.Error }},
		{Name: "status.warning", Doc: "warnings", style: func(s *Styles) *lipgloss.Style { return &s.Status.Warning }},
		{Name: "status.insecure", Doc: "INSECURE in the status bar", style: func(s *Styles) *lipgloss.Style { return &s.Status.Insecure }},
		{Name: "status.quota_warning", Doc: "the quota above 90%", style: func(s *Styles) *lipgloss.Style { return &s.Status.QuotaWarn }},
		{Name: "status.read_only", Doc: "the READ-ONLY badge", style: func(s *Styles) *lipgloss.Style { return &s.Status.ReadOnly }},
		{Name: "status.read_write", Doc: "the READ-WRITE badge", style: func(s *Styles) *lipgloss.Style { return &s.Status.Mode }},

		{Name: "cmdline.prompt", Doc: "the prompt of the : line and of questions", style: func(s *Styles) *lipgloss.Style { return &s.Cmdline.Prompt }},
		{Name: "cmdline.text", Doc: "what you type there", style: func(s *Styles) *lipgloss.Style { return &s.Cmdline.Text }},

		{Name: "help.key", Doc: "keys in the help", style: func(s *Styles) *lipgloss.Style { return &s.Help.Key }},
		{Name: "help.description", Doc: "what they do", style: func(s *Styles) *lipgloss.Style { return &s.Help.Desc }},
		{Name: "help.separator", Doc: "separators in the help line", style: func(s *Styles) *lipgloss.Style { return &s.Help.Sep }},
		{Name: "help.title", Doc: "headings in the help", style: func(s *Styles) *lipgloss.Style { return &s.Help.Title }},

		{Name: "border.focused", Doc: "the border of the pane with the focus", Border: true, style: func(s *Styles) *lipgloss.Style { return &s.Border.Focused }},
		{Name: "border.unfocused", Doc: "the other panes' borders", Border: true, style: func(s *Styles) *lipgloss.Style { return &s.Border.Unfocused }},

		{Name: "spinner", Doc: "the busy spinner", style: func(s *Styles) *lipgloss.Style { return &s.Spinner }},
	}
}

// Style returns the element's style in s, for tests and tools.
func (e Element) Style(s *Styles) lipgloss.Style { return *e.style(s) }
