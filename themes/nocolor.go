package themes

import "github.com/charmbracelet/lipgloss"

// NoColor strips every colour from s and keeps the attributes, for
// NO_COLOR (https://no-color.org). What a background set apart (the cursor
// row, the status bar, badges) is shown in reverse video instead, so it
// stays visible.
func NoColor(s Styles) Styles {
	for _, e := range Elements() {
		st := e.style(&s)
		_, noBg := st.GetBackground().(lipgloss.NoColor)
		*st = st.UnsetForeground().UnsetBackground().UnsetBorderForeground().UnsetBorderBackground()
		if !noBg && !e.Border {
			*st = st.Reverse(true)
		}
	}
	return s
}
