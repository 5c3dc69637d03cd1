package main

import (
	"slices"
	"strings"

	"tern/config"
	"tern/themes"
)

// themeNames are the built-in themes in the order config.Loader wants
// them: the default first.
func themeNames() []string {
	names := themes.Names()
	def := themes.Default().Name
	return append([]string{def}, slices.DeleteFunc(names, func(n string) bool { return n == def })...)
}

// loadTheme builds the theme the config names. A broken theme file must
// not stop tern: it then gets the default theme, and the error (file, line
// and key) to show on the screen. NO_COLOR applies to either.
func loadTheme(name string, getenv func(string) string) (themes.Styles, error) {
	styles, err := themes.Default(), error(nil)
	if name != "" {
		var dir string
		if !themes.IsBuiltin(name) {
			dir, err = config.ThemeDir(getenv)
		}
		if err == nil {
			var s themes.Styles
			if s, err = themes.Load(name, dir); err == nil {
				styles = s
			}
		}
	}
	if getenv("NO_COLOR") != "" {
		styles = themes.NoColor(styles)
	}
	return styles, err
}

// themeWarning is a theme error as one line of the start-up notice.
func themeWarning(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ") + " (using the default theme)"
}
