package themes

import (
	"fmt"
	"strings"
)

// Markdown is the theme reference, docs/themes.md. It is generated from
// Names and Elements, so the page lists exactly what a theme file accepts.
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# Themes

<!-- Generated from tern's element table (themes/elements.go) by
"go test ./themes -run TestThemesDoc -update". Do not edit by hand. -->

` + "`theme = \"NAME\"`" + ` at the top of the config file picks a theme. NAME is a built-in theme or
the name of a file ` + "`$XDG_CONFIG_HOME/tern/themes/NAME.toml`" + ` (` + "`~/.config/tern/themes/NAME.toml`" + `
when ` + "`XDG_CONFIG_HOME`" + ` is not set).

## Built-in themes

`)
	docs := map[string]string{
		"ansi":          "only the terminal's 16 colours and its default foreground, so it follows the terminal's own colour scheme, light or dark",
		"dark":          "for dark terminals (the default)",
		"high-contrast": "bright text, black on yellow for the cursor",
		"light":         "for light terminals",
	}
	for _, n := range Names() {
		fmt.Fprintf(&b, "- `%s`: %s\n", n, docs[n])
	}
	b.WriteString(`
## Theme files

A theme file starts from a built-in theme and changes the elements it names, one table each:

` + "```toml" + `
base = "dark"             # optional: the built-in theme to start from; dark by default

[list.unread]
fg = "#ffffff"
bold = true

[list.selected]
fg = 16
bg = "bright_yellow"

[status.bar]
bg = "default"            # the terminal's own background
reverse = true
` + "```" + `

Each element's table takes these keys; what it leaves out keeps the base theme's value:

| key | value |
|-----|-------|
| ` + "`fg`, `bg`" + ` | foreground and background: an ANSI number 0–255, ` + "`\"#rrggbb\"`" + `, a name (` + "`black` `red` `green` `yellow` `blue` `magenta` `cyan` `white`" + `, each also as ` + "`bright_NAME`" + `; ` + "`gray`" + `) or ` + "`\"default\"`" + ` for the terminal's own colour |
| ` + "`bold` `italic` `underline` `reverse` `faint` `strikethrough`" + ` | ` + "`true` or `false`" + ` |

For the ` + "`border.`" + ` elements, ` + "`fg` and `bg`" + ` colour the border.

A mistake in a theme file (an unknown element or key, a bad colour) is shown on the screen with the
file, the line and the key, with a "did you mean" for a misspelt element; tern then runs with the
default theme.

## Elements

| element | what it styles |
|---------|----------------|
`)
	for _, e := range Elements() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", e.Name, e.Doc)
	}
	b.WriteString(`
## NO_COLOR

When the ` + "`NO_COLOR`" + ` environment variable is set and not empty, tern draws no colours at all, in
any theme; bold, italic and the other attributes stay. What a background sets apart (the cursor row,
the status bar, the READ-WRITE badge) is shown in reverse video instead.
`)
	return b.String()
}
