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
	Marked                 string // rows marked with t or inside a v range
	Link                   string // the numbered links under a message
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
			Marked: "213", Link: "75",
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
			Marked: "127", Link: "26",
			Counts:    "242",
			HeaderKey: "25", HeaderValue: "235",
			Quote: "28", Note: "130",
			StatusFg: "235", StatusBg: "253",
			ModeFg: "231", ModeBg: "28", ReadOnlyBg: "130",
			Error: "160", Warning: "130",
			BorderFocused: "25", BorderUnfocused: "250",
		},
		// high-contrast: bright text on the terminal's background, black
		// on yellow for the cursor, no dim greys below 245.
		"high-contrast": {
			Name: "high-contrast",
			Fg:   "231", Dim: "250", Accent: "51",
			SelectedFg: "16", SelectedBg: "226",
			ActiveFg: "226", Special: "51",
			Unseen: "231", Flagged: "196", Deleted: "245",
			Marked: "201", Link: "87",
			Counts:    "250",
			HeaderKey: "51", HeaderValue: "231",
			Quote: "120", Note: "226",
			StatusFg: "16", StatusBg: "231",
			ModeFg: "16", ModeBg: "46", ReadOnlyBg: "226",
			Error: "196", Warning: "226",
			BorderFocused: "226", BorderUnfocused: "250",
		},
		// ansi uses only the terminal's 16 colours (0-15) and its default
		// foreground (""), so it takes on whatever scheme the terminal has.
		"ansi": {
			Name: "ansi",
			Fg:   "", Dim: "8", Accent: "4",
			SelectedFg: "0", SelectedBg: "6",
			ActiveFg: "3", Special: "6",
			Unseen: "", Flagged: "1", Deleted: "8",
			Marked: "5", Link: "4",
			Counts:    "8",
			HeaderKey: "4", HeaderValue: "",
			Quote: "2", Note: "3",
			StatusFg: "0", StatusBg: "7",
			ModeFg: "0", ModeBg: "2", ReadOnlyBg: "3",
			Error: "1", Warning: "3",
			BorderFocused: "4", BorderUnfocused: "8",
		},
	}
}
