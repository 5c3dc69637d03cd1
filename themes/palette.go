// Package themes turns a named colour palette into the lipgloss styles that
// every widget of tern draws with. Themes are data: a Palette is a plain
// struct of colour strings, and Build derives one Styles value from it.
// Nothing outside this package calls lipgloss.Color.
package themes

// Palette is the data a theme is made of: colours as lipgloss accepts them
// ("#rrggbb" or an ANSI number as a string). An empty string means "the
// terminal's default".
type Palette struct {
	Name string

	Fg, Dim, Accent string

	SelectedFg, SelectedBg string // cursor row
	ActiveFg               string // the folder that is open
	Special                string // special-use folders
	Unseen, Flagged        string
	Deleted                string
	Counts                 string

	HeaderKey, HeaderValue string // message viewer headers
	Quote, Note            string

	StatusFg, StatusBg string
	ModeFg, ModeBg     string // READ-WRITE / READ-ONLY badge
	ReadOnlyBg         string
	Error, Warning     string

	BorderFocused, BorderUnfocused string
}

// palettes holds the built-in themes. It is a function, not a package
// variable, so nobody can change a built-in theme at run time.
func palettes() map[string]Palette {
	return map[string]Palette{
		"dark": {
			Name: "dark",
			Fg:   "252", Dim: "243", Accent: "39",
			SelectedFg: "231", SelectedBg: "24",
			ActiveFg: "214", Special: "111",
			Unseen: "231", Flagged: "203", Deleted: "241",
			Counts:    "245",
			HeaderKey: "110", HeaderValue: "252",
			Quote: "108", Note: "179",
			StatusFg: "252", StatusBg: "236",
			ModeFg: "16", ModeBg: "114", ReadOnlyBg: "179",
			Error: "203", Warning: "214",
			BorderFocused: "39", BorderUnfocused: "238",
		},
		"light": {
			Name: "light",
			Fg:   "235", Dim: "246", Accent: "25",
			SelectedFg: "16", SelectedBg: "153",
			ActiveFg: "130", Special: "25",
			Unseen: "16", Flagged: "160", Deleted: "248",
			Counts:    "242",
			HeaderKey: "25", HeaderValue: "235",
			Quote: "28", Note: "130",
			StatusFg: "235", StatusBg: "253",
			ModeFg: "231", ModeBg: "28", ReadOnlyBg: "130",
			Error: "160", Warning: "130",
			BorderFocused: "25", BorderUnfocused: "250",
		},
	}
}
