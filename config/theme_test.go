package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThemeKey: theme names a built-in or a file in the themes directory;
// anything else is an error on the theme line.
func TestThemeKey(t *testing.T) {
	cfgHome := t.TempDir()
	themeDir := filepath.Join(cfgHome, "tern", "themes")
	if err := os.MkdirAll(themeDir, 0o700); err != nil {
		t.Fatal(err)
	}
	// The file's content is not config's business: even a broken one passes.
	if err := os.WriteFile(filepath.Join(themeDir, "mine.toml"), []byte("[nonsense\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	loader := Loader{Themes: []string{"dark", "light"}, Getenv: func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return cfgHome
		}
		return ""
	}}
	const acct = "[[account]]\nname = \"a\"\nhost = \"h\"\nusername = \"u\"\n"
	for _, tt := range []struct {
		src, want, err string
	}{
		{src: acct, want: "dark"},
		{src: "theme = \"light\"\n" + acct, want: "light"},
		{src: "theme = \"mine\"\n" + acct, want: "mine"},
		{src: "\ntheme = \"lihgt\"\n" + acct,
			err: `:2: theme = "lihgt": not a built-in theme (dark, light), and ` + filepath.Join(themeDir, "lihgt.toml") + ` cannot be read (did you mean "light"?)`},
		{src: "theme = \"mine.toml\"\n" + acct,
			err: `:1: theme = "mine.toml": not a built-in theme (dark, light), and ` + filepath.Join(themeDir, "mine.toml.toml") + ` cannot be read`},
		{src: "theme = \"/etc/passwd\"\n" + acct, err: `:1: theme = "/etc/passwd": must be a built-in theme`},
		{src: "theme = \".hidden\"\n" + acct, err: `:1: theme = ".hidden": must be a built-in theme`},
		{src: "theme = \"\"\n" + acct, err: `:1: theme = "": must be a built-in theme (dark, light) or the name of a theme file`},
	} {
		path := writeConfig(t, tt.src, 0o600)
		c, _, err := loader.Load(path)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), path+tt.err) {
				t.Errorf("%q: error = %v, want it to start %s%s", tt.src, err, path, tt.err)
			}
			continue
		}
		if err != nil || c.Theme != tt.want {
			t.Errorf("%q: theme = %v, %v; want %q", tt.src, c, err, tt.want)
		}
	}
}

func TestThemeDir(t *testing.T) {
	for _, tt := range []struct{ xdg, home, want string }{
		{"/x", "/h", "/x/tern/themes"},
		{"", "/h", "/h/.config/tern/themes"},
		{"relative", "/h", "/h/.config/tern/themes"}, // the XDG spec ignores relative paths
	} {
		got, err := ThemeDir(func(k string) string {
			return map[string]string{"XDG_CONFIG_HOME": tt.xdg, "HOME": tt.home}[k]
		})
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("ThemeDir(XDG_CONFIG_HOME=%q HOME=%q) = %q, %v; want %q", tt.xdg, tt.home, got, err, tt.want)
		}
	}
}
