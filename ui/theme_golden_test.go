package ui

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"tern/imapsvc"
	"tern/themes"
)

// TestGoldenThemes draws the start screen in every built-in theme with its
// colours, and once under NO_COLOR, so a change to a palette or to how
// themes reach the widgets shows up as a diff. The other goldens are drawn
// without colour (fake_test.go); this one switches the profile and back.
func TestGoldenThemes(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	render := func(t *testing.T, st themes.Styles) {
		opts := testOptions()
		opts.Styles = st
		m := start(t, quiet(12), opts)
		// One marked row, away from the cursor, shows list.marked.
		d := m.list.disp()
		m.list.look.marked = map[imapsvc.UID]bool{d.At(min(2, d.Len()-1)): true}
		golden.RequireEqual(t, []byte(m.View()))
	}
	for _, name := range themes.Names() {
		t.Run(name, func(t *testing.T) {
			st, err := themes.Get(name)
			if err != nil {
				t.Fatal(err)
			}
			render(t, st)
		})
	}
	t.Run("no-color", func(t *testing.T) {
		render(t, themes.NoColor(themes.Default()))
	})
}
