package themes

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Styles is everything tern draws with, one sub-struct per widget.
type Styles struct {
	Name    string
	Folders FolderStyles
	List    ListStyles
	Viewer  ViewerStyles
	Status  StatusStyles
	Cmdline CmdlineStyles
	Help    HelpStyles
	Border  BorderStyles
	Spinner lipgloss.Style
}

// FolderStyles draw the folder tree.
type FolderStyles struct {
	Normal   lipgloss.Style
	Selected lipgloss.Style // the cursor row
	Active   lipgloss.Style // the folder that is open
	Special  lipgloss.Style // special-use folders (Sent, Trash...)
	NoSelect lipgloss.Style // \Noselect and placeholder parents
	Counts   lipgloss.Style
}

// ListStyles draw the message list.
type ListStyles struct {
	Normal   lipgloss.Style
	Selected lipgloss.Style
	Unseen   lipgloss.Style
	Flagged  lipgloss.Style
	Deleted  lipgloss.Style
	Marked   lipgloss.Style // marked rows (t, a v range)
	Dim      lipgloss.Style // rows still loading, secondary columns
	Header   lipgloss.Style
}

// ViewerStyles draw an open message.
type ViewerStyles struct {
	HeaderKey   lipgloss.Style
	HeaderValue lipgloss.Style
	Body        lipgloss.Style
	Quote       lipgloss.Style // lines starting with ">"
	Notes       lipgloss.Style
	Selected    lipgloss.Style // the cursor row of the parts list
	Attachment  lipgloss.Style // attachment rows of the parts list
	Link        lipgloss.Style // the numbered links "[N] URL" under the text
}

// StatusStyles draw the status bar and the message line under it.
type StatusStyles struct {
	Normal   lipgloss.Style
	Error    lipgloss.Style
	Warning  lipgloss.Style
	Insecure lipgloss.Style
	// QuotaWarn draws the quota bar above 90% (issue 5).
	QuotaWarn lipgloss.Style
	ReadOnly  lipgloss.Style
	Mode      lipgloss.Style // READ-WRITE badge
}

// CmdlineStyles draw the ":" command line and the password prompt.
type CmdlineStyles struct {
	Prompt lipgloss.Style
	Text   lipgloss.Style
}

// HelpStyles draw the "?" overlay and the short help line.
type HelpStyles struct {
	Key   lipgloss.Style
	Desc  lipgloss.Style
	Sep   lipgloss.Style
	Title lipgloss.Style
}

// BorderStyles draw pane borders.
type BorderStyles struct {
	Focused   lipgloss.Style
	Unfocused lipgloss.Style
}

func color(s string) lipgloss.TerminalColor {
	if s == "" {
		return lipgloss.NoColor{}
	}
	return lipgloss.Color(s)
}

// Build derives all styles from a palette.
func Build(p Palette) Styles {
	fg := lipgloss.NewStyle().Foreground(color(p.Fg))
	dim := lipgloss.NewStyle().Foreground(color(p.Dim))
	sel := lipgloss.NewStyle().Foreground(color(p.SelectedFg)).Background(color(p.SelectedBg))
	status := lipgloss.NewStyle().Foreground(color(p.StatusFg)).Background(color(p.StatusBg))
	border := lipgloss.NewStyle().Border(lipgloss.RoundedBorder())

	return Styles{
		Name: p.Name,
		Folders: FolderStyles{
			Normal:   fg,
			Selected: sel.Bold(true),
			Active:   lipgloss.NewStyle().Foreground(color(p.ActiveFg)).Bold(true),
			Special:  lipgloss.NewStyle().Foreground(color(p.Special)),
			NoSelect: dim.Italic(true),
			Counts:   lipgloss.NewStyle().Foreground(color(p.Counts)),
		},
		List: ListStyles{
			Normal:   fg,
			Selected: sel,
			Unseen:   lipgloss.NewStyle().Foreground(color(p.Unseen)).Bold(true),
			Flagged:  lipgloss.NewStyle().Foreground(color(p.Flagged)),
			Deleted:  lipgloss.NewStyle().Foreground(color(p.Deleted)).Strikethrough(true),
			Marked:   lipgloss.NewStyle().Foreground(color(p.Marked)).Bold(true),
			Dim:      dim,
			Header:   lipgloss.NewStyle().Foreground(color(p.Accent)).Bold(true),
		},
		Viewer: ViewerStyles{
			HeaderKey:   lipgloss.NewStyle().Foreground(color(p.HeaderKey)).Bold(true),
			HeaderValue: lipgloss.NewStyle().Foreground(color(p.HeaderValue)),
			Body:        fg,
			Quote:       lipgloss.NewStyle().Foreground(color(p.Quote)),
			Notes:       lipgloss.NewStyle().Foreground(color(p.Note)).Italic(true),
			Selected:    sel,
			Attachment:  lipgloss.NewStyle().Foreground(color(p.Accent)),
			Link:        lipgloss.NewStyle().Foreground(color(p.Link)).Underline(true),
		},
		Status: StatusStyles{
			Normal:    status,
			Error:     lipgloss.NewStyle().Foreground(color(p.Error)).Bold(true),
			Warning:   lipgloss.NewStyle().Foreground(color(p.Warning)),
			Insecure:  status.Foreground(color(p.Error)).Bold(true),
			QuotaWarn: status.Foreground(color(p.Warning)).Bold(true),
			ReadOnly:  lipgloss.NewStyle().Foreground(color(p.ModeFg)).Background(color(p.ReadOnlyBg)).Bold(true),
			Mode:      lipgloss.NewStyle().Foreground(color(p.ModeFg)).Background(color(p.ModeBg)),
		},
		Cmdline: CmdlineStyles{
			Prompt: lipgloss.NewStyle().Foreground(color(p.Accent)).Bold(true),
			Text:   fg,
		},
		Help: HelpStyles{
			Key:   lipgloss.NewStyle().Foreground(color(p.Accent)),
			Desc:  dim,
			Sep:   dim,
			Title: lipgloss.NewStyle().Foreground(color(p.Accent)).Bold(true),
		},
		Border: BorderStyles{
			Focused:   border.BorderForeground(color(p.BorderFocused)),
			Unfocused: border.BorderForeground(color(p.BorderUnfocused)),
		},
		Spinner: lipgloss.NewStyle().Foreground(color(p.Accent)),
	}
}

// Names lists the built-in themes, sorted.
func Names() []string {
	var names []string
	for n := range palettes() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Get builds the built-in theme called name (case-insensitive).
func Get(name string) (Styles, error) {
	p, ok := palettes()[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Styles{}, fmt.Errorf("unknown theme %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return Build(p), nil
}

// Default is the theme used when the configuration names none.
func Default() Styles {
	s, _ := Get("dark")
	return s
}
