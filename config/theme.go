package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// ThemeDir is where theme files live: $XDG_CONFIG_HOME/tern/themes, else
// ~/.config/tern/themes (on macOS too, as aerc and other terminal programs
// do, rather than ~/Library).
func ThemeDir(getenv func(string) string) (string, error) {
	dir, err := xdgDir(getenv, "XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", fmt.Errorf("cannot find the themes directory: %w", err)
	}
	return filepath.Join(dir, "tern", "themes"), nil
}

// themeName is what a theme file may be called: no path, no hidden files.
var themeName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// validateTheme accepts a built-in theme (ld.Themes) or the name of a file
// NAME.toml in ThemeDir. The file's content is the themes package's to
// check, later: a mistake there must not stop tern.
func (ld *loader) validateTheme(c *Config) {
	at := []string{"theme"}
	builtins := strings.Join(ld.Themes, ", ")
	switch {
	case c.Theme == "":
		if ld.pos.has(at...) {
			ld.errorf(at, `theme = "": must be a built-in theme (%s) or the name of a theme file`, builtins)
		} else if len(ld.Themes) > 0 {
			c.Theme = ld.Themes[0]
		}
	case slices.Contains(ld.Themes, c.Theme):
	case !themeName.MatchString(c.Theme):
		ld.errorf(at, "theme = %q: must be a built-in theme (%s) or the name of a file in the themes directory, without a path or .toml", c.Theme, builtins)
	default:
		dir, err := ThemeDir(ld.Getenv)
		if err != nil {
			ld.errorf(at, "theme = %q: %v", c.Theme, err)
			return
		}
		path := filepath.Join(dir, c.Theme+".toml")
		if _, err := os.Stat(path); err != nil {
			msg := fmt.Sprintf("theme = %q: not a built-in theme (%s), and %s cannot be read", c.Theme, builtins, path)
			if s := suggestTheme(c.Theme, ld.Themes); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			ld.errorf(at, "%s", msg)
		}
	}
}

func suggestTheme(name string, builtins []string) string {
	known := map[string]int{}
	for i, b := range builtins {
		known[b] = i
	}
	return suggest(name, known)
}
